"""Django's Redis cache, made to degrade instead of fail when Redis is away.

Everything Warta keeps in the shared cache can be done without: stored pages (rendered instead),
rate-limit counters (counted per process, see warta/lib/ratelimit.py), settings and synonyms
kept for speed (read from the database instead). So while Redis does not answer, reads miss,
writes are dropped, ``incr`` raises ValueError (as for a missing key, which every caller already
handles), one warning is logged per outage, and Redis is asked again after ``RETRY_SECONDS``
instead of on every call (no request waits on a dead connection more than once a second).

Configured by warta/config.py for WARTA_CACHE_URL=redis://...
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
T = TypeVar("T")


class ReusedRedisClient(RedisCacheClient):
    """Django builds a new redis.Redis for every call (its constructor fills a table of some 170
    response callbacks: about 0.3 ms, more than a GET of a stored page). A client is thread-safe
    and holds nothing but its pool, so one per pool is kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[Any, Any] = {}  # by pool; Django keeps its pools for the process's life

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Both private to Django's client, and not in its type stubs: the method it overrides.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class DegradingRedisCache(RedisCache):
    down_until = 0.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisClient

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def _try(self, call: Callable[[], T], fallback: T) -> T:
        if self.is_down():
            return fallback
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 - redis-py's errors, and OSError under them
            if not _is_redis_failure(exc):
                raise
            if type(self).down_until < time.monotonic() - RETRY_SECONDS:  # once per outage
                log.warning("shared cache (Redis) unreachable: %s; going on without it", exc)
            type(self).down_until = time.monotonic() + RETRY_SECONDS
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._try(lambda: super(DegradingRedisCache, self).get(key, default, version), default)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._try(lambda: super(DegradingRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._try(lambda: super(DegradingRedisCache, self).has_key(key, version), False)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._try(lambda: super(DegradingRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._try(lambda: super(DegradingRedisCache, self).set_many(data, timeout, version), list(data))

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        # True: whoever asks for a lock during an outage gets it (nobody waits on a dead cache).
        return self._try(lambda: super(DegradingRedisCache, self).add(key, value, timeout, version), True)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._try(lambda: super(DegradingRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._try(lambda: super(DegradingRedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        self._try(lambda: super(DegradingRedisCache, self).delete_many(keys, version), None)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        found = self._try(lambda: super(DegradingRedisCache, self).incr(key, delta, version), missing)
        if found is missing:
            raise ValueError("the shared cache is unreachable")  # as for a missing key: callers handle it
        return int(found)  # type: ignore[call-overload]

    def clear(self) -> None:
        self._try(lambda: super(DegradingRedisCache, self).clear(), None)


def _is_redis_failure(exc: Exception) -> bool:
    import redis

    return isinstance(exc, redis.RedisError | OSError)
