"""/redaksi/ opens on the newsroom's day, panel by panel for the role, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import person
from warta.articles.models import Article
from warta.comments.models import Comment
from warta.newsroom import dashboard
from warta.newsroom.models import AuditEntry
from warta.readership.models import HourlyViews
from warta.sitesettings import values
from warta.taxonomy.models import Section

pytestmark = pytest.mark.django_db


def test_a_writer_sees_their_own_stories_and_not_the_editors_queues(django_user_model, make_article):
    writer = person(django_user_model, "penulis", "Penulis")
    make_article(headline="Draf saya sendiri", slug="draf-saya", status=Article.Status.DRAFT, created_by=writer.user)
    make_article(headline="Draf orang lain", slug="draf-lain", status=Article.Status.DRAFT)
    make_article(headline="Tulisan orang lain", slug="menunggu", status=Article.Status.IN_REVIEW)
    page = writer.get("/redaksi/").content.decode()
    assert "Ruang redaksi hari ini" in page and "Tulisan saya" in page
    assert "Draf saya sendiri" in page and "Draf orang lain" not in page
    assert 'id="panel-review"' not in page and 'id="panel-comments"' not in page
    assert "Tulisan orang lain" not in page and "Menunggu tinjauan" not in page


def test_a_writer_still_sees_a_story_they_submitted_until_it_is_out(django_user_model, make_article):
    writer = person(django_user_model, "penulis", "Penulis")
    story = make_article(headline="Liputan banjir", slug="banjir", status=Article.Status.DRAFT, created_by=writer.user)
    story.status = Article.Status.IN_REVIEW
    story.save()
    panel = writer.get("/redaksi/").content.decode().split('id="panel-drafts"')[1].split("</section>")[0]
    assert "Liputan banjir" in panel and "Menunggu tinjauan" in panel
    story.status = Article.Status.PUBLISHED
    story.save()
    panel = writer.get("/redaksi/").content.decode().split('id="panel-drafts"')[1].split("</section>")[0]
    assert "Liputan banjir" not in panel


def test_an_editor_sees_review_schedule_today_and_waiting_comments(django_user_model, make_article, seed):
    editor = person(django_user_model, "editor", "Editor")
    now = timezone.now()
    make_article(headline="Menunggu tinjauan", slug="menunggu", status=Article.Status.IN_REVIEW)
    make_article(
        headline="Terbit besok pagi",
        slug="besok",
        status=Article.Status.SCHEDULED,
        published_at=now + datetime.timedelta(hours=20),
    )
    make_article(headline="Terbit barusan", slug="barusan", published_at=now - datetime.timedelta(minutes=1))
    for i in range(7):
        Comment.objects.create(
            article=seed, name=f"Pembaca {i}", email=f"p{i}@contoh.id", text=f"Komentar nomor {i}", status="pending"
        )
    page = editor.get("/redaksi/").content.decode()
    for panel in ("panel-review", "panel-scheduled", "panel-today", "panel-comments", "panel-most-read"):
        assert f'id="{panel}"' in page
    assert "Menunggu tinjauan" in page and "Terbit besok pagi" in page and "Terbit barusan" in page
    comments = page.split('id="panel-comments"')[1].split("</section>")[0]
    assert '<span class="nr-count nr-alert">7</span>' in comments
    # the latest five, newest first
    assert "Komentar nomor 6" in comments and "Komentar nomor 2" in comments and "Komentar nomor 1" not in comments


def test_most_read_charts_views_per_hour_for_the_last_day(make_article):
    article = make_article(headline="Paling dibaca", slug="paling-dibaca")
    now = timezone.now()
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    HourlyViews.objects.create(article=article, hour=this_hour, views=30)
    HourlyViews.objects.create(article=article, hour=this_hour - datetime.timedelta(hours=3), views=10)
    HourlyViews.objects.create(article=article, hour=this_hour - datetime.timedelta(hours=30), views=999)  # too old
    reads, everyone = dashboard.most_read(now)
    assert [r.article.headline for r in reads] == ["Paling dibaca"]
    assert reads[0].total == 40 and len(reads[0].chart.bars) == 24
    assert reads[0].chart.bars[-1].views == 30 and reads[0].chart.bars[-4].views == 10
    assert reads[0].chart.bars[-1].height == dashboard.CHART_HEIGHT  # the peak fills the box
    assert everyone.total == 40


def test_the_chart_is_inline_svg_with_a_title_per_hour(django_user_model, make_article):
    editor = person(django_user_model, "editor", "Editor")
    article = make_article(headline="Paling dibaca", slug="paling-dibaca")
    HourlyViews.objects.create(article=article, hour=timezone.now().replace(minute=0, second=0, microsecond=0), views=5)
    page = editor.get("/redaksi/").content.decode()
    assert page.count('<svg class="nr-chart"') == 2  # everyone's views, then the article's
    assert "<title>" in page and "5 kali dibaca" in page


def test_the_dashboard_costs_the_same_queries_however_many_rows(django_user_model, make_article, seed):
    editor = person(django_user_model, "editor", "Editor")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor.get("/redaksi/").status_code == 200
        return len(captured)

    now = timezone.now()

    def add(start: int, count: int) -> None:
        for i in range(start, start + count):
            a = make_article(
                headline=f"Berita {i}", slug=f"berita-{i}", published_at=now - datetime.timedelta(minutes=i)
            )
            make_article(headline=f"Tinjau {i}", slug=f"tinjau-{i}", status=Article.Status.IN_REVIEW)
            HourlyViews.objects.create(article=a, hour=now.replace(minute=0, second=0, microsecond=0), views=i + 1)
            Comment.objects.create(article=seed, name="P", email=f"q{i}@contoh.id", text=f"K {i}", status="pending")

    add(0, 12)  # every panel full and overflowing
    values.forget()  # no copy of the site settings kept from an earlier test
    queries()  # warm: the site settings are read once, then kept in the cache
    full = queries()
    add(12, 30)
    again = queries()
    assert again == full <= 17, (again, full)  # 17 with the complaints panel


def test_the_back_office_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/redaksi/")
    assert response.status_code == 302 and response["Location"].startswith("/redaksi/login/")


# The audit log: every back-office add, change and delete, filterable by person, object and date.
AUDIT = "/redaksi/newsroom/auditentry/"


def test_section_changes_and_article_edits_are_in_the_audit_log(django_user_model, seed):
    admin = person(django_user_model, "kepala", "Admin")
    form = {"name": "Rubrik Uji Audit", "slug": "rubrik-uji-audit", "description": "", "position": "9"}
    response = admin.post("/redaksi/taxonomy/section/add/", form)
    assert response.status_code == 302
    section = Section.objects.get(slug="rubrik-uji-audit")
    entry = AuditEntry.objects.get(kind="section", object_id=str(section.pk))
    assert entry.action == "created" and entry.user == admin.user and entry.headline == "Rubrik Uji Audit"
    admin.post(f"/redaksi/taxonomy/section/{section.pk}/change/", {**form, "name": "Rubrik Uji Audit 2"})
    edited = AuditEntry.objects.get(kind="section", action="edited")
    assert edited.detail == "Nama berubah." and edited.user == admin.user


def test_the_audit_log_filters_by_person_object_and_date(django_user_model, seed):
    admin = person(django_user_model, "kepala", "Admin")
    other = person(django_user_model, "editor", "Editor")
    AuditEntry.objects.create(user=other.user, action="edited", kind="article", object_id=str(seed.pk), headline="A")
    AuditEntry.objects.create(user=admin.user, action="edited", kind="section", object_id="3", headline="Rubrik B")
    by_person = admin.get(f"{AUDIT}?user__id__exact={other.user.pk}").content.decode()
    assert ">A<" in by_person and "Rubrik B" not in by_person
    by_object = admin.get(f"{AUDIT}?kind=section&object_id=3").content.decode()
    assert "Rubrik B" in by_object and ">A<" not in by_object
    today = timezone.localdate().isoformat()
    by_date = admin.get(f"{AUDIT}?when__date__gte={today}").content.decode()
    assert "Rubrik B" in by_date and ">A<" in by_date
    assert other.get(AUDIT).status_code == 403  # the audit log is for Admins
