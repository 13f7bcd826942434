import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "warta.settings")
django_application = get_wsgi_application()

from warta.caching.wsgi import CachedPages  # noqa: E402 - needs the settings loaded above
from warta.front.warmup import warm_up  # noqa: E402

warm_up(django_application)

# Cached pages and static files are answered before Django's request cycle starts.
application = CachedPages(django_application)
