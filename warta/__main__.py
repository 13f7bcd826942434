"""The `warta` command: a few friendly names, everything else goes to Django's commands.

warta demo [--host H] [--port P]      set up the demo site and serve it (with the worker)
warta serve [--host H] [--port P] [--workers N]
warta worker                          publish scheduled articles at their time
warta import-wxr FILE [--uploads-dir DIR] [--dry-run]
warta migrate | createsuperuser | shell -c ... | any manage.py command
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from warta import config

FRIENDLY_NAMES = {
    "import-wxr": "import_wxr",
    "load-demo": "load_demo",
    "search-rebuild": "search_rebuild",
    "periksa-ejaan": "periksa_ejaan",
}
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _server_arguments(prog: str, workers: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default %(default)s)")
    if workers:
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="server processes (default: one per core)"
        )
    return parser


def _setup() -> None:
    """Load the settings, turning a configuration mistake into one clear line and exit status 2."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
    try:
        django.setup()
    except ImproperlyConfigured as exc:
        sys.exit(f"warta: configuration error: {exc}")


def _unapplied_migrations() -> list:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _stop_with_parent() -> None:
    """Ask Linux to send this child SIGTERM when its parent (the server, after exec) exits."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the worker then outlives the demo until stopped by hand


def demo_address(host: str, port: int) -> str:
    """The address a browser on this machine uses for the demo: 0.0.0.0 and :: are not addresses."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, host)  # noqa: S104
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 literal
    return f"http://{shown}:{port}"


def server_command(host: str, port: int, workers: int, application: str = "warta.wsgi:application") -> list[str]:
    """The granian command line `warta serve` runs (bench/pages.py runs its ceiling app with it too)."""
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        # Django holds one database connection per thread: keep the pool small and bounded.
        # Two threads per worker measured best on 2 cores (see bench/run).
        "--blocking-threads",
        "2",
        # Static files and uploads are served by the WSGI layer (warta/caching/wsgi.py): static
        # files compressed from memory, uploads with nosniff, which granian's file server cannot
        # add (it serves nothing without --static-path-mount).
        application,
    ]


def serve(host: str, port: int, workers: int) -> None:
    """Replace this process with granian serving Warta (pages, /static and /media)."""
    from django.conf import settings

    command = server_command(host, port, workers)
    # The workers must find the same data directory even if the working directory changes.
    os.environ["WARTA_DATA_DIR"] = str(settings.DATA_DIR)
    os.environ[config.SERVER_WORKER] = "1"  # warm-up opens the database pool (front/warmup.py)
    print(f"Warta: serving {settings.WARTA_SITE_NAME} at http://{host}:{port}/ ({workers} workers)", flush=True)
    os.execv(sys.executable, command)  # noqa: S606 - our own interpreter, fixed arguments


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    word = argv[0] if argv else "help"
    if word == "demo":
        options = _server_arguments("warta demo", workers=False).parse_args(argv[1:])
        os.environ.setdefault("WARTA_SITE_NAME", "Kempalan")
        os.environ["WARTA_DEMO"] = "1"  # installs the demo app (its content and `load_demo`)
        # Links in emails (moderation, invitations) point at the address the demo serves,
        # unless the operator said otherwise. Read by the settings, the server and the worker.
        os.environ.setdefault("WARTA_SITE_URL", demo_address(options.host, options.port))
        _setup()
        from django.conf import settings
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_demo")
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        # The worker publishes scheduled articles; it stops when the demo's server stops.
        subprocess.Popen([sys.executable, "-m", "warta", "worker"], preexec_fn=_stop_with_parent)  # noqa: S603
        serve(options.host, options.port, workers=2)
    elif word == "serve":
        options = _server_arguments("warta serve", workers=True).parse_args(argv[1:])
        if options.workers < 1:
            sys.exit("warta: --workers must be at least 1")
        _setup()
        from django.conf import settings
        from django.core.management import call_command

        if _unapplied_migrations():
            sys.exit("warta: the database is not up to date: run `warta migrate` first.")
        call_command("collectstatic", interactive=False, verbosity=0)
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        serve(options.host, options.port, options.workers)
    else:
        _setup()
        from django.core.management import execute_from_command_line

        # Friendly spellings of our own commands: `warta import-wxr` runs import_wxr.
        command = FRIENDLY_NAMES.get(word, word)
        execute_from_command_line(["warta", command, *argv[1:]])


if __name__ == "__main__":
    main()
