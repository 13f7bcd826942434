"""warta import-wxr FILE [--uploads-dir DIR] [--dry-run]: move a WordPress site into Warta."""

from __future__ import annotations

from pathlib import Path
from typing import IO, cast

from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from warta import config
from warta.importers.wordpress import WordPressImport, kind_name
from warta.lib.commands import OperatorCommand

OUTCOMES = ("imported", "updated", "merged", "skipped", "failed")
REFUSED = 2  # the exit status of a file refused whole, as for any command-line mistake
# Skipped items named per reason; the rest counted in one line. A second run of a big export skips
# thousands of unchanged posts: the report names a few, `--verbosity 2` names them all.
SKIPS_SHOWN = 10


class Command(OperatorCommand):
    help = "Import a WordPress export (WXR 1.0, 1.1 or 1.2): authors, categories, tags, photos, posts, pages, comments."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the .xml file from WordPress's Tools → Export")
        parser.add_argument("--uploads-dir", help="a copy of wp-content/uploads, for the original photo files")
        parser.add_argument("--dry-run", action="store_true", help="check and report; write nothing")

    def handle(self, *args, file: str, uploads_dir: str | None, dry_run: bool, verbosity: int = 1, **options) -> None:
        console = Console(
            file=cast(IO[str], self.stdout),  # OutputWrapper writes like a file
            highlight=False,
            width=None if self.stdout.isatty() else 160,
        )
        if Path(file).is_dir():
            raise CommandError(
                _("%(file)s is a folder, not a file: give the .xml file from WordPress's Tools → Export")
                % {"file": file},
                returncode=REFUSED,
            )
        if not Path(file).is_file():
            raise CommandError(_("%(file)s: no such file") % {"file": file}, returncode=REFUSED)
        if uploads_dir and not Path(uploads_dir).is_dir():
            raise CommandError(
                _("--uploads-dir %(folder)s: no such folder") % {"folder": uploads_dir}, returncode=REFUSED
            )
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(label: str, total: int | None) -> None:
                if label == "photos":
                    tasks["photo"] = bar.add_task(_("Photos"), total=total)
                elif label == "articles":
                    tasks["item"] = bar.add_task(_("Posts and pages"), total=total)
                elif label == "photo":
                    bar.advance(tasks["photo"])
                else:
                    bar.advance(tasks["item"])

            report = WordPressImport(file, uploads_dir, dry_run, progress).run()

        if report.fatal:
            # The whole file is read before anything is written: a refused file leaves no trace.
            raise CommandError(
                _("%(file)s: %(reason)s. Nothing was imported.") % {"file": file, "reason": report.fatal},
                returncode=REFUSED,
            )
        table = Table(title=_("Dry run: nothing was written") if dry_run else _("Import summary"))
        table.add_column(_("kind"))
        outcomes = {
            "imported": _("imported"),
            "updated": _("updated"),
            "merged": _("merged"),
            "skipped": _("skipped"),
            "failed": _("failed"),
        }
        for outcome in OUTCOMES:
            table.add_column(outcomes[outcome], justify="right")
        for kind, counts in report.counts.items():
            table.add_row(kind_name(kind), *(str(counts.get(outcome, 0)) for outcome in OUTCOMES))
        console.print(table)
        merged = escape(_("would merge:") if dry_run else _("merged:"))
        warning, failed = escape(_("warning:")), escape(_("failed:"))
        for merge in report.merges:
            console.print(f"[cyan]{merged}[/] {escape(merge)}")
        for name, n in report.unknown_shortcodes.most_common():
            text = _("shortcode %(name)s kept as text (%(n)d×)") % {"name": f"[{name}]", "n": n}
            console.print(f"[yellow]{warning}[/] {escape(text)}")
        for name, n in report.unknown_blocks.most_common():
            text = _("block %(name)s not known here, its text kept (%(n)d×)") % {"name": name, "n": n}
            console.print(f"[yellow]{warning}[/] {escape(text)}")
        self._print_skips(console, report.skips, verbosity)
        for text in report.warnings:
            console.print(f"[yellow]{warning}[/] {escape(text)}")
        for text in report.failures:
            console.print(f"[red]{failed}[/] {escape(text)}")
        if report.old_origins:
            # Without this the site's Content-Security-Policy blocks them (see warta/settings.py).
            # The variable's own value (the setting adds the S3 host, which needs no repeating).
            sources = " ".join([*config.env_str("WARTA_IMAGE_SOURCES").split(), *sorted(report.old_origins)])
            hint = _(
                "Photos kept at their old addresses show only once the site allows their origin: "
                'set WARTA_IMAGE_SOURCES="%(sources)s" (see README)'
            )
            console.print(escape(hint % {"sources": sources}))
        if report.failures:
            n = len(report.failures)
            raise CommandError(
                ngettext(
                    "%(n)d item failed; everything else was imported.",
                    "%(n)d items failed; everything else was imported.",
                    n,
                )
                % {"n": n}
            )

    @staticmethod
    def _print_skips(console: Console, skips: dict[tuple[str, str], list[str]], verbosity: int) -> None:
        """Name what was skipped and why: up to SKIPS_SHOWN items of a kind per reason (all with -v 2)."""
        skipped = escape(_("skipped:"))
        hidden = 0
        for (_kind, reason), names in skips.items():
            shown = names if verbosity > 1 else names[:SKIPS_SHOWN]
            for name in shown:
                console.print(f"[dim]{skipped}[/] {escape(name)}: {escape(reason)}")
            more = len(names) - len(shown)
            if more:
                hidden += more
                text = ngettext("%(n)s more item: %(reason)s", "%(n)s more items: %(reason)s", more) % {
                    "n": number_format(more, force_grouping=True),
                    "reason": reason,
                }
                console.print(f"[dim]{skipped}[/] {escape(text)}")
        if hidden:
            console.print(escape(_("(--verbosity 2 names every skipped item)")))
