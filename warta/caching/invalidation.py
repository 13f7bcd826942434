"""Purge exactly the pages a change shows up on: in our cache, and in a CDN if one is set up.

Each app connects its own models in its AppConfig.ready(), naming the surrogate keys a change
touches (see keys.py); this module knows no model.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.request
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from warta.caching import keys, memo, store

log = logging.getLogger(__name__)

KeysFor = Callable[[Any], set[str]]


def purge(surrogate_keys: set[str]) -> None:
    """Bump the keys once the data they describe is committed: at once outside a transaction.

    Never before the commit: a page rebuilt from data about to change would be purged again
    a moment later, two renders for one change. A page that started rendering before the
    commit cannot survive it either: it is stored under the generation it read, which the
    bump makes old.
    """

    # This process's values held under them are read again from now (memo.Held); the bump on
    # commit makes whatever is read in between stale again, here and on every server.
    memo.forget(surrogate_keys)

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


def on_change(model: type[models.Model], keys_for: KeysFor, new_ones_too: bool = True) -> None:
    """Purge keys_for(instance) whenever a model instance is saved or deleted.

    new_ones_too=False: a newly created instance is on no page yet (a photo just uploaded).
    """

    def changed(sender: type[models.Model], instance: Any, created: bool = False, **kwargs: Any) -> None:
        if created and not new_ones_too:
            return
        purge(keys_for(instance))

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"cache.{model._meta.label}.{id(signal)}")


def on_article_tags(through: type[models.Model]) -> None:
    """Purge the articles whose tags change (article.tags.add / tag.articles.add / clear)."""

    def changed(sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any) -> None:
        if not action.startswith("post_"):
            return
        if not reverse:  # article.tags.add(...)
            purge({keys.ARTICLES, keys.article(instance.pk)})
        elif pk_set:  # tag.articles.add(...)
            purge({keys.ARTICLES, *(keys.article(pk) for pk in pk_set)})
        else:  # tag.articles.clear(): which articles is no longer known
            purge({keys.SITE})

    m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"cache.{through._meta.label}")
