"""Pages per second: Warta (production server, page cache) against nginx serving the same bytes.

    bench/run            (installs nginx and wrk from Debian's packages when missing)

For the article page, the home page and a section page: Warta's response body is saved as a
static file, nginx serves that copy, and wrk (16 and then 64 connections, one thread, on
loopback) loads each server in turn for the same number of seconds. A third server shows the
ceiling of Warta's own HTTP server: granian, started as `warta serve` starts it, answering with
the same bytes and headers from memory (bench/ceiling.py), so the ratio to nginx splits into
the server's part (ceiling / nginx) and Warta's (Warta / ceiling). Then bench/cache.py
measures misses (against Wagtail) and a purge storm. Figures drift from run to run and machine
to machine; the ratio against nginx in the same run is what carries over.
"""

from __future__ import annotations

import argparse
import json
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
from pathlib import Path
from typing import AnyStr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warta.__main__ import server_command  # noqa: E402 - the project's root on the path first

WARTA = ROOT / ".venv" / "bin" / "warta"
PAGES = {
    "article": "/2022/08/16/gawat-putin-kim-jong-un-makin-nempel/",
    "home": "/",
    "section": "/category/surabaya/",
}
# Headers the server writes itself (granian and nginx each add their own).
SERVER_ADDS = {"server", "date", "connection", "transfer-encoding", "keep-alive"}
PG_URL = os.environ.get("WARTA_BENCH_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")
REDIS_URL = os.environ.get("WARTA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PG_DATABASE = os.environ.get("WARTA_BENCH_DATABASE", "warta_bench_pages")

NGINX_CONF = """
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {dir}/tmp;
    proxy_temp_path {dir}/tmp;
    fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp;
    scgi_temp_path {dir}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
        index index.html;
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def reachable(url: str, kind: str) -> bool:
    try:
        if kind == "postgresql":
            import psycopg

            psycopg.connect(url, connect_timeout=3).close()
        else:
            import redis

            redis.Redis.from_url(url, socket_timeout=3).ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False


def must_search(pattern: AnyStr, string: AnyStr, flags: int = 0) -> re.Match[AnyStr]:
    """re.search in output that must hold the pattern: stop the benchmark, naming it, if it does not."""
    found = re.search(pattern, string, flags)
    if found is None:
        sys.exit(f"nothing matches {pattern!r}")
    return found


def wrk(url: str, seconds: int, connections: int, headers: tuple[str, ...] = ()) -> dict:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *(f"-H{h}" for h in headers), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(pct: str) -> float:
        value, unit = must_search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(must_search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def load(url: str, rounds: list[int], seconds: int) -> dict[tuple[str, int], dict]:
    """Each page at each number of connections, after a short warm-up run of every page."""
    found = {}
    for connections in rounds:
        for path in PAGES.values():
            wrk(url + path, 2, connections)
        for name, path in PAGES.items():
            found[name, connections] = wrk(url + path, seconds, connections)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", default="16,64", help="comma-separated: one round per value")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="warta-bench-pages-"))
    work.chmod(0o755)  # nginx workers run as an unprivileged user
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    env.update(WARTA_DATA_DIR=str(work / "data"), WARTA_SITE_NAME="Kempalan", WARTA_DEMO="1")
    profile = "SQLite + file cache"
    if reachable(PG_URL, "postgresql") and reachable(REDIS_URL, "redis"):
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        env.update(WARTA_DATABASE_URL=PG_URL.rsplit("/", 1)[0] + "/" + PG_DATABASE, WARTA_CACHE_URL=REDIS_URL)
        profile = "PostgreSQL + Redis"
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()

    for command in (["migrate", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(WARTA), *command], env=env, check=True, capture_output=True)

    warta_port, nginx_port = free_port(), free_port()
    # Servers stay in this session, with wrk: with the kernel's autogroup scheduling a server in
    # a session of its own would get a fixed half of the CPU against wrk, whatever it needs.
    server = subprocess.Popen(
        [str(WARTA), "serve", "--port", str(warta_port), "--workers", str(options.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,
    )
    nginx = None
    try:
        warta_url = f"http://127.0.0.1:{warta_port}"
        wait_for(warta_url + "/")
        (work / "www").mkdir()
        (work / "tmp").mkdir()
        weights = {}
        css = (
            must_search(rb'href="(/static/[^"]+\.css)"', urllib.request.urlopen(warta_url + "/").read())
            .group(1)
            .decode()
        )
        css_bytes = len(urllib.request.urlopen(warta_url + css).read())
        for name, path in PAGES.items():
            with urllib.request.urlopen(warta_url + path) as response:
                body = response.read()
                headers = [(k, v) for k, v in response.getheaders() if k.lower() not in SERVER_ADDS]
            weights[name] = len(body)
            target = work / "www" / path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            (target.parent / "headers.json").write_text(json.dumps(headers))
        rounds = [int(c) for c in options.connections.split(",")]
        print(
            f"Profile: {profile}, granian with {options.workers} workers; nginx with 2 workers; "
            f"wrk -t1 -d{options.seconds}s on loopback at {rounds} connections, {os.cpu_count()} cores."
        )
        # One server at a time: each has the machine to itself while it is measured, after a
        # short warm-up run (every worker process fills its in-memory page cache).
        ours = load(warta_url, rounds, options.seconds)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        ceiling_port = free_port()
        ceiling = subprocess.Popen(
            server_command("127.0.0.1", ceiling_port, options.workers, "bench.ceiling:application"),
            env={**env, "BENCH_CEILING_DIR": str(work / "www")},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            process_group=0,
        )
        try:
            wait_for(f"http://127.0.0.1:{ceiling_port}/")
            bare = load(f"http://127.0.0.1:{ceiling_port}", rounds, options.seconds)
        finally:
            os.killpg(ceiling.pid, signal.SIGTERM)
            ceiling.wait(timeout=20)
        (work / "nginx.conf").write_text(NGINX_CONF.format(dir=work, port=nginx_port))
        nginx = subprocess.Popen(["nginx", "-c", str(work / "nginx.conf"), "-g", "daemon off;"], process_group=0)
        nginx_url = f"http://127.0.0.1:{nginx_port}"
        wait_for(nginx_url + "/")
        reference = load(nginx_url, rounds, options.seconds)

        print(
            f"{'page':<9}{'conns':>6}{'bytes':>7}{'nginx req/s':>13}{'p50':>8}{'p99':>8}"
            f"{'warta req/s':>13}{'p50':>8}{'p99':>8}{'ratio':>7}{'ceiling':>9}{'/nginx':>7}{'warta/c':>8}"
        )
        for connections in rounds:
            for name in PAGES:
                theirs, mine, server_only = (
                    reference[name, connections],
                    ours[name, connections],
                    bare[name, connections],
                )
                if mine["errors"] or theirs["errors"] or server_only["errors"]:
                    sys.exit(
                        f"{name}: non-2xx responses (warta {mine['errors']}, nginx {theirs['errors']}, "
                        f"ceiling {server_only['errors']})"
                    )
                print(
                    f"{name:<9}{connections:>6}{weights[name]:>7}{theirs['rps']:>13,.0f}{theirs['p50']:>6.1f}ms"
                    f"{theirs['p99']:>6.1f}ms{mine['rps']:>13,.0f}{mine['p50']:>6.1f}ms{mine['p99']:>6.1f}ms"
                    f"{mine['rps'] / theirs['rps']:>7.2f}{server_only['rps']:>9,.0f}"
                    f"{server_only['rps'] / theirs['rps']:>7.2f}{mine['rps'] / server_only['rps']:>8.2f}",
                    flush=True,
                )
        print("ceiling: granian as `warta serve` runs it, the same bytes and headers from memory (bench/ceiling.py)")
        print(
            f"Page weight: article HTML {weights['article']:,} B + CSS {css_bytes:,} B = "
            f"{(weights['article'] + css_bytes) / 1024:.1f} KB uncompressed (images aside)."
        )
    finally:
        for process in (server, nginx):
            if process is not None and process.returncode is None:  # not yet stopped and waited for
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
        if not os.environ.get("KEEP"):
            shutil.rmtree(work, ignore_errors=True)
        if profile.startswith("PostgreSQL"):
            import psycopg

            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


if __name__ == "__main__":
    main()
