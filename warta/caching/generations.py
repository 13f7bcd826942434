"""Surrogate-key generations: the one source of truth for "is this stored page still fresh?".

Every surrogate key ("site", "articles", "article-12") has a generation, a counter that a change
bumps. A page remembers the generations of the keys it was built from; it is fresh while none
of them moved on.

Two stores, chosen by the cache Warta runs on:

- ``SharedGenerations`` (WARTA_CACHE_URL=redis://...): the counters live in Redis, shared by every
  app server. A bump increments them and appends one entry to a change log (a Redis stream), in
  one atomic script. Each process keeps a copy of the counters it has seen and catches up with
  the log at most every ``SYNC_SECONDS``, so a cache hit stays a memory read, and a server that
  missed anything (a restart, a trimmed log, a flushed Redis) notices the gap and drops what it
  holds instead of trusting it. Nothing is pushed, so nothing can be lost on the way: a page is
  never served more than ``SYNC_SECONDS`` after any server changed it.
- ``MachineGenerations`` (no Redis: one machine): a memory-mapped file of counters in the data
  directory, shared by the server processes of that machine; reading is a memory read and a bump
  takes a file lock.

When Redis cannot be reached, ``available()`` is false for a moment and the page cache stands
aside (pages are rendered, not stored or served from memory): a page whose purge cannot be
seen must not be served. Bumps that could not be written are kept and written first when Redis
answers again.
"""

from __future__ import annotations

import fcntl
import logging
import mmap
import os
import struct
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol, TypeAlias

from django.conf import settings

log = logging.getLogger(__name__)

SYNC_SECONDS = 0.5  # the longest a server goes without seeing another server's purge
RETRY_SECONDS = 1.0  # after Redis failed, how long to stand aside before trying again
LOG_LENGTH = 10_000  # change-log entries kept in Redis; a server further behind starts afresh

Snapshot: TypeAlias = tuple[tuple[Any, int], ...]


class Generations(Protocol):
    def available(self) -> bool: ...
    def read(self, keys: Iterable[str]) -> dict[str, int]: ...
    def current(self, keys: Iterable[str]) -> dict[str, int]: ...
    def bump(self, keys: Iterable[str]) -> None: ...
    def snapshot(self, generations: dict[str, int]) -> Snapshot: ...
    def unchanged(self, snapshot: Snapshot) -> bool: ...
    def confirm(self, generations: dict[str, int]) -> bool: ...


class Unavailable(Exception):
    """The shared store did not answer: nothing may be stored or served from a cache."""


# One machine ------------------------------------------------------------------------------------

SLOTS = 1 << 16
COUNTER = struct.Struct("<Q")


class MachineGenerations:
    """Counters in a memory-mapped file: keys hash into a fixed table (a shared slot only ever
    makes a page look stale too often, never fresh too long)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        size = SLOTS * COUNTER.size
        if os.fstat(self.fd).st_size < size:
            os.ftruncate(self.fd, size)
        self.map = mmap.mmap(self.fd, size)

    @staticmethod
    def offset(key: str) -> int:
        return (zlib.crc32(key.encode()) % SLOTS) * COUNTER.size

    def available(self) -> bool:
        return True

    def read(self, keys: Iterable[str]) -> dict[str, int]:
        return {key: COUNTER.unpack_from(self.map, self.offset(key))[0] for key in keys}

    current = read  # a memory read already

    def bump(self, keys: Iterable[str]) -> None:
        offsets = {self.offset(key) for key in keys}
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            for offset in offsets:
                COUNTER.pack_into(self.map, offset, COUNTER.unpack_from(self.map, offset)[0] + 1)
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)

    def snapshot(self, generations: dict[str, int]) -> Snapshot:
        return tuple((self.offset(key), value) for key, value in generations.items())

    def unchanged(self, snapshot: Snapshot) -> bool:
        """The hot path of a hit: a few memory reads."""
        unpack, data = COUNTER.unpack_from, self.map
        for offset, generation in snapshot:
            if unpack(data, offset)[0] != generation:
                return False
        return True

    def confirm(self, generations: dict[str, int]) -> bool:
        return self.read(generations) == generations


# Many servers: Redis --------------------------------------------------------------------------

# KEYS: epoch counter, generations hash, change log, incarnation. ARGV: a new incarnation token,
# then the surrogate keys. The log entry's id is the new epoch, so a reader can tell a gap from
# "nothing new"; the incarnation changes when Redis lost its data (a flush, a restart without
# persistence), so a reader can tell that too.
BUMP_SCRIPT = """
redis.call('SET', KEYS[4], ARGV[1], 'NX')
local epoch = redis.call('INCR', KEYS[1])
local fields = {}
for i = 2, #ARGV do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = redis.call('HINCRBY', KEYS[2], ARGV[i], 1)
end
redis.call('XADD', KEYS[3], 'MAXLEN', '~', LOG_LENGTH, epoch .. '-1', unpack(fields))
return epoch
""".replace("LOG_LENGTH", str(LOG_LENGTH))

EPOCH, COUNTERS, CHANGES, INCARNATION = "warta:gen:epoch", "warta:gen:counters", "warta:gen:log", "warta:gen:id"
SCRIPT_KEYS = [EPOCH, COUNTERS, CHANGES, INCARNATION]


class SharedGenerations:
    def __init__(self, url: str, on_reset: Callable[[], None]) -> None:
        import redis

        # Short timeouts: when Redis is gone, a reader waits a fraction of a second, once.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.25, socket_timeout=0.5)
        self.script = self.client.register_script(BUMP_SCRIPT)
        self.on_reset = on_reset
        self.lock = threading.Lock()
        self.known: dict[str, int] = {}  # the highest generation seen of each key
        self.cursor: int | None = None  # the last change-log entry applied
        self.incarnation: bytes | None = None
        self.next_sync = 0.0
        self.down_until = 0.0
        self.pending: set[str] = set()  # bumps Redis did not take, written when it returns

    # Staying in step ---------------------------------------------------------------------------

    def available(self) -> bool:
        """Whether this process knows every purge up to SYNC_SECONDS ago (catching up if due)."""
        now = time.monotonic()
        if now < self.next_sync:
            return True
        if now < self.down_until:
            return False
        with self.lock:
            if time.monotonic() < self.next_sync:
                return True
            try:
                self._flush_pending()
                self._sync()
            except Exception as exc:  # noqa: BLE001 - any failure: stand aside, say so, retry soon
                self._failed(exc)
                return False
            self.next_sync = time.monotonic() + SYNC_SECONDS
            return True

    def _failed(self, exc: Exception) -> None:
        if self.down_until < time.monotonic() - RETRY_SECONDS:  # warn once per outage, not per request
            log.warning("page cache: Redis unreachable (%s); serving uncached pages until it answers", exc)
        self.down_until = time.monotonic() + RETRY_SECONDS
        self.next_sync = 0.0
        # After an outage nothing held can be trusted: changes may have been missed.
        self.cursor = None

    def _sync(self) -> None:
        while True:
            pipe = self.client.pipeline(transaction=False)
            pipe.get(INCARNATION)
            pipe.get(EPOCH)
            if self.cursor is not None:
                pipe.xrange(CHANGES, min=f"{self.cursor + 1}-0", max="+", count=1000)
            answers = pipe.execute()
            incarnation, epoch = answers[0], int(answers[1] or 0)
            if incarnation is None:  # a new, flushed or restarted Redis: name it now, or the first
                # purge would name it and look like one more loss (everything held dropped again)
                self.client.set(INCARNATION, uuid.uuid4().hex, nx=True)
                incarnation = self.client.get(INCARNATION)
            if self.cursor is None or incarnation != self.incarnation or epoch < self.cursor:
                return self._reset(incarnation, epoch)  # a start, an outage or a Redis that lost its data
            if epoch == self.cursor:
                return None
            entries = answers[2]
            if not entries or int(entries[0][0].split(b"-")[0]) != self.cursor + 1:
                return self._reset(incarnation, epoch)  # the log was trimmed past us
            for entry_id, fields in entries:
                for key, value in fields.items():
                    name, generation = key.decode(), int(value)
                    if generation > self.known.get(name, -1):
                        self.known[name] = generation
                self.cursor = int(entry_id.split(b"-")[0])
            if self.cursor >= epoch:
                return None

    def _start_afresh(self) -> None:
        """Drop what is held and catch up in one go: resetting without the sync would leave the
        new incarnation unseen, and the next sync would drop everything a second time."""
        with self.lock:
            self.cursor = None
            try:
                self._sync()
            except Exception as exc:  # noqa: BLE001 - as in available()
                self._failed(exc)
                raise Unavailable from exc
            self.next_sync = time.monotonic() + SYNC_SECONDS

    def _reset(self, incarnation: bytes | None, epoch: int | None) -> None:
        self.known.clear()
        self.incarnation, self.cursor = incarnation, epoch
        self.on_reset()

    def _flush_pending(self) -> None:
        if self.pending:
            keys, self.pending = sorted(self.pending), set()
            self.script(keys=SCRIPT_KEYS, args=[uuid.uuid4().hex, *keys])
            log.warning("page cache: Redis is back; purged what changed meanwhile: %s", keys)

    # Reading and bumping -----------------------------------------------------------------------

    def read(self, keys: Iterable[str]) -> dict[str, int]:
        names = list(keys)
        if not self.available():
            raise Unavailable
        try:
            values = self.client.hmget(COUNTERS, names)
        except Exception as exc:  # noqa: BLE001
            self._failed(exc)
            raise Unavailable from exc
        found = {name: int(value or 0) for name, value in zip(names, values, strict=True)}
        known = self.known
        for name, value in found.items():
            if value < known.get(name, 0):  # Redis lost its data: start afresh, now
                self._start_afresh()
                break
        for name, value in found.items():
            if value > known.get(name, -1):
                known[name] = value
        return found

    def current(self, keys: Iterable[str]) -> dict[str, int]:
        """The generations to build a page or fragment on: this process's copy of each key it has
        seen, Redis for the others (one round trip for all of them, none once a worker is warm).
        The copy is behind Redis by at most SYNC_SECONDS, never ahead, so what is built on it can
        only look stale too soon, never fresh too long (and store() confirms a page with Redis)."""
        if not self.available():
            raise Unavailable
        known, found, missing = self.known, {}, []
        for name in keys:
            if name in known:
                found[name] = known[name]
            else:
                missing.append(name)
        if missing:
            found.update(self.read(missing))
        return found

    def bump(self, keys: Iterable[str]) -> None:
        names = sorted(set(keys))
        try:
            self.script(keys=SCRIPT_KEYS, args=[uuid.uuid4().hex, *names])
        except Exception as exc:  # noqa: BLE001 - an edit must never fail because the cache is down
            self.pending.update(names)
            self._failed(exc)
            log.warning("page cache: purge of %s kept until Redis answers", names)
            return
        # This process sees its own purge at once, without waiting for the next sync.
        self.next_sync = 0.0

    def snapshot(self, generations: dict[str, int]) -> Snapshot:
        return tuple(generations.items())

    def unchanged(self, snapshot: Snapshot) -> bool:
        known = self.known
        for key, generation in snapshot:
            if known.get(key, 0) > generation:
                return False
        return True

    def confirm(self, generations: dict[str, int]) -> bool:
        """Check against Redis itself: for a page another server built, or one built while a
        purge was landing (this process may have started after the purge it would miss)."""
        try:
            return self.read(generations) == generations
        except Unavailable:
            return False


# This process's store -------------------------------------------------------------------------

_store: Generations | None = None
_store_pid = 0
_reset_hooks: list[Callable[[], None]] = []


def on_reset(hook: Callable[[], None]) -> None:
    """Call hook when this process can no longer trust what it holds (see SharedGenerations)."""
    _reset_hooks.append(hook)


def _run_reset_hooks() -> None:
    for hook in _reset_hooks:
        hook()


def store() -> Generations:
    """This process's generations (opened again after a fork, and after settings change in tests)."""
    global _store, _store_pid
    if _store is None or _store_pid != os.getpid():
        cache = settings.CACHES["default"]
        if "RedisCache" in cache["BACKEND"]:
            _store = SharedGenerations(str(cache["LOCATION"]), _run_reset_hooks)
        else:
            _store = MachineGenerations(Path(settings.DATA_DIR) / "cache" / "generations")
        _store_pid = os.getpid()
        _run_reset_hooks()  # what was held was checked against another store
    return _store
