"""The audit log's writers: one call for the newsroom's own screens, and receivers that mirror
every back-office add, change and delete (Django's admin LogEntry) into the log, so edits of
articles, sections, pages and staff are recorded without each screen remembering to."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models import Model
from django.db.models.signals import post_save, pre_save
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from warta.newsroom.models import AuditEntry

Action, Kind = AuditEntry.Action, AuditEntry.Kind

# app_label.model -> what the log calls it; anything else is "other", named in the detail.
KINDS = {
    "articles.article": Kind.ARTICLE,
    "comments.comment": Kind.COMMENT,
    "auth.user": Kind.STAFF,
    "auth.group": Kind.STAFF,
    "taxonomy.section": Kind.SECTION,
    "taxonomy.tag": Kind.TAG,
    "authors.author": Kind.AUTHOR,
    "pages.page": Kind.PAGE,
    "photos.photo": Kind.PHOTO,
    "sitesettings.sitesettings": Kind.SETTINGS,
}
FLAGS = {ADDITION: Action.CREATED, CHANGE: Action.EDITED, DELETION: Action.DELETED}


def record(
    user: Any, action: str, kind: str, object_id: object, label: str, detail: str = "", *, article_id: int | None = None
) -> AuditEntry:
    """Add one entry. `user` None means the system (the worker, a migration)."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        action=action,
        kind=kind,
        object_id=str(object_id or ""),
        article_id=article_id,
        headline=Truncator(label).chars(200),
        detail=Truncator(detail).chars(300),
    )


def name_the_article(sender: type[Model], instance: AuditEntry, **kwargs: object) -> None:
    """The workflow writes entries with an article only: give them the article's ID as object."""
    if instance.article_id and not instance.object_id:
        instance.object_id = str(instance.article_id)


def mirror_log_entry(sender: type[Model], instance: LogEntry, created: bool, **kwargs: object) -> None:
    """Copy an admin add/change/delete into the audit log."""
    content_type = instance.content_type
    if not created or content_type is None:
        return
    label = f"{content_type.app_label}.{content_type.model}"
    kind = KINDS.get(label, Kind.OTHER)
    action = FLAGS.get(instance.action_flag)
    if action is None:
        return
    if kind == Kind.ARTICLE and action == Action.DELETED:
        return  # the article desk already logs its deletions (with the headline kept)
    detail = _change_message(instance)
    if kind == Kind.OTHER:
        detail = f"{content_type.name}: {detail}" if detail else str(content_type.name)
    article_id = None
    if kind == Kind.ARTICLE and action != Action.DELETED and str(instance.object_id or "").isdigit():
        article_id = int(str(instance.object_id))
    record(instance.user, action, kind, instance.object_id, instance.object_repr, detail, article_id=article_id)


def _label(label: str) -> str:
    """A field's label in the site's language. LogEntry keeps the English labels ("Image file",
    "Headline") and translates each as written, but the catalogue has most only as their verbose
    names, in lower case ("image file" -> "berkas gambar")."""
    translated = gettext(label)
    if translated == label and label[:1].isupper():
        lower = label[:1].lower() + label[1:]
        if gettext(lower) != lower:
            return capfirst(gettext(lower))
    return translated


def _change_message(entry: LogEntry) -> str:
    try:
        parts = json.loads(entry.change_message or "[]")
    except ValueError:
        return str(entry.get_change_message())
    for part in parts if isinstance(parts, list) else []:
        changed = part.get("changed") if isinstance(part, dict) else None
        if isinstance(changed, dict) and isinstance(changed.get("fields"), list):
            changed["fields"] = [_label(str(label)) for label in changed["fields"]]
    translated = copy.copy(entry)
    translated.change_message = json.dumps(parts)
    return str(translated.get_change_message())


MODERATION = {
    "approved": Action.APPROVED,
    "unapproved": Action.UNAPPROVED,
    "spam": Action.SPAM,
    "trashed": Action.TRASHED,
    "untrashed": Action.UNTRASHED,
    "replied": Action.REPLIED,
}


def comments_moderated(sender: type[Model], user: Any, action: str, comments: list[Any], **kwargs: object) -> None:
    """One entry per comment: who approved, spammed, trashed, restored or answered it."""
    if action not in MODERATION:
        return
    for comment in comments:
        label = f"{comment.name}: {Truncator(comment.text).chars(80)}"
        detail = comment.article.headline if comment.article_id else ""
        record(user, MODERATION[action], Kind.COMMENT, comment.pk, label, detail)


def connect() -> None:
    from warta.comments.admin import moderated

    pre_save.connect(name_the_article, sender=AuditEntry, dispatch_uid="newsroom.audit.name_the_article")
    post_save.connect(mirror_log_entry, sender=LogEntry, dispatch_uid="newsroom.audit.mirror_log_entry")
    moderated.connect(comments_moderated, dispatch_uid="newsroom.audit.comments_moderated")
