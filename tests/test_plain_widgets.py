"""The comment form's inputs written in Python (lib/forms.py) are Django's own markup, byte for byte."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import get_default_renderer

from warta.comments.forms import CommentForm
from warta.lib.forms import PlainWidgets

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>&amp;'


def fields_as_html(form: forms.Form) -> list[str]:
    return [str(bound) for bound in form]


def with_django_renderer(form: forms.Form) -> forms.Form:
    form.renderer = get_default_renderer()
    return form


@pytest.mark.parametrize(
    "data",
    [
        None,  # the form every article shows
        {},  # everything missing: errors, aria-invalid, aria-describedby
        {"text": HOSTILE, "name": HOSTILE, "email": "bukan-alamat", "website": HOSTILE, "remember": "on"},
        {"text": "Baris satu\nbaris dua", "name": "Rani", "email": "rani@pembaca.id", "parent": "7", "token": "x"},
    ],
)
def test_every_comment_field_is_written_as_django_writes_it(data) -> None:
    ours = CommentForm(data) if data is not None else CommentForm(initial={"parent": 12})
    theirs = with_django_renderer(CommentForm(data) if data is not None else CommentForm(initial=ours.initial))
    if data is not None:
        ours.is_valid(), theirs.is_valid()
    assert isinstance(ours.renderer, PlainWidgets)
    assert fields_as_html(ours) == fields_as_html(theirs)


def test_reader_text_is_escaped_in_inputs_and_textareas() -> None:
    form = CommentForm({"text": HOSTILE, "name": HOSTILE, "email": "", "website": ""})
    form.is_valid()
    html = str(form["text"]) + str(form["name"])
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html


class Everything(forms.Form):
    """Widgets the renderer writes itself beside one it leaves to Django (the select)."""

    number = forms.IntegerField(widget=forms.NumberInput(attrs={"step": 1, "data-x": True, "data-off": False}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    choice = forms.ChoiceField(choices=[("a", "A <b>"), ("b", "B")])
    agree = forms.BooleanField(initial=True)


@pytest.mark.parametrize("data", [None, {"number": "x", "secret": HOSTILE, "when": "2026-11-29", "choice": "b"}])
def test_other_widgets_and_those_it_leaves_to_django_are_unchanged(data) -> None:
    ours, theirs = Everything(data, renderer=PlainWidgets()), with_django_renderer(Everything(data))
    if data is not None:
        ours.is_valid(), theirs.is_valid()
    assert fields_as_html(ours) == fields_as_html(theirs)
