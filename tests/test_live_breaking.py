"""The breaking-news bar says its text as plain text, like a headline: tags typed on the desk are
removed when it is saved, never shown as words nor rendered as HTML."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import StaffClient, must_search
from warta.articles.models import Article
from warta.live.models import Breaking

pytestmark = pytest.mark.django_db

ADD = "/redaksi/live/breaking/add/"


def mark_breaking(editor: StaffClient, article: Article, label: str) -> Breaking:
    later = timezone.localtime() + datetime.timedelta(hours=2)
    form = {
        "article": article.pk,
        "label": label,
        "expires_at_0": later.strftime("%Y-%m-%d"),
        "expires_at_1": later.strftime("%H:%M:%S"),
    }
    assert editor.post(ADD, form).status_code == 302
    return Breaking.objects.get()


def bar() -> str:
    """The bar's link as the home page shows it."""
    html = Client().get("/").content.decode()
    return must_search(r'<div class="breaking".*?<a [^>]*>(.*?)</a>', html, re.S).group(1)


def test_tags_typed_into_the_bar_are_removed_when_it_is_saved(editor, seed):
    typed = "<b>Gempa</b> M 6,1 guncang <i>Bawean</i><script>alert(1)</script>"
    breaking = mark_breaking(editor, seed, typed)
    assert breaking.label == "Gempa M 6,1 guncang Bawean"
    shown = bar()
    assert shown.endswith("</strong> Gempa M 6,1 guncang Bawean")  # after the "Breaking" label
    assert "&lt;" not in shown and "<script" not in shown


def test_symbols_in_the_bar_stay_as_typed_and_escaped(editor, seed):
    breaking = mark_breaking(editor, seed, "Harga BBM naik 10% & antre < 1 jam")
    assert breaking.label == "Harga BBM naik 10% & antre < 1 jam"
    assert bar().endswith("Harga BBM naik 10% &amp; antre &lt; 1 jam")


def test_a_label_stored_with_tags_reads_as_plain_text(seed):
    """Set some other way than the desk (or before it cleaned labels): the bar still shows words."""
    Breaking.objects.create(
        article=seed, label="<b>Gempa</b> susulan", expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    shown = bar()
    assert shown.endswith("Gempa susulan") and "&lt;b&gt;" not in shown


def test_the_desk_says_the_bar_is_plain_text(editor):
    page = editor.get(ADD).content.decode()
    assert "berupa teks biasa (tag HTML dibuang)" in page
