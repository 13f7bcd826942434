"""The codebase's own gates: a self-contained suite, one definition of "published", feeds without
shared per-request state, no demo app on a real site, workflow signals that someone hears."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import get_resolver
from django.utils import timezone

from tests.conftest import permalink
from warta.articles.feeds import LatestArticles
from warta.articles.models import Article
from warta.authors.models import Author
from warta.newsroom import workflow

pytestmark = pytest.mark.django_db
TESTS = Path(__file__).resolve().parent


def test_the_suite_reads_nothing_outside_the_repository():
    for module in TESTS.glob("*.py"):
        if module.name == Path(__file__).name:
            continue  # this test names what it looks for
        assert "../shared" not in module.read_text(encoding="utf-8"), module.name
        assert '"shared"' not in module.read_text(encoding="utf-8"), module.name


def test_an_article_dated_later_is_coming_not_published_everywhere(seed, client):
    later = Article.objects.create(
        headline="Kabar dari masa depan",
        slug="kabar-dari-masa-depan",
        section=seed.section,
        body=[{"type": "paragraph", "text": "Gerhana matahari terlihat dari Surabaya."}],
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(hours=2),
    )
    assert later in Article.objects.coming() and later not in Article.objects.published()
    assert not later.is_public and later.is_released
    assert "Kabar dari masa depan" not in client.get("/cari/", {"q": "gerhana"}).content.decode()
    assert "Kabar dari masa depan" not in client.get("/").content.decode()

    # Its time comes without any save: search finds it through the same definition as the pages.
    Article.objects.filter(pk=later.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "Kabar dari masa depan" in client.get("/cari/", {"q": "gerhana"}).content.decode()
    assert later not in Article.objects.coming()


def test_a_feed_keeps_no_request_on_the_instance_the_urlconf_holds(client):
    match = get_resolver().resolve("/feed/")
    shared = getattr(match.func, "__wrapped__", None)  # inside require_safe
    assert isinstance(shared, LatestArticles)
    assert client.get("/feed/", HTTP_HOST="localhost").status_code == 200
    assert "request" not in vars(shared)


def test_a_feed_builds_photo_addresses_from_its_own_request(seed, client):
    body = client.get("/feed/", HTTP_HOST="localhost").content.decode()
    assert "http://localhost/media/" in body
    body = client.get("/feed/", HTTP_HOST="127.0.0.1").content.decode()
    assert "http://127.0.0.1/media/" in body and "http://localhost/media/" not in body


def test_a_real_site_does_not_install_the_demo_app(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"WARTA_DEMO", "DJANGO_SETTINGS_MODULE"}}
    env.update(WARTA_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="warta.settings")
    code = "from django.conf import settings; print('warta.demo' in settings.INSTALLED_APPS)"
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
    env["WARTA_DEMO"] = "1"
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "True"


def test_a_future_post_from_wordpress_queues_its_publication(db, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path="warta.newsroom.tasks.publish_scheduled", status="READY")
    before = queued.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_wxr", str(TESTS / "fixtures/wordpress/wordpress-export-medium.xml"), stdout=io.StringIO())
    scheduled = Article.objects.filter(status=Article.Status.SCHEDULED)
    assert scheduled.exists()
    assert queued.count() == before + scheduled.count()
    assert {t.run_after for t in queued.order_by("-enqueued_at")[: scheduled.count()]} == {
        a.published_at for a in scheduled
    }


def staff(django_user_model, username: str, role: str):
    user = django_user_model.objects.create_user(username, f"{username}@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    Author.objects.create(name=username.title(), slug=username, user=user)
    return user


def test_submitting_tells_the_editors_and_publishing_tells_the_writer(
    django_user_model, seed, django_capture_on_commit_callbacks
):
    writer = staff(django_user_model, "penulis", "Penulis")
    editor = staff(django_user_model, "editor", "Editor")
    article = Article.objects.create(
        headline="Jembatan Suramadu ditutup sementara",
        slug="jembatan-suramadu-ditutup",
        section=seed.section,
        body=[{"type": "paragraph", "text": "Angin kencang."}],
        created_by=writer,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, writer)
    assert [m.to for m in mail.outbox] == [["editor@kempalan.test"]]
    assert "Jembatan Suramadu ditutup sementara" in mail.outbox[0].subject
    assert f"/redaksi/articles/article/{article.pk}/change/" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, editor)
    assert [m.to for m in mail.outbox] == [["penulis@kempalan.test"]]
    assert permalink(article) in str(mail.outbox[0].body)
