"""Forget commenters' IP addresses and user agents once moderation no longer needs them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from warta.comments.models import Comment


class Command(BaseCommand):
    help = "Erase IP addresses and user agents of comments older than WARTA_COMMENT_KEEP_IP_DAYS."

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - datetime.timedelta(days=settings.WARTA_COMMENT_KEEP_IP_DAYS)
        old = Comment.objects.filter(created_at__lt=cutoff).filter(~Q(user_agent="") | Q(ip_address__isnull=False))
        count = old.update(ip_address=None, user_agent="")
        self.stdout.write(f"Erased the IP address and user agent of {count} comments.")
