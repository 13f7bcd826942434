"""Several staff post into the same live report at the same instant, against a live server."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.utils import timezone

from warta.articles.models import Article, Byline
from warta.authors.models import Author
from warta.live.models import LiveReport
from warta.newsroom.roles import WRITER, WRITER_PERMISSIONS
from warta.taxonomy.models import Section

pytestmark = pytest.mark.django_db(transaction=True)
STAFF = 6


def signed_in(address: str, username: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(address + "/redaksi/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": "rahasia-123"}
    opener.addheaders = [("Referer", address + "/redaksi/login/")]
    opener.open(address + "/redaksi/login/?next=/redaksi/", urllib.parse.urlencode(form).encode()).read()
    return opener


def writer_role() -> Group:
    """The Penulis group: a transactional test before this one may have flushed what the
    migrations made, so it is made again here from the same list the migration reads."""
    role, _ = Group.objects.get_or_create(name=WRITER)
    for dotted in WRITER_PERMISSIONS:
        app_label, codename = dotted.split(".")
        role.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return role


def test_entries_posted_by_several_staff_at_once_all_land(live_server, django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test runs on PostgreSQL (scripts/test runs it there)")
    section = Section.objects.create(name="Uji", slug="uji")
    article = Article.objects.create(
        headline="Pemilu Serentak",
        slug="pemilu-serentak",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
        body=[{"type": "paragraph", "text": "Isi."}],
    )
    report = LiveReport.objects.create(article=article)
    role = writer_role()
    openers = []
    for i in range(STAFF):
        user = django_user_model.objects.create_user(f"reporter{i}", f"r{i}@k.test", "rahasia-123", is_staff=True)
        user.groups.add(role)
        # Reporters on the story: bylined on the live report's article.
        author = Author.objects.create(name=f"Reporter {i}", slug=f"reporter-{i}", user=user)
        Byline.objects.create(article=article, author=author, position=i)
        openers.append(signed_in(live_server.url, f"reporter{i}"))
    desk = f"{live_server.url}/redaksi/live/livereport/{report.pk}/"
    tokens = []
    for opener in openers:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', opener.open(desk + "change/").read().decode())
        assert found is not None
        tokens.append(found.group(1))
    barrier = threading.Barrier(STAFF)
    statuses: list[int] = []

    def post(i: int) -> None:
        form = {"csrfmiddlewaretoken": tokens[i], "body_text": f"Laporan dari TPS {i}.", "posted_at": ""}
        openers[i].addheaders = [("Referer", desk + "change/")]
        barrier.wait()
        statuses.append(openers[i].open(desk + "entri/", urllib.parse.urlencode(form).encode()).status)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(STAFF)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * STAFF  # each redirected back to the desk
    texts = sorted(e.body[0]["text"] for e in report.entries.all())
    assert texts == sorted(f"Laporan dari TPS {i}." for i in range(STAFF))
    assert report.entries.values("created_by").distinct().count() == STAFF
