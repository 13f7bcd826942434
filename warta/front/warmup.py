"""Work a fresh server process does once at start instead of on its first readers' requests.

A new worker (after a deploy, a restart, or a crash) would otherwise make its first readers wait
for the URLconf's imports and reverse index, the template tag libraries, every reader-facing
template's parse, the translation catalogue and the Redis client's import: together more than
the first page's own rendering. Nothing here touches the database or
the cache, so a worker starts even while they are away.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, loader
from django.urls import get_resolver
from django.utils import translation

from warta.caching import generations

log = logging.getLogger(__name__)

READER_APPS = ("front", "articles", "comments", "live", "pages", "search")


def warm_up() -> None:
    resolver = get_resolver()
    for reverser in (resolver, *(sub for _, sub in resolver.namespace_dict.values())):
        reverser.reverse_dict  # noqa: B018 - imports every URLconf and view, and indexes them for reverse()
    generations.store()  # imports the Redis client (no connection: that waits for a request)
    with translation.override(settings.LANGUAGE_CODE):  # reads the catalogue
        for name in _reader_templates():
            try:
                loader.get_template(name)
            except (TemplateSyntaxError, TemplateDoesNotExist) as exc:  # the page will say so; start
                log.error("template %s does not compile: %s", name, exc)


def _reader_templates() -> list[str]:
    names: list[str] = []
    for label in READER_APPS:
        root = Path(apps.get_app_config(label).path) / "templates"
        names += [str(path.relative_to(root)) for path in sorted(root.rglob("*.html"))]
    return names
