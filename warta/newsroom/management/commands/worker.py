"""warta worker: publishes scheduled articles at their time, and does the daily housekeeping.

One loop, no broker: it asks the database what is due, so a schedule changed or cancelled in
the back office is always honoured, and two workers never publish twice (rows are locked).
"""

from __future__ import annotations

import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from warta.articles.models import Article
from warta.newsroom.workflow import publish_due

DAY = 24 * 3600


class Command(BaseCommand):
    help = "Publish scheduled articles when their time comes; purge old comment metadata daily."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="do what is due now, then stop")
        parser.add_argument("--interval", type=float, default=15.0, help="longest sleep between checks (seconds)")

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        last_housekeeping = 0.0
        self.stdout.write("Warta worker: watching for scheduled articles.")
        while not stopping:
            for article in publish_due():
                self.stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} published: {article.headline}")
            if time.monotonic() - last_housekeeping > DAY:
                call_command("purge_comment_metadata", stdout=self.stdout)
                last_housekeeping = time.monotonic()
            if once:
                return
            time.sleep(self._until_next(interval))

    @staticmethod
    def _until_next(interval: float) -> float:
        upcoming = (
            Article.objects.filter(status=Article.Status.SCHEDULED)
            .order_by("published_at").values_list("published_at", flat=True).first()
        )
        if upcoming is None:
            return interval
        return max(0.2, min(interval, (upcoming - timezone.now()).total_seconds()))
