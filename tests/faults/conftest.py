"""The fault suite's own servers: a PostgreSQL and a Redis started for it alone (never the
machine's shared ones, which other work relies on), and Warta served on them as in production:
`warta serve --workers 2` (granian) and `warta worker`.

It runs on the production profile only (WARTA_DATABASE_URL set to PostgreSQL, as scripts/test
does in its second run) and needs PostgreSQL's server binaries and redis-server; WARTA_FAULTS=1
runs it anyway, WARTA_FAULTS=0 never. Alone: `pytest -m faults tests/faults`.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("WARTA_FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
SECRET = "faults-suite-secret-key-not-used-anywhere-else"  # noqa: S105 - the throw-away site's key, to sign form tokens


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "faults: restarts a PostgreSQL and a Redis of its own under load")


def _wanted() -> str | None:
    """Why the suite is skipped, or None when it runs."""
    choice = os.environ.get("WARTA_FAULTS", "")
    if choice == "0":
        return "WARTA_FAULTS=0"
    if choice != "1" and not os.environ.get("WARTA_DATABASE_URL", "").startswith("postgres"):
        return "the fault suite runs on the production profile (PostgreSQL + Redis; see scripts/test)"
    if not (PG_BIN / "initdb").exists() or not shutil.which("redis-server"):
        return f"needs PostgreSQL server binaries in {PG_BIN} and redis-server"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _wanted()
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.faults)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its commands as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class OwnPostgres:
    """A throw-away PostgreSQL cluster on its own port and socket directory."""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, free_port()
        self.data, self.sockets, self.log = root / "data", root / "sockets", root / "postgres.log"
        self.url = f"postgresql://warta@127.0.0.1:{self.port}/warta"

    def create(self) -> None:
        self.sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "warta", "--auth=trust", "-E", "UTF8", "--no-sync"]
        )
        self.start()
        self._run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "warta", "warta"])

    def _run(self, command: list[str]) -> None:
        subprocess.run(_as_postgres(command), check=True, capture_output=True, timeout=120)  # noqa: S603

    def _ctl(self, *arguments: str) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
        self._run([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", *arguments])

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        # "fast": every session is told "terminating connection due to administrator command".
        self._ctl("-m", "fast", "stop")

    def restart(self) -> None:
        self._ctl("-m", "fast", "restart")

    def query(self, sql: str, *params: object) -> list[tuple]:
        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall()

    def destroy(self) -> None:
        try:
            self._ctl("-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass


class OwnRedis:
    """A Redis without persistence on its own port: a restart empties it, as a crash would."""

    def __init__(self, root: Path) -> None:
        self.port, self.log = free_port(), root / "redis.log"
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=self.log.open("a"), stderr=subprocess.STDOUT)  # noqa: S603
        _wait_for(lambda: _answers(self.port), "redis-server to start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _wait_for(ready, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


class Site:
    """Warta served on the suite's own PostgreSQL and Redis, with its worker."""

    def __init__(self, root: Path, postgres: OwnPostgres, redis: OwnRedis) -> None:
        self.root, self.postgres, self.redis = root, postgres, redis
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("WARTA_", "DJANGO_"))}
        self.env.update(
            WARTA_DATA_DIR=str(root / "data"),
            WARTA_DATABASE_URL=postgres.url,
            WARTA_CACHE_URL=redis.url,
            WARTA_SECRET_KEY=SECRET,
            WARTA_SITE_NAME="Kempalan",
            WARTA_COMMENT_RATE="100000",  # one test client is one address; limits are not under test
            WARTA_COMMENT_TRUST_APPROVED="1",
        )
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def warta(self, *arguments: str) -> str:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "warta", *arguments],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def shell(self, code: str) -> str:
        return self.warta("shell", "-c", code).strip()

    def start(self) -> None:
        self.warta("migrate", "--verbosity", "0")
        log = (self.root / "server.log").open("a")
        self.server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "warta", "serve", "--port", str(self.port), "--workers", "2"],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # granian's processes are stopped together, see stop()
        )
        self.start_worker()
        _wait_for(lambda: _answers(self.port), "warta serve to listen")

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "warta", "worker"],
            env=self.env,
            cwd=ROOT,
            stdout=(self.root / "worker.log").open("a"),
            stderr=subprocess.STDOUT,
        )

    def worker_log(self) -> str:
        return (self.root / "worker.log").read_text()

    def server_log(self) -> str:
        return (self.root / "server.log").read_text()

    def stop(self) -> None:
        for process in (self.worker, self.server):
            if process is not None and process.poll() is None:
                if process is self.server:
                    os.killpg(process.pid, signal.SIGTERM)
                else:
                    process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture(scope="session")
def fault_root() -> Iterator[Path]:
    # Not pytest's tmp_path: its directories are private to this user, and PostgreSQL runs as its own.
    root = Path(tempfile.mkdtemp(prefix="warta-faults-"))
    root.chmod(0o755)
    yield root
    if os.environ.get("WARTA_FAULTS_KEEP") != "1":  # 1: keep the servers' logs to read
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres(fault_root: Path) -> Iterator[OwnPostgres]:
    (fault_root / "postgres").mkdir()
    server = OwnPostgres(fault_root / "postgres")
    server.create()
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def redis_server(fault_root: Path) -> Iterator[OwnRedis]:
    server = OwnRedis(fault_root)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(fault_root: Path, postgres: OwnPostgres, redis_server: OwnRedis) -> Iterator[Site]:
    running = Site(fault_root, postgres, redis_server)
    running.start()
    yield running
    running.stop()
