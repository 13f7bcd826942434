"""How long ago, in the newsroom's words: `{{ when|ago }}` ("5 menit lalu", "baru saja")."""

from __future__ import annotations

import datetime

from django import template

from warta.newsroom import dashboard

register = template.Library()


@register.filter
def ago(when: datetime.datetime | None) -> str:
    return dashboard.ago(when) if when else ""


@register.filter
def waiting(when: datetime.datetime | None) -> str:
    return dashboard.waiting(when) if when else ""


@register.filter
def clock(when: datetime.datetime | None) -> str:
    return dashboard.clock(when) if when else ""
