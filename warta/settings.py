"""Warta's one settings module. Every knob is a WARTA_* environment variable (see config.py)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from warta import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key(DATA_DIR)
DEBUG = config.env_bool("WARTA_DEBUG", default=False)
ALLOWED_HOSTS = config.allowed_hosts()
CSRF_TRUSTED_ORIGINS = config.env_list("WARTA_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "warta.front.errors.csrf_failure"  # in the site's language, not Django's English page

INSTALLED_APPS = [
    "warta.newsroom.site.NewsroomAdminConfig",  # Django's admin, login rate-limited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "warta.sitesettings",
    "warta.front",
    "warta.photos",
    "warta.authors",
    "warta.taxonomy",
    "warta.articles",
    "warta.comments",
    "warta.complaints",
    "warta.language",
    "warta.search",
    "warta.pages",
    "warta.readership",
    "warta.caching",
    "warta.importers",
    "warta.newsroom",
    "warta.live",
    "django_tasks",
    "django_tasks_db",
]
# The demo's content and `load_demo` exist only where `warta demo` runs, never on a real site.
if config.env_bool("WARTA_DEMO", default=False):
    INSTALLED_APPS.append("warta.demo")

MIDDLEWARE = [
    # Outermost first: compress and answer conditional requests for what the cache stored.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "warta.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "warta.front.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "warta.urls"
WSGI_APPLICATION = "warta.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "warta.front.context_processors.site",
                "warta.sitesettings.context.site_settings",
            ],
        },
    },
]

DATABASES = {"default": config.database(DATA_DIR)}
CACHES = {"default": config.cache(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first: the public site speaks one language, chosen per site.
LANGUAGE_CODE = config.language()
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": config.media_storage(),
    # Hashed file names, so the server can let browsers keep them for a year.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security headers; TLS-only ones switch on with WARTA_HTTPS=1 (behind a TLS proxy).
HTTPS = config.env_bool("WARTA_HTTPS", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
# Behind a reverse proxy, the reader's address is the last X-Forwarded-For entry.
WARTA_BEHIND_PROXY = config.env_bool("WARTA_BEHIND_PROXY", default=False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Refused requests (4xx) in one short line each, without a traceback: see warta/lib/logs.py.
    "filters": {"short_client_errors": {"()": "warta.lib.logs.ShortClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["short_client_errors"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Newsroom settings.
WARTA_SITE_NAME = config.site_name()
# The public address, for links in emails sent outside a request.
WARTA_SITE_URL = config.env_str("WARTA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Feeds carry the whole article (1) or only the dek (0).
WARTA_FEED_FULL_TEXT = config.env_bool("WARTA_FEED_FULL_TEXT", default=False)
# One view per reader address and article in this many seconds counts for "most read".
WARTA_VIEW_WINDOW = config.env_int("WARTA_VIEW_WINDOW", default=1800)
WARTA_READING_WPM = config.env_int("WARTA_READING_WPM", default=200)
# Widths (px) of the responsive renditions made for every photo.
WARTA_PHOTO_WIDTHS = (480, 800, 1200)
# Origins photos may be loaded from besides this site (space-separated), for the CSP.
# A logo or favicon the environment places elsewhere (WARTA_SITE_LOGO_URL...) is allowed with it.
WARTA_IMAGE_SOURCES = (
    config.env_str("WARTA_IMAGE_SOURCES").split()
    + ([f"https://{config.env_str('WARTA_S3_PUBLIC_HOST')}"] if config.env_str("WARTA_S3_PUBLIC_HOST") else [])
    + [origin for name in ("WARTA_SITE_LOGO_URL", "WARTA_SITE_FAVICON_URL") if (origin := config.origin_of(name))]
)
WARTA_PHOTO_MAX_MB = config.env_int("WARTA_PHOTO_MAX_MB", default=15)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background tasks (scheduled publishing), queued in the database and run by `warta worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Page cache for anonymous readers (0 turns it off), and the CDN purge hook (see README).
WARTA_PAGE_CACHE_SECONDS = config.env_int("WARTA_PAGE_CACHE_SECONDS", default=300, minimum=0)
WARTA_PURGE_URL = config.env_str("WARTA_PURGE_URL")
# Rendered fragments (a story, its comment thread, the navigation) kept under the same keys as
# pages: on by default; off while editing templates, whose changes purge nothing.
WARTA_FRAGMENT_CACHE = config.env_bool("WARTA_FRAGMENT_CACHE", default=True)

# Reader comments (see warta/comments/). Limits are per client IP and per email address.
WARTA_COMMENT_MAX_LENGTH = config.env_int("WARTA_COMMENT_MAX_LENGTH", default=5000)
WARTA_COMMENT_MAX_DEPTH = config.env_int("WARTA_COMMENT_MAX_DEPTH", default=5)
WARTA_COMMENT_MAX_LINKS = config.env_int("WARTA_COMMENT_MAX_LINKS", default=2, minimum=0)
WARTA_COMMENT_MIN_SECONDS = config.env_int("WARTA_COMMENT_MIN_SECONDS", default=2, minimum=0)
WARTA_COMMENT_RATE = config.env_int("WARTA_COMMENT_RATE", default=5)  # posts per window
WARTA_COMMENT_RATE_WINDOW = config.env_int("WARTA_COMMENT_RATE_WINDOW", default=60)  # seconds
WARTA_COMMENT_CLOSE_AFTER_DAYS = config.env_int("WARTA_COMMENT_CLOSE_AFTER_DAYS", default=0, minimum=0)
WARTA_COMMENT_TRUST_APPROVED = config.env_bool("WARTA_COMMENT_TRUST_APPROVED", default=True)
WARTA_COMMENT_KEEP_IP_DAYS = config.env_int("WARTA_COMMENT_KEEP_IP_DAYS", default=90)

# Mail: the console in the demo; a real server with WARTA_EMAIL_HOST.
EMAIL_HOST = config.env_str("WARTA_EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = config.env_int("WARTA_EMAIL_PORT", default=587)
EMAIL_HOST_USER = config.env_str("WARTA_EMAIL_USER")
EMAIL_HOST_PASSWORD = config.env_str("WARTA_EMAIL_PASSWORD")
EMAIL_USE_TLS = config.env_bool("WARTA_EMAIL_TLS", default=True)
DEFAULT_FROM_EMAIL = config.env_str("WARTA_EMAIL_FROM", "redaksi@localhost")
