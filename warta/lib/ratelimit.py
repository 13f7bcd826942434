"""Fixed-window rate limits kept in Django's cache (Redis in production)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def allow(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one hit of key in scope; return False once it exceeds limit within window seconds."""
    bucket = int(time.time() // window)
    # Hash the key: it may be an email address, which has no business in cache key names.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    name = f"ratelimit:{scope}:{digest}:{bucket}"
    cache.add(name, 0, timeout=window + 1)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window + 1)
        count = 1
    return count <= limit
