"""`warta periksa-ejaan FILE`: spelling and style findings, one a line, for scripts and editors.

Exit status: 0 clean, 1 something found, 2 bad input (no such file, not UTF-8 text).
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from warta.language.models import newsroom_words
from warta.lib.commands import OperatorCommand
from warta.lib.spelling import check


class Command(OperatorCommand):
    help = "Check the spelling and style of an Indonesian text (FILE, or - for standard input)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
        parser.add_argument(
            "--tanpa-kamus-redaksi",
            action="store_true",
            dest="no_newsroom",
            help="ignore the newsroom dictionary (e.g. before the database exists)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
            text = raw.decode("utf-8")
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": name, "reason": error.strerror}, returncode=2
            ) from None
        except UnicodeDecodeError:
            raise CommandError(_("%(file)s is not UTF-8 text.") % {"file": name}, returncode=2) from None
        extra: list[str] = []
        if not options["no_newsroom"]:
            try:
                extra = newsroom_words()
            except DatabaseError:  # no database yet: the general dictionary alone still helps
                self.stderr.write(_("The newsroom dictionary is not available; checking without it."))
        findings = check(text.lstrip("\ufeff"), extra)
        for finding in findings:
            self.stdout.write(str(finding))
        if findings:
            sys.exit(1)
