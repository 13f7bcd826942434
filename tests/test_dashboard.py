"""/redaksi/ opens on the newsroom's day, panel by panel for the role, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.conftest import StaffClient, permalink, person
from warta.articles.models import Article, Byline, Correction
from warta.authors.models import Author
from warta.comments.models import Comment
from warta.newsroom import dashboard
from warta.newsroom.models import AuditEntry, Autosave
from warta.readership.models import HourlyViews
from warta.search import indexer
from warta.search.models import SearchDocument
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
    waiting = make_article(headline="Menunggu tinjauan", slug="menunggu", status=Article.Status.IN_REVIEW)
    Byline.objects.create(article=waiting, author=Author.objects.create(name="Rina Wartawati", slug="rina"))
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
    for panel in ("panel-review", "panel-scheduled", "panel-published", "panel-comments", "panel-most-read"):
        assert f'id="{panel}"' in page
    assert "Menunggu tinjauan" in page and "Terbit besok pagi" in page and "Terbit barusan" in page
    review = page.split('id="panel-review"')[1].split("</section>")[0]
    assert '<span class="nr-meta">Rina Wartawati · ' in review  # whose story waits
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
    writer = person(django_user_model, "penulis", "Penulis").user

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
            # Colleagues' drafts (each credited through a byline or its creator), corrections, withdrawals.
            draft = make_article(headline=f"Draf {i}", slug=f"draf-{i}", status=Article.Status.DRAFT, created_by=writer)
            if i % 2:
                Byline.objects.create(article=draft, author=Author.objects.create(name=f"Penulis {i}", slug=f"p-{i}"))
                Byline.objects.create(article=a, author=Author.objects.get(slug=f"p-{i}"))
            Correction.objects.create(article=a, kind="ralat", text=f"Ralat {i}")
            make_article(
                headline=f"Cabut {i}",
                slug=f"cabut-{i}",
                status=Article.Status.WITHDRAWN,
                withdrawn_at=now,
                withdrawal_reason="Alasan pencabutan.",
            )

    add(0, 12)  # every panel full and overflowing
    values.forget()  # no copy of the site settings kept from an earlier test
    queries()  # warm: the site settings are read once, then kept in the cache
    full = queries()
    add(12, 30)
    again = queries()
    # 17 with the complaints panel; 22 with colleagues' drafts, corrections and withdrawals (one
    # query each), how many went out in 24 hours (the list is full) and the bylines of both lists.
    assert again == full <= 22, (again, full)


def panel(client: StaffClient, name: str) -> str:
    """The HTML of one dashboard panel ("" when the page has none)."""
    page = client.get("/redaksi/").content.decode()
    return page.split(f'id="{name}"')[1].split("</section>")[0] if f'id="{name}"' in page else ""


JAKARTA_7AM = datetime.datetime(2026, 11, 30, 0, 0, tzinfo=datetime.UTC)  # Monday 07.00 WIB


def test_the_heading_gives_todays_date_in_jakarta(editor):
    with translation.override("id"):
        # 23.30 UTC on the 29th is already Monday the 30th in Jakarta.
        assert (
            dashboard.today(datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)) == "Senin, 30 November 2026"
        )
        expected = dashboard.today()
    heading = editor.get("/redaksi/").content.decode().split("<h1>")[1].split("</h1>")[0]
    assert "Ruang redaksi hari ini" in heading and expected in heading
    assert f'datetime="{timezone.localdate().isoformat()}"' in heading


def test_published_lists_the_last_24_hours_with_bylines_newest_first(editor, make_article):
    rina = Author.objects.create(name="Rina Wulandari", slug="rina-wulandari-uji")
    late = make_article(
        headline="Berita tadi malam", slug="tadi-malam", published_at=JAKARTA_7AM - datetime.timedelta(hours=9)
    )
    Byline.objects.create(article=late, author=rina)
    make_article(headline="Berita subuh", slug="subuh", published_at=JAKARTA_7AM - datetime.timedelta(hours=2))
    make_article(
        headline="Berita kemarin pagi", slug="kemarin", published_at=JAKARTA_7AM - datetime.timedelta(hours=25)
    )
    rows, count = dashboard.published_recently(JAKARTA_7AM)
    # At 7 in the morning the desk still sees last night's story (22.00), not an empty list.
    assert [a.headline for a in rows] == ["Berita subuh", "Berita tadi malam"] and count == 2
    with translation.override("id"):
        assert dashboard.clock(JAKARTA_7AM - datetime.timedelta(hours=9), JAKARTA_7AM) == "kemarin 22.00"
        assert dashboard.clock(JAKARTA_7AM - datetime.timedelta(hours=2), JAKARTA_7AM) == "05.00"
        assert dashboard.clock(JAKARTA_7AM - datetime.timedelta(days=3), JAKARTA_7AM) == "27 Nov, 07.00"

    now = timezone.now()
    story = make_article(headline="Terbit sejam lalu", slug="sejam", published_at=now - datetime.timedelta(hours=1))
    Byline.objects.create(article=story, author=rina)
    make_article(headline="Terbit 23 jam lalu", slug="23-jam", published_at=now - datetime.timedelta(hours=23))
    make_article(headline="Terbit 25 jam lalu", slug="25-jam", published_at=now - datetime.timedelta(hours=25))
    html = panel(editor, "panel-published")
    assert "Terbit 24 jam terakhir" in html and "Terbit 25 jam lalu" not in html
    assert html.index("Terbit sejam lalu") < html.index("Rina Wulandari") < html.index("Terbit 23 jam lalu")


def test_a_writer_opens_a_colleagues_published_story_on_the_site(writer, editor, colleague, make_article):
    story = make_article(
        headline="Terbit rekan", slug="terbit-rekan", published_at=timezone.now(), created_by=colleague.user
    )
    assert f'href="{permalink(story)}"' in panel(writer, "panel-published")  # not the back office's 403
    assert f'href="/redaksi/articles/article/{story.pk}/change/"' in panel(editor, "panel-published")


def test_editors_see_colleagues_drafts_in_progress_and_writers_do_not(writer, colleague, editor, make_article):
    make_article(headline="Draf rekan", slug="draf-rekan", status=Article.Status.DRAFT, created_by=colleague.user)
    make_article(headline="Draf editor", slug="draf-editor", status=Article.Status.DRAFT, created_by=editor.user)
    old = make_article(headline="Draf terbengkalai", slug="lama", status=Article.Status.DRAFT, created_by=writer.user)
    typed = make_article(
        headline="Draf sedang diketik", slug="diketik", status=Article.Status.DRAFT, created_by=writer.user
    )
    month_ago = timezone.now() - datetime.timedelta(days=30)
    Article.objects.filter(pk__in=[old.pk, typed.pk]).update(updated_at=month_ago)
    # Not saved for a month, but typed into a minute ago: the autosave says it is in progress.
    Autosave.objects.create(user=writer.user, article=typed, fields={"headline": "Draf sedang diketik"})

    html = panel(editor, "panel-in-progress")
    assert "Sedang ditulis" in html and "Draf rekan" in html and "Rekan" in html and "baru saja" in html
    assert "Draf sedang diketik" in html and "Penulis" in html
    assert "Draf terbengkalai" not in html and "Draf editor" not in html  # too old; the editor's own

    # Writers never see a colleague's draft, on any panel.
    page = writer.get("/redaksi/").content.decode()
    assert 'id="panel-in-progress"' not in page and "Draf rekan" not in page and "Draf editor" not in page
    assert "Draf sedang diketik" in panel(writer, "panel-drafts")
    assert dashboard.in_progress(writer.user) == []  # viewable() alone already leaves them out


def test_editors_see_the_latest_corrections_and_withdrawals(writer, editor, make_article, seed):
    now = timezone.now()
    Correction.objects.create(
        article=seed, kind="ralat", text="Nama menteri salah eja.", created_at=now - datetime.timedelta(days=1)
    )
    Correction.objects.create(
        article=seed, kind="hak_jawab", text="Tanggapan PT Maju.", created_at=now - datetime.timedelta(hours=3)
    )
    Correction.objects.create(article=seed, kind="pembaruan", text="Korban bertambah.", created_at=now)
    Correction.objects.create(
        article=seed, kind="koreksi", text="Koreksi lama.", created_at=now - datetime.timedelta(days=8)
    )
    make_article(
        headline="Berita yang dicabut",
        slug="dicabut",
        status=Article.Status.WITHDRAWN,
        withdrawn_at=now - datetime.timedelta(hours=1),
        withdrawal_reason="Narasumber tidak dapat diverifikasi.",
    )
    html = panel(editor, "panel-notices")
    assert "Ralat & cabut terbaru" in html
    assert html.index("<strong>Dicabut") < html.index("<strong>Hak jawab") < html.index("<strong>Ralat")  # newest first
    assert "Berita yang dicabut" in html and "Narasumber tidak dapat diverifikasi." in html
    assert "Nama menteri salah eja." in html and seed.headline in html
    assert "Korban bertambah." not in html and "Koreksi lama." not in html  # an update; older than 7 days
    assert panel(writer, "panel-notices") == ""


def test_the_main_lists_are_one_click_from_the_dashboard(writer, editor):
    page = editor.get("/redaksi/").content.decode()
    lists = page.split('class="nr-lists"')[1].split("</nav>")[0]
    for url in ("/redaksi/articles/article/", "/redaksi/comments/comment/", "/redaksi/live/livereport/"):
        assert f'href="{url}"' in lists
    assert "<details" not in page.split('class="nr-lists"')[0]  # not behind "Semua menu"
    lists = writer.get("/redaksi/").content.decode().split('class="nr-lists"')[1].split("</nav>")[0]
    assert 'href="/redaksi/articles/article/"' in lists and "/redaksi/comments/" not in lists  # not a moderator


def test_just_now_reads_baru_saja_not_zero_minutes(writer, editor, make_article):
    now = timezone.now()
    with translation.override("id"):
        assert dashboard.ago(now - datetime.timedelta(seconds=20), now) == "baru saja"
        assert dashboard.waiting(now - datetime.timedelta(seconds=20), now) == "baru saja"
        assert dashboard.ago(now - datetime.timedelta(minutes=5), now) == "5\xa0menit lalu"
        assert dashboard.waiting(now - datetime.timedelta(hours=2), now) == "menunggu 2\xa0jam"
    make_article(headline="Baru dikirim", slug="baru", status=Article.Status.IN_REVIEW, created_by=writer.user)
    for client, name in ((writer, "panel-drafts"), (editor, "panel-review")):
        html = panel(client, name)
        assert "Baru dikirim" in html and "baru saja" in html and "0\xa0menit" not in html and "0 menit" not in html


def test_no_readership_shows_a_sentence_not_an_empty_chart(editor):
    HourlyViews.objects.all().delete()
    html = panel(editor, "panel-most-read")
    assert "Belum ada pembaca tercatat dalam 24 jam terakhir." in html
    assert "<svg" not in html and "0 kali dibaca" not in html


def test_deleting_an_article_lists_its_search_entry_and_autosaves_readably(writer, editor, make_article):
    article = make_article(headline="Banjir rob genangi pesisir", slug="dihapus", published_at=timezone.now())
    indexer.index(article)  # the index holds the analysed headline ("banjir rob genang pesisir")
    assert SearchDocument.objects.get(article=article).headline != article.headline
    # Only what readers never saw can be deleted: taken back to a draft, its entry left (as the
    # index keeps it until its next save) so the page lists one.
    Article.objects.filter(pk=article.pk).update(status="draft", first_published_at=None)
    saved = Autosave.objects.create(user=writer.user, article=article, fields={})
    Autosave.objects.filter(pk=saved.pk).update(saved_at=datetime.datetime(2026, 11, 30, 12, 1, tzinfo=datetime.UTC))
    saved.refresh_from_db()
    with translation.override("id"):
        assert str(saved) == "Penulis, 30 November 2026 19.01"  # WIB, the byline name
    page = editor.get(f"/redaksi/articles/article/{article.pk}/delete/").content.decode()
    assert "Entri indeks pencarian: Banjir rob genangi pesisir" in page
    assert "Simpanan otomatis: Penulis, 30 November 2026 19.01" in page
    assert "Search document" not in page and "search document" not in page


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
