"""A base for the commands site operators run (`warta import-wxr`, `warta periksa-ejaan`)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, SystemCheckError


class OperatorCommand(BaseCommand):
    """Print a refusal as its message alone, in the interface language, with its exit status.

    Django prints a CommandError from the command line as "CommandError: message", the
    exception's English class name in front of what may be an Indonesian sentence. A site
    operator needs the sentence only. `call_command` (the tests, other code) still raises, and
    `--traceback` still shows where the error came from.
    """

    def execute(self, *args: Any, **options: Any) -> Any:
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            from_command_line = getattr(self, "_called_from_command_line", False)
            if not from_command_line or options.get("traceback") or isinstance(error, SystemCheckError):
                raise
            self.stderr.write(str(error))
            sys.exit(error.returncode)
