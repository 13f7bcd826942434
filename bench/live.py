"""Live reports: how fast a new entry reaches readers who poll, and what their polling costs.

    .venv/bin/python bench/live.py [--readers 1000] [--changes 10] [--spacing 9] [--poll 8]

Runs `warta demo` (2 server processes, the page cache on its memory-mapped generations) in a
throw-away data directory, on a free local port; nothing leaves this machine. Then:

- `--readers` simulated readers poll the demo live report's fragment every `--poll` seconds
  (the reader script's default), each with its own random phase and, like a browser, a
  conditional request (If-None-Match) once it holds a copy; 64 client threads share them.
- This process saves `--changes` entries, one every `--spacing` seconds, straight through the
  ORM against the same database (as the back office does: the save commits, then purges).

Printed: the median and p95 time from an entry's commit to the first fragment response that
holds it, over every (reader, entry) pair; and origin renders per change: responses that did
not come from the page cache (no X-Warta-Cache header), divided by the number of changes.
Bounded: about changes × spacing + 20 seconds.
"""

from __future__ import annotations

import argparse
import heapq
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARTA = ROOT / ".venv" / "bin" / "warta"
LIVE_SLUG = "saksi-ungkap-aliran-dana-hibah-di-sidang-tipikor"
THREADS = 64


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Readers:
    """Readers polling one address; records when each first saw each entry id."""

    def __init__(self, port: int, path: str, readers: int, poll: float) -> None:
        self.port, self.path, self.poll = port, path, poll
        self.count = readers
        self.etags: list[str] = [""] * readers
        self.bodies: list[bytes] = [b""] * readers
        self.seen: dict[tuple[int, str], float] = {}  # (reader, marker) -> time first seen
        self.markers: list[str] = []
        self.requests = 0
        self.rendered = 0
        self.errors = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run_thread(self, mine: list[int]) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        now = time.monotonic()
        queue = [(now + random.uniform(0, self.poll), r) for r in mine]  # noqa: S311 - not security
        heapq.heapify(queue)
        while not self.stop.is_set():
            due, reader = heapq.heappop(queue)
            wait = due - time.monotonic()
            if wait > 0 and self.stop.wait(wait):
                break
            headers = {"Accept-Encoding": "gzip"}
            if self.etags[reader]:
                headers["If-None-Match"] = self.etags[reader]
            try:
                connection.request("GET", self.path, headers=headers)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                with self.lock:
                    self.errors += 1
                heapq.heappush(queue, (time.monotonic() + self.poll, reader))
                continue
            at = time.time()
            if response.status == 200:
                self.etags[reader] = response.getheader("ETag") or ""
                self.bodies[reader] = body
            with self.lock:
                self.requests += 1
                if response.getheader("X-Warta-Cache") is None:
                    self.rendered += 1
                for marker in self.markers:
                    key = (reader, marker)
                    if key not in self.seen and self._holds(self.bodies[reader], marker):
                        self.seen[key] = at
            heapq.heappush(queue, (due + self.poll, reader))
        connection.close()

    @staticmethod
    def _holds(body: bytes, marker: str) -> bool:
        if body[:2] == b"\x1f\x8b":
            import gzip

            body = gzip.decompress(body)
        return marker.encode() in body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--spacing", type=float, default=9.0, help="seconds between two entries")
    parser.add_argument("--poll", type=float, default=8.0, help="seconds between two polls of one reader")
    options = parser.parse_args()

    data = tempfile.mkdtemp(prefix="warta-bench-live-")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
    env.update(WARTA_DATA_DIR=data, WARTA_DEMO="1", WARTA_SITE_NAME="Kempalan")
    log = open(Path(data) / "server.log", "w")  # noqa: SIM115 - closed at the end
    server = subprocess.Popen(  # noqa: S603
        [str(WARTA), "demo", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).close()  # noqa: S310 - local
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"warta demo did not start; see {log.name}")
                time.sleep(0.5)

        # This process writes like the back office does, on the same data directory.
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "warta.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.db import transaction

        from warta.live.models import LiveEntry, LiveReport

        report = LiveReport.objects.select_related("article").get(article__slug=LIVE_SLUG)
        path = f"/langsung/{report.article_id}/terbaru/"
        readers = Readers(port, path, options.readers, options.poll)
        threads = [
            threading.Thread(target=readers.run_thread, args=(list(range(i, options.readers, THREADS)),), daemon=True)
            for i in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        time.sleep(options.poll + 2)  # every reader has its copy
        with readers.lock:
            requests_before, rendered_before = readers.requests, readers.rendered
        saved: dict[str, float] = {}
        for n in range(options.changes):
            marker = f"Pembaruan uji nomor {n} {random.randrange(10**9)}"  # noqa: S311
            with transaction.atomic():
                LiveEntry.objects.create(report=report, body=[{"type": "paragraph", "text": marker}])
            saved[marker] = time.time()  # committed: the purge has been made
            with readers.lock:
                readers.markers.append(marker)
            time.sleep(options.spacing)
        time.sleep(options.poll + 2)  # the last entry reaches everyone
        readers.stop.set()
        for thread in threads:
            thread.join(timeout=15)

        delays = [
            readers.seen[(r, m)] - saved[m] for m in saved for r in range(options.readers) if (r, m) in readers.seen
        ]
        missing = len(saved) * options.readers - len(delays)
        requests = readers.requests - requests_before
        rendered = readers.rendered - rendered_before
        seconds = options.changes * options.spacing + options.poll + 2
        print(
            f"readers {options.readers}, poll every {options.poll:g} s, {options.changes} entries {options.spacing:g} s apart"
        )
        print(
            f"save -> seen: median {statistics.median(delays):.2f} s, p95 {statistics.quantiles(delays, n=20)[18]:.2f} s, "
            f"max {max(delays):.2f} s ({len(delays)} reader-entry pairs, {missing} never seen)"
        )
        print(
            f"fragment requests {requests} ({requests / seconds:.0f}/s), origin renders {rendered}: "
            f"{rendered / options.changes:.2f} per change; client errors {readers.errors}"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


if __name__ == "__main__":
    main()
