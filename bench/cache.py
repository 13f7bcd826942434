"""Misses and storms: what the page cache costs when it cannot answer, measured in one run.

    bench/run                     (pages.py first, then this)
    .venv/bin/python bench/cache.py [--wagtail DIR] [--seconds 10] [--storm-seconds 60]

1. Misses against Wagtail. A plain Wagtail 8 site (../shared/anchors/wagtail, set up once into
   a writable copy, see its README; --wagtail names that copy) serves the seed article and a
   listing with gunicorn, 2 workers. Warta serves the same article, its home and a section page.
   wrk, 16 connections. Ratios: Warta req/s / Wagtail req/s (home and section against Wagtail's
   listing). Three kinds of miss:
   - *warm*: the page is not in the page cache but its fragments are, as after a comment or a
     list purge: every request carries a reader's held-comments cookie (with no comment in it),
     so the page cache neither answers nor stores it, and the page is put together from its
     fragments and the rows kept in the process (caching/memo.py) (storing a page, which a real
     miss also does, adds about 0.5 ms: compression);
   - *render*: page cache and fragments off (WARTA_PAGE_CACHE_SECONDS=0): everything rendered;
   - *cold*: the first request of a fresh process with empty caches, shown as a latency, against
     the first request of a fresh Wagtail (its article, or its listing for home and section).
     Each page gets servers of its own, started, left SETTLE_SECONDS to start their workers (a
     readiness probe through HTTP would warm the worker it reaches), then asked once.
2. A breaking-news storm. Warta with its page cache on; 64 connections on the home page and the
   seed article while an editor saves the seed article every 5 seconds (each save purges both
   pages). Printed: p99 latency and renders per purge per page (a render is a response without
   X-Warta-Cache; ≈1 means one render per purge, the other readers got the stale copy).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import PG_URL, REDIS_URL, WARTA, free_port, must_search, reachable, wait_for, wrk  # noqa: E402

SEED = "/2022/08/16/gawat-putin-kim-jong-un-makin-nempel/"
WARTA_PAGES = {"article": SEED, "home": "/", "section": "/category/internasional/"}
WAGTAIL_PAGES = {"article": "/internasional/gawat-putin-kim-jong-un-makin-nempel/", "listing": "/internasional/"}
AGAINST = {"article": "article", "home": "listing", "section": "listing"}
# A reader's held-comments cookie holding none: personal, so never answered from or kept in the
# page cache; the page is put together from its fragments like any page after a purge.
WARM_MISS_COOKIE = "Cookie: warta_pending=none"
PG_DATABASE = os.environ.get("WARTA_BENCH_DATABASE", "warta_bench_cache")
ADMIN_URL = PG_URL.rsplit("/", 1)[0] + "/postgres"  # to drop and create the benchmark's database
# Time for a fresh server's workers to import their application (Warta's also warm up, front/warmup.py)
# before its first request is timed; both servers take 1-3 s here.
SETTLE_SECONDS = 8.0

# wrk script: alternate home and article; count the responses that were rendered (no cache header).
STORM_LUA = """
local paths = {"/", "%(seed)s"}
local threads = {}
n = 0
rendered = 0
setup = function(thread)
  table.insert(threads, thread)
end
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% 2) + 1])
end
response = function(status, headers, body)
  if (headers["x-warta-cache"] or headers["X-Warta-Cache"]) == nil then rendered = rendered + 1 end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("rendered") end
  io.write(string.format("rendered %%d\\n", total))
end
"""


def warta_env(work: Path) -> tuple[dict[str, str], str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    env.update(WARTA_DATA_DIR=str(work / "data"), WARTA_SITE_NAME="Kempalan", WARTA_DEMO="1")
    if not (reachable(PG_URL, "postgresql") and reachable(REDIS_URL, "redis")):
        return env, "SQLite + file cache"
    import psycopg
    import redis

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    env.update(WARTA_DATABASE_URL=PG_URL.rsplit("/", 1)[0] + "/" + PG_DATABASE, WARTA_CACHE_URL=REDIS_URL)
    return env, "PostgreSQL + Redis"


class Process:
    def __init__(self, command: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        # Same session as wrk (see bench/pages.py: autogroup scheduling).
        self.popen = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0
        )

    def stop(self) -> None:
        if self.popen.returncode is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=20)


def serve_warta(env: dict[str, str], workers: int, ready: str | None = "/") -> tuple[Process, str]:
    """Warta's production server; ready: a page to wait for, or None to wait for the port only."""
    port = free_port()
    server = Process([str(WARTA), "serve", "--port", str(port), "--workers", str(workers)], env)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + ready, seconds=90) if ready else wait_for_port(port)
    return server, url


def serve_wagtail(directory: Path, ready: bool = True) -> tuple[Process, str]:
    """The Wagtail site as its start.sh runs it; ready: wait for its listing, else for the port only."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    env["DJANGO_SETTINGS_MODULE"] = "kempalan.settings.production"
    command = [str(directory / ".venv" / "bin" / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "kempalan.wsgi"]
    command += ["--control-socket", str(directory / f"gunicorn-{port}.ctl")]
    server = Process(command, env, cwd=directory / "site")
    url = f"http://127.0.0.1:{port}"
    wait_for(url + WAGTAIL_PAGES["listing"], seconds=90) if ready else wait_for_port(port)
    return server, url


def wait_for_port(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def fresh_first_request_ms(start: Callable[[], tuple[Process, str]], path: str, processes: list[Process]) -> float:
    """The first request a freshly started server answers, once its workers have had time to start."""
    server, url = start()
    processes.append(server)
    time.sleep(SETTLE_SECONDS)
    try:
        return first_request_ms(url + path)
    finally:
        server.stop()


def first_request_ms(url: str) -> float:
    start = time.perf_counter()
    urllib.request.urlopen(url, timeout=60).read()
    return (time.perf_counter() - start) * 1000


def measure(url: str, paths: dict[str, str], seconds: int, connections: int, headers: tuple[str, ...] = ()) -> dict:
    for path in paths.values():
        wrk(url + path, 2, connections, headers)
    return {name: wrk(url + path, seconds, connections, headers) for name, path in paths.items()}


def storm(env: dict[str, str], url: str, seconds: int, every: int, work: Path) -> dict:
    script = work / "storm.lua"
    script.write_text(STORM_LUA % {"seed": SEED})
    for path in ("/", SEED):
        urllib.request.urlopen(url + path).read()
    editor_code = (
        "import time\n"
        "from warta.articles.models import Article\n"
        f"end = time.monotonic() + {seconds}\n"
        "n = 0\n"
        "while True:\n"
        f"    time.sleep({every})\n"
        "    if time.monotonic() > end: break\n"
        "    a = Article.objects.get(slug='gawat-putin-kim-jong-un-makin-nempel')\n"
        "    n += 1\n"
        "    a.headline = f'Gawat, Putin-Kim Jong Un makin Nempel ({n})'\n"
        "    a.save()\n"
        "print(n)\n"
    )
    editor = subprocess.Popen(
        [str(WARTA), "shell", "-c", editor_code], env=env, stdout=subprocess.PIPE, text=True, process_group=0
    )
    out = subprocess.run(
        ["wrk", "-t1", "-c64", f"-d{seconds + 2}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    purges = int((editor.communicate(timeout=60)[0] or "0").strip().splitlines()[-1])
    rendered = int(must_search(r"rendered (\d+)", out).group(1))
    p99 = must_search(r"^\s+99%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
    return {
        "rps": float(must_search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": float(p99[0]) * {"us": 0.001, "ms": 1, "s": 1000}[p99[1]],
        "purges": purges,
        "rendered": rendered,
        # Two pages purged each time; the first render of each page after the warm-up is not a purge's.
        "per_purge": rendered / (2 * max(purges, 1)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wagtail", type=Path, default=Path(os.environ.get("WARTA_BENCH_WAGTAIL", "")))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--storm-seconds", type=int, default=60, help="0: no storm")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--storm-only", action="store_true")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="warta-bench-cache-"))
    env, profile = warta_env(work)
    for command in (["migrate", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(WARTA), *command], env=env, check=True, capture_output=True)
    processes: list[Process] = []
    try:
        print(f"Profile: {profile}, granian with {options.workers} workers; {os.cpu_count()} cores.")
        if options.storm_only:
            pass
        elif options.wagtail and (options.wagtail / ".venv" / "bin" / "gunicorn").exists():
            directory = options.wagtail.resolve()
            wagtail_cold = {
                name: fresh_first_request_ms(lambda: serve_wagtail(directory, ready=False), path, processes)
                for name, path in WAGTAIL_PAGES.items()
            }
            wagtail, wagtail_url = serve_wagtail(directory)
            processes.append(wagtail)
            theirs = measure(wagtail_url, WAGTAIL_PAGES, options.seconds, 16)
            wagtail.stop()

            # Nothing kept anywhere: no page cache, no fragments, so that the pages the starting
            # worker renders ahead (front/warmup.py) leave nothing for the measured request.
            uncached = {**env, "WARTA_PAGE_CACHE_SECONDS": "0"}
            cold = {
                name: fresh_first_request_ms(
                    lambda: serve_warta(uncached, options.workers, ready=None), path, processes
                )
                for name, path in WARTA_PAGES.items()
            }
            server, url = serve_warta(uncached, options.workers, ready="/robots.txt")
            processes.append(server)
            rendered = measure(url, WARTA_PAGES, options.seconds, 16)
            server.stop()
            server, url = serve_warta(env, options.workers)
            processes.append(server)
            warm = measure(url, WARTA_PAGES, options.seconds, 16, headers=(WARM_MISS_COOKIE,))
            server.stop()
            print("Misses, wrk -c16 (Wagtail: gunicorn -w 2, no cache, 2,001 articles); req/s and ratio to Wagtail:")
            print(
                f"{'page':<9}{'wagtail':>9}{'warm':>8}{'ratio':>7}{'render':>8}{'ratio':>7}{'cold ms':>9}{'ratio':>7}"
            )
            for name in WARTA_PAGES:
                reference = theirs[AGAINST[name]]["rps"]
                print(
                    f"{name:<9}{reference:>9,.0f}{warm[name]['rps']:>8,.0f}{warm[name]['rps'] / reference:>7.2f}"
                    f"{rendered[name]['rps']:>8,.0f}{rendered[name]['rps'] / reference:>7.2f}"
                    f"{cold[name]:>9.0f}{wagtail_cold[AGAINST[name]] / cold[name]:>7.2f}"
                )
            print(
                f"cold: first request of a fresh process, ms: Wagtail article {wagtail_cold['article']:.0f}, "
                f"listing {wagtail_cold['listing']:.0f}; ratio = Wagtail's ms / Warta's"
            )
        else:
            print("Misses: skipped (no Wagtail: --wagtail DIR, a set-up copy of ../shared/anchors/wagtail)")

        if options.storm_seconds <= 0:
            return
        server, url = serve_warta(env, options.workers)
        processes.append(server)
        result = storm(env, url, options.storm_seconds, 5, work)
        server.stop()
        print(
            f"Storm: 64 connections on home + article for {options.storm_seconds} s, a save every 5 s "
            f"({result['purges']} purges): {result['rps']:,.0f} req/s, p99 {result['p99']:.1f} ms, "
            f"{result['rendered']} renders = {result['per_purge']:.2f} per purge per page"
        )
    finally:
        for process in processes:
            process.stop()
        if not os.environ.get("KEEP"):
            shutil.rmtree(work, ignore_errors=True)
        if env.get("WARTA_DATABASE_URL"):
            import psycopg

            with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
