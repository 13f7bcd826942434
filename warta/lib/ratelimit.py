"""Fixed-window rate limits kept in Django's cache (Redis in production).

When the shared cache cannot be reached, the count is kept in this process's memory instead:
the limit then holds per server process rather than site-wide, which still stops a flood, and
a comment or a login never fails because the cache is down. A warning says so, once per outage;
the shared counters are used again as soon as the cache answers.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.core.cache import cache

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0  # after a failure, count locally this long before asking the cache again
LOCAL_BUCKETS = 10_000  # counters kept in memory during an outage; the oldest go first

_local: dict[str, int] = {}
_lock = threading.Lock()
_down_until = 0.0


def allow(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one hit of key in scope; return False once it exceeds limit within window seconds."""
    return record(scope, key, window) <= limit


def record(scope: str, key: str, window: int) -> int:
    """Count one hit of key in scope; return the hits in this window so far."""
    name = _name(scope, key, window)
    count = _shared_count(name, window) if time.monotonic() >= _down_until else None
    return _local_count(name, 1) if count is None else count


def count(scope: str, key: str, window: int) -> int:
    """The hits of key in scope in this window, without counting one (e.g. failed logins so far)."""
    global _down_until
    name = _name(scope, key, window)
    if time.monotonic() >= _down_until:
        try:
            hits = int(cache.get(name, 0))
        except Exception as exc:  # noqa: BLE001 - Redis down: the local count answers
            _warn(exc)
        else:
            if not _cache_is_down():
                return hits
    return _local_count(name, 0)


def _name(scope: str, key: str, window: int) -> str:
    bucket = int(time.time() // window)
    # Hash the key: it may be an email address, which has no business in cache key names.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{bucket}"


def _shared_count(name: str, window: int) -> int | None:
    try:
        cache.add(name, 0, timeout=window + 1)
        try:
            hits = cache.incr(name)
        except ValueError:  # expired between add and incr (or, below, a cache that is down)
            cache.set(name, 1, timeout=window + 1)
            hits = 1
    except Exception as exc:  # noqa: BLE001 - Redis down: count here rather than fail the request
        _warn(exc)
        return None
    if _cache_is_down():  # the degrading Redis backend answered without Redis: not a real count
        _warn(ConnectionError("shared cache is down"))
        return None
    return hits


def _cache_is_down() -> bool:
    is_down = getattr(cache, "is_down", None)
    return bool(is_down()) if callable(is_down) else False


def _warn(exc: Exception) -> None:
    global _down_until
    if _down_until == 0.0 or time.monotonic() > _down_until + RETRY_SECONDS:  # once per outage
        log.warning("rate limits: shared cache unreachable (%s); counting per process meanwhile", exc)
    _down_until = time.monotonic() + RETRY_SECONDS


def _local_count(name: str, add: int) -> int:
    with _lock:
        _local[name] = hits = _local.get(name, 0) + add
        while len(_local) > LOCAL_BUCKETS:
            del _local[next(iter(_local))]
        return hits
