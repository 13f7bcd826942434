from __future__ import annotations

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client

from warta.articles.models import Article
from warta.authors.models import Author

SEED_URL = "/2022/08/16/gawat-putin-kim-jong-un-makin-nempel/"

# The live test server listens with a backlog of 10: fifty readers connecting at the same moment
# (tests/test_comments_concurrency.py) overflow it on a busy machine and get "connection reset"
# before Warta sees the request. A production server's backlog is far larger.
ThreadedWSGIServer.request_queue_size = 128


def must_search(pattern: str, string: str, flags: int = 0) -> re.Match[str]:
    """re.search for what the test expects to be there: no match fails the test, naming the pattern."""
    found = re.search(pattern, string, flags)
    assert found is not None, f"nothing matches {pattern!r}"
    return found


def permalink(article: Article) -> str:
    """The article's public URL, which only an article without a publication time lacks."""
    url = article.get_absolute_url()
    assert url is not None, f"{article.slug} has no publication time"
    return url


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo content (the seed article and twelve more) once for the whole run."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from warta.caching import fragments, generations, memo, store

    cache.clear()
    shared = generations.store()
    if isinstance(shared, generations.SharedGenerations):
        # Redis was just flushed: let this process see it now (and drop what it held), not at
        # its next sync in the middle of the test.
        shared.next_sync = 0.0
        shared.available()
    store.local.clear()
    fragments.local.clear()
    memo.forget_all()
    yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as a real request would: its purges fire when it commits. Returns what the
    change returns."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


@pytest.fixture
def fragments_on(settings):
    """Keep rendered fragments, as in production: for tests whose changes commit (fragments are
    purged on commit, which a test inside a transaction never reaches; tests/settings.py)."""
    settings.WARTA_FRAGMENT_CACHE = True


@pytest.fixture
def seed(db) -> Article:
    return Article.objects.get(slug="gawat-putin-kim-jong-un-makin-nempel")


@pytest.fixture
def make_article(db, seed):
    """Return a factory for articles in the seed's section, published unless told otherwise."""

    def make(**fields) -> Article:
        defaults = {
            "headline": "Judul uji",
            "slug": "judul-uji",
            "section": seed.section,
            "body": [{"type": "paragraph", "text": "Satu dua tiga."}],
            "status": Article.Status.PUBLISHED,
            "published_at": datetime.datetime(2022, 8, 1, 9, 0, tzinfo=datetime.UTC),
        }
        return Article.objects.create(**{**defaults, **fields})

    return make


def warm_again(client, path: str) -> None:
    """Request the page once more, as before the first count: what the changes since made stale
    (the values held under the purged keys, such as when the next scheduled article is due) is
    read again now, not during the counted request (the test client never answers from the page
    cache: the counted request renders the page, as the first one did)."""
    client.get(path)
    # Each process re-reads the site settings every couple of seconds; on a slow machine the
    # changes above took longer than that: read them now, not during the counted request.
    fresh_site_settings()


def fresh_site_settings() -> None:
    """Read the site settings now, not during a counted request (each process re-reads them
    every couple of seconds)."""
    from warta.sitesettings import values as site_values

    site_values.forget()
    site_values.current()


# The newsroom's people, logged in (modules with people of their own define them again) --------


class StaffClient(Client):
    """A test client logged in as a member of the newsroom, who is kept at hand as .user."""

    user: User


def person(django_user_model, username: str, role: str) -> StaffClient:
    user = django_user_model.objects.create_user(username, f"{username}@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Author.objects.create(name=username.title(), slug=username, user=user)
    client = StaffClient()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def writer(django_user_model) -> StaffClient:
    return person(django_user_model, "penulis", "Penulis")


@pytest.fixture
def colleague(django_user_model) -> StaffClient:
    return person(django_user_model, "rekan", "Penulis")


@pytest.fixture
def editor(django_user_model) -> StaffClient:
    return person(django_user_model, "editor", "Editor")
