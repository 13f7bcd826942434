"""Purge exactly the pages a change shows up on: in our cache, and in a CDN if one is set up."""

from __future__ import annotations

import json
import logging
import threading
import urllib.request

from django.conf import settings
from django.db import transaction

from warta.caching import keys, store

log = logging.getLogger(__name__)


def purge(surrogate_keys: set[str]) -> None:
    """Bump the keys now and again after the transaction commits.

    Now: the very next request misses. After commit: a page rebuilt meanwhile from the data
    as it was before the commit cannot survive.
    """
    store.bump(surrogate_keys)

    def after_commit() -> None:
        store.bump(surrogate_keys)
        if settings.WARTA_PURGE_URL:
            threading.Thread(target=_tell_cdn, args=(sorted(surrogate_keys),), daemon=True).start()

    transaction.on_commit(after_commit)


def _tell_cdn(surrogate_keys: list[str]) -> None:
    """POST {"keys": [...]} to WARTA_PURGE_URL: the hook a CDN purge adapter listens on."""
    request = urllib.request.Request(  # noqa: S310 - the address is the operator's own setting
        settings.WARTA_PURGE_URL,
        data=json.dumps({"keys": surrogate_keys}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        urllib.request.urlopen(request, timeout=5).close()  # noqa: S310
    except OSError as exc:
        log.warning("CDN purge of %s failed: %s", surrogate_keys, exc)


def article_changed(sender, instance, **kwargs) -> None:
    purge({keys.ARTICLES, keys.article(instance.pk)})


def article_part_changed(sender, instance, **kwargs) -> None:
    """A byline, source or tag list: the article's page and the lists showing it."""
    purge({keys.ARTICLES, keys.article(instance.article_id)})


def tags_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:  # article.tags.add(...)
        purge({keys.ARTICLES, keys.article(instance.pk)})
    elif pk_set:  # tag.articles.add(...)
        purge({keys.ARTICLES, *(keys.article(pk) for pk in pk_set)})
    else:  # tag.articles.clear(): which articles is no longer known
        purge({keys.SITE})


def comment_changed(sender, instance, **kwargs) -> None:
    purge({keys.article(instance.article_id)})


def site_changed(sender, instance, created: bool = False, **kwargs) -> None:
    """Sections, tags, authors, static pages, an edited photo: shown all over the site."""
    if sender.__name__ == "Photo" and created:
        return  # a new photo is on no page until an article uses it
    purge({keys.SITE})
