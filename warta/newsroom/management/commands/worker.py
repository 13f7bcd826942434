"""warta worker: runs the queued background tasks (django-tasks-db's worker loop).

Scheduled articles are published by tasks queued for their time; on start the worker also
publishes anything already due (a schedule set while no worker ran) and makes sure the daily
housekeeping task is queued.

The worker outlives its database: when PostgreSQL restarts (or is unreachable for a while) the
loop stops with an OperationalError; the worker logs it, waits (1, 2, 4 … 60 seconds), puts back
in the queue any task it had claimed but could not finish, and starts again, beginning with what
became due meanwhile. Before this, one restart of the database stopped scheduled publishing until
someone noticed.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks_db.compat import (
    DEFAULT_TASK_BACKEND_ALIAS,
    DEFAULT_TASK_QUEUE_NAME,
    TASKS_LOGGER,
    TaskResultStatus,
)
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from warta.newsroom.tasks import housekeeping
from warta.newsroom.workflow import publish_due

logger = logging.getLogger("warta.worker")

# Errors that say "the database went away", not "this task is wrong".
DATABASE_FAULTS = (OperationalError, InterfaceError)
FIRST_WAIT = 1.0  # seconds before the first reconnection attempt
LONGEST_WAIT = 60.0  # the wait doubles up to this
HEALTHY_AFTER = 60.0  # a loop that ran this long without a fault starts the backoff afresh
POLL_INTERVAL = 2.0  # seconds between looks at the queue


class Command(BaseCommand):
    help = "Run background tasks: publish scheduled articles at their time, daily housekeeping."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due now, then stop")

    def handle(self, *args: Any, once: bool, **options: Any) -> None:
        self._show_task_logs(options.get("verbosity", 1))
        worker_id = get_random_string(32)
        wait = FIRST_WAIT
        while True:
            started = time.monotonic()
            try:
                self._run(worker_id, once)
                return  # --once: the queue is empty
            except DATABASE_FAULTS as exc:
                if once:  # run from cron or by hand: say so and let the next run catch up
                    raise CommandError(f"the database is unreachable: {exc}") from exc
                if time.monotonic() - started > HEALTHY_AFTER:
                    wait = FIRST_WAIT
                logger.warning(
                    "warta worker: the database is unreachable (%s); trying again in %.0f s.",
                    str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
                    wait,
                )
                _drop_connections()
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)

    def _run(self, worker_id: str, once: bool) -> None:
        """One life of the worker loop: give back what a fault interrupted, catch up, then poll."""
        requeued = requeue_interrupted(worker_id)
        if requeued:
            logger.warning("warta worker: %d interrupted task(s) put back in the queue.", requeued)
        for article in publish_due():
            self.stdout.write(f"published (was due): {article.headline}")
        if not DBTaskResult.objects.filter(task_path=housekeeping.module_path, status="READY").exists():
            housekeeping.enqueue()  # it queues itself again each day
        self.stdout.write("Warta worker: running queued tasks.")
        worker = Worker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=POLL_INTERVAL,
            batch=once,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()  # SIGTERM: finish the running task, then stop
        worker.run()

    def _show_task_logs(self, verbosity: int) -> None:
        """What db_worker does: the task loggers print to this command's output."""
        level = {0: logging.CRITICAL, 1: logging.INFO}.get(verbosity, logging.DEBUG)
        for name in (TASKS_LOGGER, "django_tasks_db"):
            task_logger = logging.getLogger(name)
            task_logger.setLevel(level)
            if not task_logger.handlers:
                task_logger.addHandler(logging.StreamHandler(self.stdout))
                task_logger.propagate = False


def requeue_interrupted(worker_id: str) -> int:
    """Put back in the queue the tasks this worker claimed and never finished: the database went
    away under them. Our tasks may run twice (publishing what is due is idempotent)."""
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list("pk", "worker_ids")
    # The last worker to claim a task is the one running it (JSON lookups differ between databases).
    ours = [pk for pk, worker_ids in running if worker_ids and worker_ids[-1] == worker_id]
    return DBTaskResult.objects.filter(pk__in=ours, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.READY, started_at=None
    )


def _drop_connections() -> None:
    """Forget the broken connections so that the next attempt opens new ones."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DATABASE_FAULTS:
            connection.connection = None  # already dead; Django opens a new one when asked
    close_old_connections()
