"""The complaint clock's reminder, run by `warta worker` at each complaint's deadline."""

from __future__ import annotations

from django_tasks import task


@task()
def remind_overdue() -> int:
    from warta.complaints import notify

    return notify.remind_overdue()
