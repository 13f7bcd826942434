"""Settings for the test suite: Warta's own, with a throw-away data directory."""

import os
import tempfile

os.environ.setdefault("WARTA_DATA_DIR", tempfile.mkdtemp(prefix="warta-test-"))
os.environ["WARTA_SITE_NAME"] = "Kempalan"
os.environ["WARTA_DEMO"] = "1"  # the suite loads the demo content

from warta.settings import *  # noqa: E402,F403

# No collectstatic in unit tests: plain names instead of the hashed manifest.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
# Rate-limit counters must not leak from one test to the next: each test clears the cache.
if not os.environ.get("WARTA_CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Fragments are purged when a change commits, which a test inside a transaction never does: they
# are on where a test commits its changes (the page-cache tests turn them on).
WARTA_FRAGMENT_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
