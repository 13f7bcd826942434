from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from warta.complaints import notify


class Command(BaseCommand):
    help = "Email the editors about reader complaints past their 2 x 24 hours (each once)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"overdue complaints reported: {notify.remind_overdue()}")
