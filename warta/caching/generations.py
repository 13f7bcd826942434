"""Surrogate-key generations, shared by every server process on this machine through a memory map.

A page is fresh while the generations of the keys it was built from are unchanged. Reading
them is a memory read (no network, no system call), which is what keeps a cache hit as cheap as
a static file; bumping them takes a file lock, so concurrent bumps never lose a count.

Keys hash into a fixed table of counters. Two keys sharing a slot only ever make a page look
stale too often, never fresh too long.

Several app servers: a bump is also published on Redis (WARTA_CACHE_URL), and every worker
listens and applies bumps made on other machines to its own table.
"""

from __future__ import annotations

import fcntl
import json
import logging
import mmap
import os
import socket
import struct
import threading
import zlib
from pathlib import Path

from django.conf import settings

SLOTS = 1 << 16
COUNTER = struct.Struct("<Q")
CHANNEL = "warta:surrogate-bumps"
log = logging.getLogger(__name__)


class GenerationTable:
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

    def read(self, keys) -> dict[str, int]:
        return {key: COUNTER.unpack_from(self.map, self.offset(key))[0] for key in keys}

    def unchanged(self, snapshot: tuple[tuple[int, int], ...]) -> bool:
        """Whether every (offset, generation) pair still holds: the hot path of a cache hit."""
        unpack, data = COUNTER.unpack_from, self.map
        for offset, generation in snapshot:
            if unpack(data, offset)[0] != generation:
                return False
        return True

    def bump(self, keys) -> None:
        offsets = {self.offset(key) for key in keys}
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            for offset in offsets:
                COUNTER.pack_into(self.map, offset, COUNTER.unpack_from(self.map, offset)[0] + 1)
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)


_table: GenerationTable | None = None
_table_pid = 0


def table() -> GenerationTable:
    """This process's view of the shared table (opened again after a fork)."""
    global _table, _table_pid
    if _table is None or _table_pid != os.getpid():
        _table, _table_pid = GenerationTable(Path(settings.DATA_DIR) / "cache" / "generations"), os.getpid()
    return _table


def _redis():
    url = settings.CACHES["default"].get("LOCATION", "")
    if "RedisCache" not in settings.CACHES["default"]["BACKEND"]:
        return None
    import redis

    return redis.Redis.from_url(url, socket_timeout=5)


def bump(keys: set[str]) -> None:
    table().bump(keys)
    client = _redis()
    if client is not None:
        try:
            client.publish(CHANNEL, json.dumps({"origin": socket.gethostname(), "keys": sorted(keys)}))
        except OSError as exc:
            log.warning("could not tell other app servers about %s: %s", sorted(keys), exc)


def apply_remote(message: bytes) -> bool:
    """Apply a bump published by another machine; return whether it was applied."""
    data = json.loads(message)
    if data.get("origin") == socket.gethostname():
        return False  # this machine's table already has it
    table().bump(set(data["keys"]))
    return True


def listen_for_other_machines() -> None:
    """Start a daemon thread applying other machines' bumps, when Redis is configured."""
    client = _redis()
    if client is None:
        return

    def run() -> None:
        while True:
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(CHANNEL)
                for message in pubsub.listen():
                    apply_remote(message["data"])
            except Exception as exc:  # noqa: BLE001 - keep listening whatever happens
                log.warning("bump listener reconnecting after: %s", exc)
                threading.Event().wait(1)

    threading.Thread(target=run, name="warta-bump-listener", daemon=True).start()
