"""Decide where a new comment goes: approved, held for moderation, or the spam folder.

No third-party service: the rules are a honeypot, a minimum time to fill the form, a blocklist,
a link count and whether the commenter already has an approved comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

from warta.comments.models import BlockedTerm, Comment
from warta.sitesettings import values as site_values

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str = ""


def judge(*, name: str, email: str, website: str, text: str, ip: str, seconds_taken: float, honeypot: str) -> Verdict:
    if honeypot:
        return Verdict(Comment.Status.SPAM, "honeypot")
    if seconds_taken < settings.WARTA_COMMENT_MIN_SECONDS:
        return Verdict(Comment.Status.SPAM, "too fast")
    blocked = blocked_term(name=name, email=email, website=website, text=text, ip=ip)
    if blocked:
        return Verdict(Comment.Status.SPAM, f"blocklist: {blocked}")
    if len(LINK.findall(text)) > site_values.current().comment_max_links:
        return Verdict(Comment.Status.PENDING, "too many links")
    if site_values.current().comment_trust_approved and Comment.objects.approved().filter(email=email).exists():
        return Verdict(Comment.Status.APPROVED)
    return Verdict(Comment.Status.PENDING, "first comment")


def blocked_term(*, name: str, email: str, website: str, text: str, ip: str) -> str:
    """Return the blocklist entry the comment matches, or an empty string."""
    words = f"{name}\n{website}\n{text}".lower()
    email = email.lower()
    domain = email.rpartition("@")[2]
    for term in BlockedTerm.objects.all():
        if term.kind == BlockedTerm.Kind.WORD and term.value in words:
            return str(term)
        if term.kind == BlockedTerm.Kind.EMAIL and term.value in (email, domain, f"@{domain}"):
            return str(term)
        if term.kind == BlockedTerm.Kind.IP and term.value == ip:
            return str(term)
    return ""
