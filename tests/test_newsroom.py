"""The newsroom: roles, the workflow, scheduling, editing, revisions, corrections, photos, audit.

Permissions are checked through HTTP requests to the back office, as a browser sends them.
"""

from __future__ import annotations

import datetime
import html
import importlib
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image

from tests.conftest import SEED_URL, StaffClient, must_search, permalink, person
from warta.articles.models import Article, Correction
from warta.authors.models import Author
from warta.newsroom import signals
from warta.newsroom.models import AuditEntry, Revision
from warta.photos.models import Photo

pytestmark = pytest.mark.django_db
ADD = "/redaksi/articles/article/add/"


@pytest.fixture
def admin_user(django_user_model) -> StaffClient:
    return person(django_user_model, "kepala", "Admin")


def article_form(seed, **changes) -> dict:
    data = {
        "headline": "Banjir rob di pesisir utara",
        "slug": "banjir-rob-di-pesisir-utara",
        "dek": "Air laut naik.",
        "body_text": "Warga mengungsi sejak pagi.\n\n> “Air masuk rumah,” kata Rina.\n> — Rina, warga\n\n## Bantuan datang\n\n- Perahu karet\n- Dapur umum",
        "section": seed.section_id,
        "dateline_city": "Surabaya",
        "comments_open": "on",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def write_draft(client: Client, seed, **changes) -> Article:
    response = client.post(ADD, article_form(seed, **changes))
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )
    return Article.objects.get(slug=changes.get("slug", "banjir-rob-di-pesisir-utara"))


def act(client: Client, article: Article, action: str, **data):
    return client.post(f"/redaksi/articles/article/{article.pk}/workflow/{action}/", data)


# Roles ----------------------------------------------------------------------------------------


def test_the_roles_exist_with_their_permissions(db):
    writer, editor, admin = (Group.objects.get(name=n) for n in ("Penulis", "Editor", "Admin"))
    codes = lambda g: set(g.permissions.values_list("codename", flat=True))  # noqa: E731
    assert "add_article" in codes(writer) and "publish_article" not in codes(writer)
    assert {"publish_article", "edit_any_article", "change_comment"} <= codes(editor)
    assert {"add_user", "change_section", "view_auditentry"} <= codes(admin)


def test_a_writer_writes_a_draft_that_becomes_blocks(writer, seed):
    article = write_draft(writer, seed)
    assert article.status == Article.Status.DRAFT and article.created_by == writer.user
    assert [b["type"] for b in article.body] == ["paragraph", "quote", "heading", "list"]
    assert article.body[1] == {"type": "quote", "text": "“Air masuk rumah,” kata Rina.", "cite": "Rina, warga"}
    assert [a.name for a in article.byline_authors] == ["Penulis"]
    assert Revision.objects.filter(article=article).count() == 1


def test_a_bad_body_keeps_the_text_and_says_what_to_fix(writer, seed):
    response = writer.post(ADD, article_form(seed, body_text="[foto abc]"))
    page = response.content.decode()
    assert "Harap perbaiki kesalahan di bawah." in page  # Django's own Indonesian says "dibawah"
    assert response.status_code == 200 and "[foto NUMBER | caption | credit]" in page
    assert "[foto abc]</textarea>" in page and not Article.objects.filter(slug="banjir-rob-di-pesisir-utara").exists()


def test_a_writer_cannot_publish_schedule_or_unpublish(writer, seed):
    article = write_draft(writer, seed)
    for action in ("publish", "unpublish"):
        assert act(writer, article, action).status_code == 403
    assert act(writer, article, "schedule", when="2030-01-01T10:00").status_code == 403
    article.refresh_from_db()
    workflow_steps = AuditEntry.objects.exclude(action__in=["created", "edited"])
    assert article.status == Article.Status.DRAFT and not workflow_steps.exists()


def test_a_writer_sees_and_edits_only_own_drafts(writer, editor, seed):
    assert writer.get(f"/redaksi/articles/article/{seed.pk}/change/").status_code in {302, 403}
    listing = writer.get("/redaksi/articles/article/").content.decode()
    assert "Gawat, Putin-Kim Jong Un" not in listing
    article = write_draft(editor, seed, slug="milik-editor")
    assert writer.get(f"/redaksi/articles/article/{article.pk}/change/").status_code in {302, 403}


@pytest.mark.parametrize("step", ["publish", "schedule", "unpublish"])
def test_a_writer_can_still_open_her_article_once_the_editors_have_it(writer, editor, seed, step):
    """Published, scheduled or taken down, it is the editors' now: her dashboard and her list still
    link to it, and the page shows it without a way to change it (it answered 500)."""
    article = write_draft(writer, seed)
    act(writer, article, "submit")
    act(editor, article, "publish")
    if step == "schedule":
        act(editor, article, "unpublish")
        act(editor, article, "schedule", when="2030-01-01T10:00")
    elif step == "unpublish":
        act(editor, article, "unpublish")
    response = writer.get(f"/redaksi/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert article.headline in page and 'name="_save"' not in page


def test_her_article_shown_read_only_reads_as_the_article(writer, editor, seed):
    """The read-only page shows the text and the tags as words, not the desk's inner fields, and
    mounts no editor (typing into it was silently lost: there is no save button)."""
    article = write_draft(writer, seed, tags_text="Banjir, Cuaca ekstrem")
    act(writer, article, "submit")
    act(editor, article, "publish")
    page = writer.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    rows = {
        name: " ".join(re.sub(r"<[^>]+>", " ", html.unescape(row)).split())
        for name, row in re.findall(
            r'<div class="form-row[^"]*field-(\w+).*?(<div class="readonly">.*?</div>)', page, re.S
        )
    }
    assert "Warga mengungsi sejak pagi." in rows["body_text"] and "Perahu karet" in rows["body_text"]
    body = must_search(r'<div class="desk-readonly-body">(.*?)</div>\s*</div>', page, re.S).group(1)
    assert "<blockquote" in body and "<li>Perahu karet</li>" in body and "&lt;" not in body  # the article's own markup
    assert rows["tags_text"] == "Banjir, Cuaca ekstrem"
    assert "body_json" not in rows and "base_version" not in rows and "None" not in rows.values()
    assert 'id="warta-editor"' not in page
    # She is told why, and whom to ask; she gets no button that would POST a form she cannot save.
    assert "Artikel ini berstatus Terbit: kini hanya editor yang dapat mengubahnya." in page
    assert "desk-default-submit" not in page and 'name="_workflow"' not in page
    # The editor's own desk still has the editor.
    own = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert 'id="warta-editor"' in own and "desk-readonly-note" not in own


def test_a_story_sent_for_review_is_not_reported_as_being_edited_by_its_writer(writer, editor, seed):
    """The writer saves and submits, lands back on her (now read-back) article; the editor who
    opens it next is not told that she is editing it."""
    article = write_draft(writer, seed)
    writer.get(f"/redaksi/articles/article/{article.pk}/change/")  # she opens it: she is at work
    response = writer.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, base_version=article.version, _submit_review="1"),
    )
    writer.get(response["Location"])  # and is shown it again, in review
    page = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert "membuka artikel ini untuk disunting" not in page
    # While she works on a draft, a colleague editor is told.
    draft = write_draft(writer, seed, slug="draf-kedua")
    writer.get(f"/redaksi/articles/article/{draft.pk}/change/")
    assert (
        "membuka artikel ini untuk disunting"
        in editor.get(f"/redaksi/articles/article/{draft.pk}/change/").content.decode()
    )


def test_only_those_who_could_save_are_told_someone_is_editing(writer, editor, seed, django_user_model):
    """An editor at work on her published article: the writer, who may only read it, is not warned
    that her save would be refused (she has none), and the editor is named by byline."""
    article = write_draft(writer, seed)
    act(writer, article, "submit")
    act(editor, article, "publish")
    editor.get(f"/redaksi/articles/article/{article.pk}/change/")
    page = writer.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert "membuka artikel ini untuk disunting" not in page
    colleague_editor = person(django_user_model, "redaktur2", "Editor")
    page = colleague_editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert "Editor membuka artikel ini untuk disunting" in page  # the byline of "editor": Editor
    assert re.search(r"untuk disunting pukul \d\d\.\d\d\.", page)  # 14.05, as the autosave writes times


def test_submit_then_publish_writes_the_audit_log_and_sends_signals(writer, editor, seed):
    received = []
    signals.article_published.connect(lambda **kw: received.append(kw["article"].pk), weak=False, dispatch_uid="t")
    article = write_draft(writer, seed)
    act(writer, article, "submit")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert act(editor, article, "publish").status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.is_public
    assert received == [article.pk]
    signals.article_published.disconnect(dispatch_uid="t")
    log = list(
        AuditEntry.objects.exclude(action__in=["created", "edited"])
        .order_by("when")
        .values_list("action", "user__username")
    )
    assert log == [("submitted", "penulis"), ("published", "editor")]
    assert Client().get(permalink(article)).status_code == 200


def test_a_refused_schedule_keeps_the_typed_time_and_a_writer_is_refused_first(writer, editor, seed):
    article = write_draft(editor, seed)
    response = act(editor, article, "schedule", when="2020-01-01T10:00")
    page = editor.get(response["Location"]).content.decode()
    assert "Pilih waktu di masa depan." in page
    assert (
        must_search(r'<input type="datetime-local" name="when"[^>]*>', page).group(0).count('value="2020-01-01T10:00"')
    )
    assert 'value="2020-01-01T10:00"' not in editor.get(response["Location"]).content.decode()  # said once
    own = write_draft(writer, seed, slug="milik-penulis")
    assert act(writer, own, "schedule").status_code == 403  # no time given: still not hers to schedule


def test_scheduling_shows_the_scheduled_time_and_the_worker_publishes_it(
    editor, seed, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    article = write_draft(editor, seed)
    when = timezone.now() + datetime.timedelta(hours=2)
    local = timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        act(editor, article, "schedule", when=local)
    queued = DBTaskResult.objects.get(task_path="warta.newsroom.tasks.publish_scheduled", status="READY")
    published_at = article.__class__.objects.get(pk=article.pk).published_at
    assert published_at is not None
    assert abs((queued.run_after - published_at).total_seconds()) < 1
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%dT%H:%M") == local
    assert Client().get(permalink(article)).status_code == 404
    from warta.newsroom.tasks import publish_scheduled

    assert publish_scheduled.call() == 0  # run early, it publishes nothing
    article.refresh_from_db()
    assert article.status == Article.Status.SCHEDULED
    # Move the clock: the article's time and its queued task's time come now.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now() - datetime.timedelta(seconds=1))
    result = DBTaskResult.objects.get(pk=queued.pk)
    assert result.task.func is publish_scheduled.func
    assert publish_scheduled.call() == 1  # what the worker runs at that moment
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="published", user=None).exists()
    assert Client().get(permalink(article)).status_code == 200


def test_scheduling_in_the_past_is_refused(editor, seed):
    article = write_draft(editor, seed)
    response = act(editor, article, "schedule", when="2020-01-01T10:00")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Pilih waktu di masa depan." in editor.get(response["Location"]).content.decode()


def test_unpublishing_takes_it_off_the_site(editor, seed):
    act(editor, seed, "unpublish")
    assert Client().get(SEED_URL).status_code == 404
    assert AuditEntry.objects.get().action == "unpublished"


# Editing ---------------------------------------------------------------------------------------


def test_a_stale_save_is_refused_and_loses_nothing(editor, admin_user, seed):
    opened = editor.get(f"/redaksi/articles/article/{seed.pk}/change/").content.decode()
    version = must_search(r'name="base_version" value="(\d+)"', opened).group(1)
    warned = admin_user.get(f"/redaksi/articles/article/{seed.pk}/change/").content.decode()
    assert "Editor opened this article for editing" in warned or "membuka artikel ini" in warned
    change = lambda client, headline: client.post(  # noqa: E731
        f"/redaksi/articles/article/{seed.pk}/change/",
        article_form(
            seed,
            headline=headline,
            slug=seed.slug,
            base_version=version,
            section=seed.section_id,
            **{"bylines-INITIAL_FORMS": "0", "sources-INITIAL_FORMS": "0"},
        ),
    )
    assert change(admin_user, "Versi pertama").status_code == 302
    refused = change(editor, "Versi kedua")
    assert refused.status_code == 200
    assert "setelah Anda membukanya" in refused.content.decode() or "after you opened it" in refused.content.decode()
    assert "Versi kedua</textarea>" in refused.content.decode()
    seed.refresh_from_db()
    assert seed.headline == "Versi pertama"


def test_changing_a_published_slug_keeps_the_old_address(editor, seed):
    seed.slug = "putin-dan-kim-makin-dekat"
    seed.save()
    response = Client().get(SEED_URL)
    assert response.status_code == 301 and response["Location"] == "/2022/08/16/putin-dan-kim-makin-dekat/"


def test_preview_shows_a_draft_to_staff_only_and_is_never_cached(writer, seed):
    article = write_draft(writer, seed)
    response = writer.get(f"/redaksi/articles/article/{article.pk}/preview/")
    page = response.content.decode()
    assert response.status_code == 200 and "Banjir rob di pesisir utara" in page and "Pratinjau" in page
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    # Framed by the desk's phone preview, by no other site; the desk itself is framed by none.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert writer.get(f"/redaksi/articles/article/{article.pk}/change/")["X-Frame-Options"] == "DENY"
    assert Client().get(f"/redaksi/articles/article/{article.pk}/preview/").status_code == 302  # to login


def test_revisions_compare_and_restore(editor, seed):
    article = write_draft(editor, seed)
    for headline in ("Judul kedua", "Judul ketiga"):
        version = article.version
        editor.post(
            f"/redaksi/articles/article/{article.pk}/change/",
            article_form(seed, headline=headline, base_version=version),
        )
        article.refresh_from_db()
    versions = list(article.revisions.values_list("version", flat=True))
    assert len(versions) == 3
    compared = editor.get(f"/redaksi/articles/article/{article.pk}/revisions/", {"a": versions[-1], "b": versions[0]})
    assert "Judul ketiga" in compared.content.decode() and 'class="rev-row rev-changed"' in compared.content.decode()
    restore = f"/redaksi/articles/article/{article.pk}/revisions/{versions[-1]}/restore/"
    stale = editor.post(restore, {"base_version": article.version - 1})  # saved since the page was opened
    assert stale.status_code == 302 and stale["Location"] == restore
    article.refresh_from_db()
    assert article.headline == "Judul ketiga"
    editor.post(restore, {"base_version": article.version})
    article.refresh_from_db()
    assert article.headline == "Banjir rob di pesisir utara"
    assert AuditEntry.objects.filter(action="restored").exists()
    asked = editor.get(f"/redaksi/articles/article/{article.pk}/revisions/{versions[0]}/restore/").content.decode()
    assert "sudah terbit" not in asked
    act(editor, article, "publish")
    asked = editor.get(f"/redaksi/articles/article/{article.pk}/revisions/{versions[0]}/restore/").content.decode()
    assert "Artikel ini sudah terbit: pembaca langsung melihat versi yang dipulihkan." in asked


def test_revisions_are_numbered_in_the_order_they_were_saved(editor, seed):
    """Sending for review or publishing saves the article (its version goes up) without a revision
    of its own: the desk still counts v1, v2, v3, never v1, v3, v5."""
    Author.objects.filter(user=editor.user).update(name="Editor Satu")
    article = write_draft(editor, seed)
    act(editor, article, "publish")
    article.refresh_from_db()
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, headline="Judul kedua", base_version=article.version),
    )
    article.refresh_from_db()
    act(editor, article, "unpublish")
    article.refresh_from_db()
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, headline="Judul ketiga", base_version=article.version),
    )
    history = list(Article.objects.get(pk=article.pk).revisions.order_by("version"))
    assert [r.number for r in history] == [1, 2, 3]
    assert [r.version for r in history] != [1, 2, 3]  # the case this is about: versions with gaps
    page = editor.get(f"/redaksi/articles/article/{article.pk}/revisions/").content.decode()
    assert re.findall(r"<td>v(\d+)</td>", page) == ["3", "2", "1"]
    assert page.count("<td>Editor Satu</td>") == 3 and "<td>editor</td>" not in page
    first = history[0]
    asked = editor.get(f"/redaksi/articles/article/{article.pk}/revisions/{first.version}/restore/").content.decode()
    assert "Ya, pulihkan versi 1" in asked
    compared = editor.get(
        f"/redaksi/articles/article/{article.pk}/revisions/", {"a": first.version, "b": history[-1].version}
    ).content.decode()
    assert "v1" in compared and "v3" in compared


def test_revisions_kept_before_they_were_numbered_are_numbered_in_order(seed, make_article):
    other = make_article(slug="lain")
    for article, versions in ((seed, [5, 1, 3]), (other, [2])):
        for version in versions:
            Revision.objects.create(article=article, version=version, snapshot={})
    migration = importlib.import_module("warta.newsroom.migrations.0006_revision_number")
    migration.number_revisions(apps, None)
    numbers = Revision.objects.order_by("article_id", "version").values_list("article_id", "version", "number")
    assert list(numbers) == [(seed.pk, 1, 1), (seed.pk, 3, 2), (seed.pk, 5, 3), (other.pk, 2, 1)]


def test_corrections_and_the_updated_time_appear_on_the_page(seed):
    Correction.objects.create(
        article=seed,
        kind="ralat",
        text="Nama analis diperbaiki.",
        created_at=datetime.datetime(2022, 8, 17, 9, 0, tzinfo=datetime.UTC),
    )
    seed.revised_at = datetime.datetime(2022, 8, 17, 9, 0, tzinfo=datetime.UTC)
    seed.save()
    page = Client().get(SEED_URL).content.decode()
    assert (
        '<strong>Ralat</strong> (<time datetime="2022-08-17T16:00:00+07:00">17 Agustus 2022 16:00 WIB</time>): Nama analis diperbaiki.'
        in page
    )
    assert "Diperbarui" in page


def test_the_demo_seed_shows_no_updated_time(seed, client):
    assert "Diperbarui" not in client.get(SEED_URL).content.decode()


def test_embeds_load_nothing_from_the_platform(editor, seed):
    article = write_draft(
        editor, seed, body_text="Tonton videonya.\n\n[embed https://www.youtube.com/watch?v=abc | Rekaman warga]"
    )
    act(editor, article, "publish")
    article.refresh_from_db()
    page = Client().get(permalink(article)).content.decode()
    assert '<a class="embed__link" href="https://www.youtube.com/watch?v=abc"' in page and "Buka di YouTube" in page
    assert "<iframe" not in page and not re.search(r'src="https://www\.youtube', page)
    refused = editor.post(ADD, article_form(seed, slug="x", body_text="[embed https://evil.example/x]"))
    assert "YouTube, X" in refused.content.decode()


# Photo library ----------------------------------------------------------------------------------


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (1600, 900), "steelblue")
    exif = Image.Exif()
    exif[0x8825] = {2: (7.0, 15.0, 0.0), 4: (112.0, 45.0, 0.0)}  # GPS: Surabaya
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload(client: Client, data: bytes, name: str):
    return client.post(
        "/redaksi/photos/photo/add/",
        {
            "image": SimpleUploadedFile(name, data),
            "caption": "Banjir",
            "credit": "Kempalan",
            "alt_text": "Jalan tergenang",
        },
    )


def test_an_upload_is_checked_by_content_stripped_of_gps_and_rendered(writer, seed):
    assert upload(writer, jpeg_with_gps(), "banjir.png").status_code == 302  # a JPEG, whatever its name
    photo = Photo.objects.get(caption="Banjir")
    assert photo.image.name is not None
    assert photo.image.name.endswith(".jpg") and (photo.width, photo.height) == (1600, 900)
    with Image.open(photo.image.path) as stored:
        assert 0x8825 not in stored.getexif()
    assert sorted((r.format, r.width) for r in photo.renditions.filter(crop="")) == [
        ("jpeg", 480),
        ("jpeg", 800),
        ("jpeg", 1200),
        ("webp", 480),
        ("webp", 800),
        ("webp", 1200),
        ("webp", 1600),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?php echo 'bukan foto'; ?>", "bukan foto yang dapat dibaca"),
        (b"GIF89a" + b"\x00" * 100, "bukan foto yang dapat dibaca"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused(writer, seed, data, message):
    response = upload(writer, data, "foto.jpg")
    assert response.status_code == 200 and message in response.content.decode().lower()
    assert not Photo.objects.filter(caption="Banjir").exists()


def test_a_decompression_bomb_is_refused(writer, seed):
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 megapixels in a small file
    response = upload(writer, buffer.getvalue(), "bom.png")
    assert "lebih dari 50 megapiksel" in response.content.decode()


def test_an_oversized_file_is_refused(writer, seed, settings):
    settings.WARTA_PHOTO_MAX_MB = 0
    response = upload(writer, jpeg_with_gps(), "besar.jpg")
    assert re.search(r"Berkas ini 0,\d MB; batasnya 0 MB", response.content.decode())  # a decimal comma


def change_photo(client: Client, photo: Photo, **fields):
    data: dict[str, object] = {"caption": photo.caption, "credit": photo.credit, "alt_text": photo.alt_text}
    data.update({"ai_disclosure": "", "focal_x": photo.focal_x, "focal_y": photo.focal_y, **fields})
    return client.post(f"/redaksi/photos/photo/{photo.pk}/change/", data)


def test_a_writer_changes_her_own_photos_only(writer, colleague, editor, seed):
    """A caption, credit or file changed shows at once on every page using the photo, published
    ones included: as on WordPress, a writer changes what she uploaded; editors change any."""
    published = seed.lead_photo
    assert published is not None
    assert change_photo(writer, published, caption="DIUBAH OLEH PENULIS").status_code == 403
    assert writer.get(f"/redaksi/photos/photo/{published.pk}/change/").status_code == 200  # shown, read-only
    focal = f"/redaksi/articles/article/editor/photos/{published.pk}/focal/"
    assert writer.post(focal, '{"x": 0.1, "y": 0.1}', content_type="application/json").status_code == 403
    her_article = write_draft(writer, seed, lead_photo=published.pk)
    desk = writer.get(f"/redaksi/articles/article/{her_article.pk}/change/").content.decode()
    assert 'id="lead-photo-focal"' not in desk  # no picker that can only fail
    assert 'id="lead-photo-focal"' in editor.get(f"/redaksi/articles/article/{her_article.pk}/change/").content.decode()
    published.refresh_from_db()
    assert published.caption != "DIUBAH OLEH PENULIS" and published.focal_x == 0.5

    assert upload(writer, jpeg_with_gps(), "banjir.jpg").status_code == 302
    own = Photo.objects.get(caption="Banjir")
    assert own.uploaded_by == writer.user
    assert change_photo(writer, own, caption="Banjir rob").status_code == 302
    assert change_photo(colleague, own, caption="Bukan milik saya").status_code == 403
    assert change_photo(editor, published, caption="Putin dan Kim Jong Un").status_code == 302
    own.refresh_from_db()
    assert own.caption == "Banjir rob"


def test_a_photo_given_a_new_file_gets_every_size_and_crop_anew(editor, seed, django_capture_on_commit_callbacks):
    assert upload(editor, jpeg_with_gps(), "banjir.jpg").status_code == 302
    photo = Photo.objects.get(caption="Banjir")
    Photo.objects.filter(pk=photo.pk).update(focal_x=0.2, focal_y=0.3)  # chosen on the old picture
    photo.refresh_from_db()
    old = {str(r.image.name) for r in photo.renditions.all()}
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 1000), "darkred").save(buffer, "JPEG")
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        replaced = change_photo(editor, photo, image=SimpleUploadedFile("baru.jpg", buffer.getvalue()))
    assert replaced.status_code == 302
    assert all((Path(settings.MEDIA_ROOT) / name).exists() for name in old)  # until the commit: a rollback keeps them
    for callback in after_commit:
        callback()
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.5, 0.5)  # the old point meant nothing on the new picture
    renditions = list(photo.renditions.all())
    assert (photo.width, photo.height) == (1000, 1000)
    assert renditions and not old & {r.image.name for r in renditions}
    assert max(r.width for r in renditions if r.format == "webp" and not r.crop) == 1000  # not the old 1600
    assert all(not (Path(settings.MEDIA_ROOT) / name).exists() for name in old)  # old files gone too
    assert photo.webp_srcset() and "1600w" not in photo.webp_srcset()


def test_photos_are_searchable_by_caption_and_credit(editor, seed):
    page = editor.get("/redaksi/photos/photo/", {"q": "Detik"}).content.decode()
    assert "Putin dan Kim Jong Un" in page and "Jembatan Suramadu" not in page


# Audit log and old habits -------------------------------------------------------------------------


def test_the_audit_log_names_what_changed_in_indonesian(writer, editor, seed):
    """Labels in the site's language, none of the desk's own fields (body_json, base_version)."""
    article = write_draft(writer, seed)
    edit = f"/redaksi/articles/article/{article.pk}/change/"

    def saved(**fields) -> str:
        article.refresh_from_db()
        response = writer.post(edit, article_form(seed, base_version=article.version, **fields))
        assert response.status_code == 302
        return AuditEntry.objects.filter(action="edited").latest("when").detail

    body = "Paragraf yang baru sama sekali."
    assert saved(body_text=body) == "Isi berubah."
    assert saved(body_text=body, dek="Air laut naik lagi.") == "Ringkasan berubah."  # body sent, unchanged
    assert saved(body_text=body, dek="Air laut naik lagi.", dateline_city="Gresik") == "Kota dateline berubah."

    photo = seed.lead_photo
    assert photo is not None
    assert change_photo(editor, photo, caption="Putin dan Kim Jong Un, Vladivostok").status_code == 302
    assert AuditEntry.objects.filter(kind="photo").latest("when").detail == "Keterangan berubah."


def test_the_audit_log_is_for_admins(editor, admin_user, seed):
    act(editor, seed, "unpublish")
    assert editor.get("/redaksi/newsroom/auditentry/").status_code == 403
    page = admin_user.get("/redaksi/newsroom/auditentry/").content.decode()
    assert "Gawat, Putin-Kim Jong Un" in page and "editor" in page


def test_deleting_a_draft_is_logged(editor, seed):
    draft = write_draft(editor, seed)
    editor.post(f"/redaksi/articles/article/{draft.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(action="deleted")
    assert entry.user is not None
    assert entry.headline == "Banjir rob di pesisir utara" and entry.user.username == "editor"


def test_an_article_readers_have_seen_is_never_deleted(editor, seed, make_article):
    """Published once: withdrawn (Cabut) or unpublished (Tarik), never deleted with its ralat,
    hak jawab and revisions; its address keeps answering (410 once withdrawn)."""
    Correction.objects.create(article=seed, kind="ralat", text="Nama analis diperbaiki.")
    unpublished = make_article(slug="ditarik")
    act(editor, unpublished, "unpublish")
    for article in (seed, unpublished):
        desk = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
        assert f"/redaksi/articles/article/{article.pk}/delete/" not in desk
        for asked in (
            editor.get(f"/redaksi/articles/article/{article.pk}/delete/"),
            editor.post(f"/redaksi/articles/article/{article.pk}/delete/", {"post": "yes"}),
        ):  # back to its desk, told why and what to do instead
            assert asked.status_code == 302 and asked["Location"].endswith(f"/{article.pk}/change/")
        told = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
        assert "tidak dapat dihapus" in told and "Cabut" in told
    listing = editor.get("/redaksi/articles/article/").content.decode()
    assert "delete_selected" not in listing
    bulk = {"action": "delete_selected", "_selected_action": [seed.pk, unpublished.pk], "post": "yes"}
    editor.post("/redaksi/articles/article/", bulk)
    assert Article.objects.filter(pk__in=[seed.pk, unpublished.pk]).count() == 2
    assert seed.corrections.count() == 1 and not AuditEntry.objects.filter(action="deleted").exists()


def test_a_workflow_button_saves_what_was_typed_first(editor, seed):
    article = write_draft(editor, seed)
    desk = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert 'form="article_form" name="_workflow" value="publish"' in desk
    response = editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, headline="Banjir rob meluas ke Gresik", base_version=article.version, _workflow="publish"),
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/{article.pk}/change/")
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Banjir rob meluas ke Gresik", Article.Status.PUBLISHED)
    assert article.revised_at is None  # first publication: not an update
    assert [r.snapshot["headline"] for r in article.revisions.order_by("number")][-1] == "Banjir rob meluas ke Gresik"


def test_a_workflow_button_on_a_form_with_errors_publishes_nothing(editor, seed):
    article = write_draft(editor, seed)
    response = editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(
            seed,
            headline="",
            body_text="Teks baru yang belum tersimpan.",
            base_version=article.version,
            _workflow="publish",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Teks baru yang belum tersimpan." in page  # kept, with the error
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.headline == "Banjir rob di pesisir utara"


def test_a_refused_withdrawal_keeps_the_saved_text_and_the_reason(editor, seed):
    article = write_draft(editor, seed)
    act(editor, article, "publish")
    article.refresh_from_db()
    response = editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(
            seed, dek="Dek yang diperbaiki.", base_version=article.version, _workflow="withdraw", reason="salah"
        ),
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.dek == "Dek yang diperbaiki."
    desk = editor.get(response["Location"]).content.decode()
    assert "Tuliskan alasan pencabutan" in desk and 'form="article_form">salah</textarea>' in desk
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(
            seed,
            dek="Dek yang diperbaiki.",
            base_version=article.version,
            _workflow="withdraw",
            reason="Narasumber menarik pernyataannya.",
        ),
    )
    article.refresh_from_db()
    assert (
        article.status == Article.Status.WITHDRAWN and article.withdrawal_reason == "Narasumber menarik pernyataannya."
    )
    # The desk's status line tells when it was withdrawn, not when it was published.
    Article.objects.filter(pk=article.pk).update(published_at=datetime.datetime(2026, 1, 5, 3, 0, tzinfo=datetime.UTC))
    desk = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    heading = must_search(r"Alur kerja: ([^<]*)</h2>", desk).group(1)
    withdrawn = date_format(timezone.localtime(article.withdrawn_at), "j F Y H:i")
    assert heading.startswith("Dicabut · " + withdrawn) and "5 Januari 2026" not in heading
    assert "Pembaca di alamatnya membaca: “Narasumber menarik pernyataannya.”" in desk


def test_the_writers_are_told_when_their_story_is_withdrawn(writer, editor, seed, django_capture_on_commit_callbacks):
    article = write_draft(writer, seed)
    Author.objects.filter(user=editor.user).update(name="Editor Satu")
    act(editor, article, "publish")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(editor, article, "withdraw", reason="Narasumber menarik pernyataannya.")
    assert [m.to for m in mail.outbox] == [["penulis@kempalan.test"]]
    message = mail.outbox[0]
    assert message.subject == "[Kempalan] Dicabut: Banjir rob di pesisir utara"
    assert "Editor Satu" in message.body and "Narasumber menarik pernyataannya." in message.body


def test_a_colleagues_history_says_whose_it_is(writer, colleague, seed):
    article = write_draft(colleague, seed)
    response = writer.get(f"/redaksi/articles/article/{article.pk}/history/")
    page = response.content.decode()
    assert response.status_code == 403 and "milik rekan" in page and "dihapus" not in page
    assert (
        writer.get(f"/redaksi/articles/article/{write_draft(writer, seed, slug='punya-saya').pk}/history/").status_code
        == 200
    )


def test_the_audit_log_names_a_withdrawal_and_a_correction_as_the_pedoman_does(editor, seed):
    article = write_draft(editor, seed)
    act(editor, article, "publish")
    article.refresh_from_db()
    AuditEntry.objects.all().delete()
    # A press of the publish box on unchanged text logs the action, not an empty edit.
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(
            seed, base_version=article.version, _workflow="withdraw", reason="Narasumber menarik pernyataannya."
        ),
    )
    assert list(AuditEntry.objects.values_list("action", "detail")) == [
        ("withdrawn", "Narasumber menarik pernyataannya.")
    ]
    published = Article.objects.get(pk=seed.pk)
    editor.post(
        f"/redaksi/articles/article/{published.pk}/change/",
        article_form(
            seed,
            headline=published.headline,
            slug=published.slug,
            base_version=published.version,
            **{
                "corrections-TOTAL_FORMS": "1",
                "corrections-0-article": str(published.pk),
                "corrections-0-kind": "hak_jawab",
                "corrections-0-text": "Tanggapan Kedutaan Rusia.",
            },
        ),
    )
    edited = AuditEntry.objects.filter(action="edited", article_id=published.pk).get()
    assert "Hak jawab: Tanggapan Kedutaan Rusia." in edited.detail and "Right of reply" not in edited.detail
    page = editor.get("/redaksi/newsroom/auditentry/?action__exact=withdrawn")
    assert page.status_code in (200, 403)


def test_withdrawals_logged_before_they_had_their_own_action_are_named(editor, seed):
    AuditEntry.objects.create(action="unpublished", detail="Cabut: Narasumber menarik pernyataannya.")
    AuditEntry.objects.create(action="unpublished", detail="")
    migration = importlib.import_module("warta.newsroom.migrations.0007_withdrawn_action")
    migration.name_withdrawals(apps, None)
    assert sorted(AuditEntry.objects.values_list("action", "detail")) == [
        ("unpublished", ""),
        ("withdrawn", "Narasumber menarik pernyataannya."),
    ]


def test_an_editor_publishes_a_breaking_story_from_its_first_save(editor, writer, seed):
    assert 'name="_workflow" value="publish"' in editor.get(ADD).content.decode()
    assert 'name="_workflow" value="publish"' not in writer.get(ADD).content.decode()
    response = editor.post(ADD, article_form(seed, headline="Gempa M5,2 guncang Malang", _workflow="publish"))
    article = Article.objects.get(headline="Gempa M5,2 guncang Malang")
    assert response.status_code == 302 and response["Location"].endswith(f"/{article.pk}/change/")
    assert article.status == Article.Status.PUBLISHED and article.is_public
    # Involving a child: the new desk's box confirms it, as the publish box does on a saved article.
    assert 'id="child-confirm-new"' in editor.get(ADD).content.decode()
    child = article_form(seed, headline="Siswa SD juara lomba", slug="", involves_child="on", _workflow="publish")
    editor.post(ADD, child)
    assert Article.objects.get(headline="Siswa SD juara lomba").status == Article.Status.DRAFT  # not confirmed
    editor.post(ADD, {**child, "headline": "Siswa SMP juara lomba", "child_protected": "1"})
    assert Article.objects.get(headline="Siswa SMP juara lomba").status == Article.Status.PUBLISHED


def test_a_step_not_hers_to_take_keeps_what_she_typed(writer, seed):
    article = write_draft(writer, seed)
    response = writer.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, headline="Judul yang baru diketik", base_version=article.version, _workflow="publish"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Judul yang baru diketik" and article.status == Article.Status.DRAFT
    assert "bukan wewenang Anda" in writer.get(response["Location"]).content.decode()


def test_a_form_with_errors_brings_the_publish_boxs_words_back(editor, seed):
    article = write_draft(editor, seed)
    act(editor, article, "publish")
    article.refresh_from_db()
    reason = "Narasumber menarik pernyataannya."
    page = editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, headline="", base_version=article.version, _workflow="withdraw", reason=reason),
    ).content.decode()
    assert f'form="article_form">{reason}</textarea>' in page
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_an_unchanged_press_adds_no_revision_and_placement_is_no_update(editor, seed):
    article = write_draft(editor, seed)
    act(editor, article, "publish")
    article.refresh_from_db()
    before = article.revisions.count()
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, base_version=article.version, pinned="on", _workflow="unpublish"),
    )
    article.refresh_from_db()
    assert article.pinned and article.status == Article.Status.UNPUBLISHED
    assert article.revised_at is None  # made the lead story: not a change readers are told of
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, base_version=article.version, pinned="on", _workflow="publish"),
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED and article.revisions.count() == before + 1  # pinned only


def test_a_writer_cannot_make_her_story_the_lead(writer, editor, seed):
    desk = writer.get("/redaksi/articles/article/add/").content.decode()
    assert 'name="pinned"' not in desk
    article = write_draft(writer, seed, pinned="on")
    assert not article.pinned
    assert 'name="pinned"' in editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()


def test_corrections_are_stamped_by_the_server_and_never_deleted_from_the_desk(editor, seed):
    Correction.objects.create(
        article=seed,
        kind="ralat",
        text="Nama analis diperbaiki.",
        created_at=datetime.datetime(2022, 8, 17, 9, 0, tzinfo=datetime.UTC),
    )
    desk = editor.get(f"/redaksi/articles/article/{seed.pk}/change/").content.decode()
    assert "17 Agustus 2022 16:00 WIB" in desk
    assert 'name="corrections-0-created_at' not in desk and 'name="corrections-0-DELETE"' not in desk
    data = article_form(
        seed,
        headline=seed.headline,
        slug=seed.slug,
        base_version=seed.version,
        **{
            "corrections-TOTAL_FORMS": "2",
            "corrections-INITIAL_FORMS": "1",
            "corrections-0-id": str(seed.corrections.get().pk),
            "corrections-0-article": str(seed.pk),
            "corrections-0-kind": "ralat",
            "corrections-0-text": "Nama analis diperbaiki.",
            "corrections-0-DELETE": "on",
            "corrections-0-created_at_0": "2020-01-01",
            "corrections-1-article": str(seed.pk),
            "corrections-1-kind": "pembaruan",
            "corrections-1-text": "Ditambahkan tanggapan Kremlin.",
            "corrections-1-created_at_0": "2020-01-01",
            "corrections-1-created_at_1": "08:00",
        },
    )
    before = timezone.now()
    response = editor.post(f"/redaksi/articles/article/{seed.pk}/change/", data)
    assert response.status_code == 302
    first, added = seed.corrections.order_by("id")
    assert first.created_at.year == 2022  # neither deleted nor re-dated
    assert added.text == "Ditambahkan tanggapan Kremlin." and added.created_at >= before


@pytest.mark.parametrize(("old", "new"), [("/wp-admin/", "/redaksi/"), ("/wp-login.php", "/redaksi/login/")])
def test_wordpress_back_office_addresses_lead_here(client, db, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_publishes_what_is_due_and_queues_housekeeping():
    """`warta worker --once`, as run from a terminal (its own transactions, like production)."""
    from django_tasks_db.models import DBTaskResult

    from warta.taxonomy.models import Section

    section = Section.objects.create(name="Uji", slug="uji")
    due = Article.objects.create(
        headline="Sudah waktunya",
        slug="sudah-waktunya",
        section=section,
        status=Article.Status.SCHEDULED,
        body=[{"type": "paragraph", "text": "Isi."}],
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    due.refresh_from_db()
    assert due.status == Article.Status.PUBLISHED and "published (was due): Sudah waktunya" in out.getvalue()
    ran = DBTaskResult.objects.get(task_path="warta.newsroom.tasks.housekeeping", status="SUCCESSFUL")
    assert ran and DBTaskResult.objects.filter(task_path="warta.newsroom.tasks.housekeeping", status="READY").exists()


def test_login_attempts_are_rate_limited(db, django_user_model):
    django_user_model.objects.create_user("redaktur", "", "rahasia-123", is_staff=True)
    client = Client()
    statuses = [
        client.post("/redaksi/login/", {"username": "redaktur", "password": "salah"}).status_code for _ in range(12)
    ]
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    refused = client.post("/redaksi/login/", {"username": "redaktur", "password": "rahasia-123"})
    assert refused.status_code == 429 and "Terlalu banyak percobaan masuk" in refused.content.decode()
