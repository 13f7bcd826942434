"""Background tasks, queued in the database (django-tasks with django-tasks-db) and run by
`warta worker`."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

HOUSEKEEPING_EVERY = datetime.timedelta(days=1)


@task()
def publish_scheduled() -> int:
    """Publish what is due. Queued for each scheduled time; a rescheduled or cancelled article
    simply is not due when an older task runs, so nothing is published early or twice."""
    from warta.newsroom.workflow import publish_due

    return len(publish_due())


@task()
def housekeeping() -> None:
    """Daily: forget commenters' IP addresses past their time, then queue tomorrow's run."""
    call_command("purge_comment_metadata")
    housekeeping.using(run_after=timezone.now() + HOUSEKEEPING_EVERY).enqueue()
