"""`warta worker` outlives its database: a PostgreSQL restart is logged, waited out, and the
queue is kept (a task the restart interrupted runs again). The real restart is in tests/faults/."""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from warta.articles.models import Article
from warta.newsroom.management.commands import worker as worker_command
from warta.newsroom.tasks import publish_scheduled
from warta.taxonomy.models import Section

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits, as in production

RESTART = "terminating connection due to administrator command"


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """The worker's pauses between attempts, recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept


def scheduled(minutes: int) -> Article:
    section, _ = Section.objects.get_or_create(slug="uji", defaults={"name": "Uji"})
    return Article.objects.create(
        headline="Terjadwal",
        slug="terjadwal",
        section=section,
        status=Article.Status.SCHEDULED,
        body=[{"type": "paragraph", "text": "Isi."}],
        published_at=timezone.now() + datetime.timedelta(minutes=minutes),
    )


def loop_that_fails(times: int, before_failing: Callable[[Worker], None] = lambda worker: None):
    """A stand-in for the worker loop: the database goes away `times` times, then the real loop
    runs once through the queue (batch) and stops."""
    real_run = Worker.run
    calls = {"n": 0}

    def run(self: Worker) -> None:
        calls["n"] += 1
        if calls["n"] <= times:
            before_failing(self)
            raise OperationalError(RESTART)
        self.batch = True
        real_run(self)

    return run


def test_the_worker_waits_out_a_database_restart_with_a_growing_pause_and_says_so(monkeypatch, waits, caplog):
    monkeypatch.setattr(Worker, "run", loop_that_fails(3))
    with caplog.at_level(logging.WARNING, logger="warta.worker"):
        call_command("worker", stdout=io.StringIO())  # returns once the stand-in loop stops
    assert waits == [1.0, 2.0, 4.0]
    warnings = [r.getMessage() for r in caplog.records if r.name == "warta.worker"]
    assert len(warnings) == 3 and all("database is unreachable" in w and RESTART in w for w in warnings)


def test_a_task_interrupted_by_the_restart_is_queued_again_and_publishes(monkeypatch, waits):
    article = scheduled(minutes=-1)
    # Queued for its time, then claimed by this worker when the database goes away under it.
    result = publish_scheduled.enqueue()

    def claim(worker: Worker) -> None:
        DBTaskResult.objects.get(pk=result.id).claim(worker.worker_id)
        Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))

    monkeypatch.setattr(worker_command, "publish_due", lambda: [])  # only the queued task may publish
    monkeypatch.setattr(Worker, "run", loop_that_fails(1, before_failing=claim))
    call_command("worker", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"


def test_what_fell_due_during_the_outage_is_published_when_the_database_is_back(monkeypatch, waits):
    article = scheduled(minutes=-5)
    real_publish_due = worker_command.publish_due
    attempts = {"n": 0}

    def publish_due_while_down():
        attempts["n"] += 1
        if attempts["n"] <= 2:
            raise OperationalError("connection failed: Connection refused")
        return real_publish_due()

    monkeypatch.setattr(worker_command, "publish_due", publish_due_while_down)
    out = io.StringIO()
    monkeypatch.setattr(Worker, "run", loop_that_fails(0))
    call_command("worker", stdout=out)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and "published (was due): Terjadwal" in out.getvalue()
    assert waits == [1.0, 2.0]


def test_worker_once_reports_an_unreachable_database_instead_of_waiting(monkeypatch, waits):
    def down():
        raise OperationalError("connection failed: Connection refused")

    monkeypatch.setattr(worker_command, "publish_due", down)
    with pytest.raises(CommandError, match="database is unreachable"):
        call_command("worker", "--once", stdout=io.StringIO())
    assert waits == []


def test_the_backoff_stops_growing_at_a_minute(monkeypatch, waits):
    monkeypatch.setattr(Worker, "run", loop_that_fails(9))
    call_command("worker", stdout=io.StringIO())
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
