"""warta worker: runs the queued background tasks (django-tasks-db's db_worker).

Scheduled articles are published by tasks queued for their time; on start the worker also
publishes anything already due (a schedule set while no worker ran) and makes sure the daily
housekeeping task is queued.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from warta.newsroom.tasks import housekeeping
from warta.newsroom.workflow import publish_due


class Command(BaseCommand):
    help = "Run background tasks: publish scheduled articles at their time, daily housekeeping."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due now, then stop")

    def handle(self, *args, once: bool, **options) -> None:
        for article in publish_due():
            self.stdout.write(f"published (was due): {article.headline}")
        if not DBTaskResult.objects.filter(task_path=housekeeping.module_path, status="READY").exists():
            housekeeping.enqueue()  # it queues itself again each day
        self.stdout.write("Warta worker: running queued tasks.")
        call_command(
            "db_worker",
            "--interval",
            "2",
            "--no-startup-delay",
            *(["--batch"] if once else []),
            verbosity=options.get("verbosity", 1),
        )
