"""A fresh server process parses the readers' templates at start, not on its first readers."""

from __future__ import annotations

import logging

from django.template import Template, engines

from warta.front import warmup


def cached_names() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]  # type: ignore[attr-defined]
    return set(loader.get_template_cache)


def test_the_reader_templates_are_parsed_at_start():
    engines["django"].engine.template_loaders[0].reset()  # type: ignore[attr-defined]
    warmup.warm_up()
    for name in ("base.html", "articles/article.html", "articles/story.html", "front/card.html", "live/stream.html"):
        assert name in cached_names(), name


def test_a_template_that_does_not_compile_is_logged_and_the_server_starts(monkeypatch, caplog):
    real = warmup.loader.get_template

    def get_template(name: str):
        if name == "broken.html":
            return Template("{% if %}")  # raises as a broken file would
        return real(name)

    monkeypatch.setattr(warmup.loader, "get_template", get_template)
    monkeypatch.setattr(warmup, "_reader_templates", lambda: ["broken.html", "base.html"])
    with caplog.at_level(logging.ERROR, logger="warta.front.warmup"):
        warmup.warm_up()
    assert "broken.html does not compile" in caplog.text and "base.html" in cached_names()
