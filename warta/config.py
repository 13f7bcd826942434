"""Read Warta's configuration from WARTA_* environment variables.

Every value is checked here, once, at start-up: a bad value stops Warta with a
message that names the variable and says what it expects, instead of failing
later in the middle of a request.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


# Set by `warta serve` for the server workers it starts (front/warmup.py opens the database pool).
SERVER_WORKER = "WARTA_SERVER_WORKER"


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value: use 1 or 0 (true/false).")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def data_dir() -> Path:
    """Return the data directory (database, media, secret key), creating it if needed."""
    path = Path(os.environ.get("WARTA_DATA_DIR") or "var").expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"WARTA_DATA_DIR={str(path)!r} cannot be created: {exc.strerror}.") from None
    if not os.access(path, os.W_OK):
        raise ImproperlyConfigured(f"WARTA_DATA_DIR={str(path)!r} is not writable.")
    return path


def secret_key(directory: Path) -> str:
    """Return WARTA_SECRET_KEY, or a key generated once and kept in the data directory."""
    key = os.environ.get("WARTA_SECRET_KEY", "").strip()
    if key:
        if len(key) < 32:
            raise ImproperlyConfigured("WARTA_SECRET_KEY must be at least 32 characters long.")
        return key
    path = directory / "secret_key"
    try:
        # O_EXCL: two processes starting at once must not write two different keys.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database(directory: Path) -> dict[str, Any]:
    """Return Django's DATABASES['default']: SQLite in the data dir, or WARTA_DATABASE_URL."""
    url = os.environ.get("WARTA_DATABASE_URL", "").strip()
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": directory / "warta.sqlite3",
            # WAL lets readers go on while a writer writes; IMMEDIATE avoids
            # "database is locked" when two transactions upgrade to writes.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    scheme = urlsplit(url).scheme
    if scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"WARTA_DATABASE_URL must start with postgresql:// (got {scheme or 'no'} scheme); "
            "leave it unset for the embedded SQLite database."
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except ValueError as exc:
        raise ImproperlyConfigured(f"WARTA_DATABASE_URL cannot be read: {exc}") from None
    if not config.get("NAME"):
        raise ImproperlyConfigured("WARTA_DATABASE_URL must name a database: postgresql://host/NAME")
    # A pool of connections per server process (psycopg_pool), shared by its threads.
    size = env_int("WARTA_DATABASE_POOL", default=4)
    config["OPTIONS"] = {**config.get("OPTIONS", {}), "pool": {"min_size": 1, "max_size": size, "timeout": 10}}
    config["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not hold them too
    # Check each pooled connection before handing it out (Django passes the pool
    # ConnectionPool.check_connection): after a PostgreSQL restart every idle connection in the
    # pool is dead, and without the check the first requests would get them and answer 500.
    config["CONN_HEALTH_CHECKS"] = True
    return config


def media_storage() -> dict:
    """Uploaded photos on the local disk, or in an S3-compatible bucket when WARTA_S3_BUCKET is set."""
    bucket = env_str("WARTA_S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env_str("WARTA_S3_ENDPOINT") or None,  # MinIO, Wasabi, a local provider...
            "region_name": env_str("WARTA_S3_REGION") or None,
            "access_key": env_str("WARTA_S3_ACCESS_KEY") or None,
            "secret_key": env_str("WARTA_S3_SECRET_KEY") or None,
            "custom_domain": env_str("WARTA_S3_PUBLIC_HOST") or None,  # a CDN in front of the bucket
            "file_overwrite": False,
            "querystring_auth": False,  # photos are public
        },
    }


def cache(directory: Path) -> dict:
    """Return Django's CACHES['default']: files in the data dir, or Redis from WARTA_CACHE_URL.

    The cache holds rate-limit counters, so it must be shared by every server process:
    per-process memory would let a flood through, one worker at a time.
    """
    url = os.environ.get("WARTA_CACHE_URL", "").strip()
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": directory / "cache",
            # Django's default (300 entries, then a third dropped at random) would let anyone who
            # requests enough distinct pages wipe the rate-limit and login counters kept here.
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    if urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            "WARTA_CACHE_URL must start with redis:// (or rediss://); "
            "leave it unset for the cache in the data directory."
        )
    # Redis down degrades, never fails (warta/caching/backends.py); short timeouts: with Redis
    # gone, a request waits a fraction of a second, once.
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
    return {"BACKEND": "warta.caching.backends.DegradingRedisCache", "LOCATION": url, "OPTIONS": options}


def language() -> str:
    value = os.environ.get("WARTA_LANGUAGE", "id").strip() or "id"
    if value not in {"id", "en"}:
        raise ImproperlyConfigured(f"WARTA_LANGUAGE={value!r}: use id (Indonesian) or en (English).")
    return value


def site_name() -> str:
    name = os.environ.get("WARTA_SITE_NAME", "Warta").strip()
    if not name or len(name) > 60:
        raise ImproperlyConfigured("WARTA_SITE_NAME must be 1 to 60 characters long.")
    return name


def origin_of(name: str) -> str:
    """scheme://host[:port] of an absolute http(s) address in the variable; "" for none or a path."""
    parts = urlsplit(env_str(name))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def env_list(name: str) -> list[str]:
    """Return a comma-separated variable as a list, without blanks."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def allowed_hosts() -> list[str]:
    return env_list("WARTA_ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
