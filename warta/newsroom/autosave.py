"""Autosave: what a writer typed, kept every few seconds so a closed tab or a crash loses nothing.

One autosave per person and article is replaced each time (never a new revision). It never
touches the article itself: restoring it puts the text back in the form together with the version
it was based on, so the stale-save rule still refuses to overwrite someone else's newer save.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from warta.articles.models import Article
from warta.newsroom.models import Autosave

# What the editor sends; anything else in the payload is ignored.
TEXT_FIELDS = ("headline", "dek", "tags_text", "dateline_city", "slug")
MAX_TEXT = 2_000
MAX_BLOCKS = 2_000


def clean_fields(raw: object) -> dict[str, Any]:
    """Keep the known fields of an autosave payload, or raise ValidationError."""
    if not isinstance(raw, dict):
        raise ValidationError(_("An autosave needs its fields."))
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = raw.get(name, "")
        if not isinstance(value, str):
            raise ValidationError(_("The field “%(field)s” cannot be autosaved.") % {"field": name})
        # A field over its limit (a headline pasted whole: the desk lets it in to say it is too long
        # when saved) must not stop the body's autosave; the draft keeps its beginning.
        fields[name] = value[:MAX_TEXT]
    body = raw.get("body", [])
    if not isinstance(body, list) or len(body) > MAX_BLOCKS or not all(isinstance(b, dict) for b in body):
        raise ValidationError(_("The body cannot be autosaved."))
    fields["body"] = body
    return fields


def store(user: User, article: Article | None, base_version: int, fields: dict[str, Any]) -> Autosave:
    """Replace this person's autosave of this article (None: the new article they are writing)."""
    saved, _created = Autosave.objects.update_or_create(
        user=user, article=article, defaults={"base_version": base_version, "fields": fields}
    )
    return saved


def pending(user: User, article: Article | None) -> Autosave | None:
    """The autosave to offer when the editor opens: only one newer than the article's last save."""
    found = Autosave.objects.filter(user=user, article=article).first()
    if found is None or (article is not None and found.saved_at <= article.updated_at):
        return None
    return found


def discard(user: User, article: Article | None) -> None:
    Autosave.objects.filter(user=user, article=article).delete()
