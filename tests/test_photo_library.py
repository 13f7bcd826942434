"""The photo library in the back office: thumbnails in its list, credits stored without "Foto:",
an add form without empty read-only fields, and a preview of the photo chosen on the desk."""

from __future__ import annotations

import html
import importlib
import re
from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.conftest import StaffClient, must_search, permalink
from tests.test_newsroom import jpeg_with_gps
from warta.articles.models import Article
from warta.newsroom.admin import ArticleAdmin
from warta.photos.models import Photo
from warta.photos.widgets import PhotoChoice

ROOT = Path(__file__).resolve().parent.parent
LIST = "/redaksi/photos/photo/"
ADD = "/redaksi/photos/photo/add/"


def table(page: str) -> str:
    return page[page.index('id="result_list"') : page.index("</table>", page.index('id="result_list"'))]


def row(page: str, photo: Photo) -> str:
    return must_search(rf'<tr>(?:(?!</tr>).)*value="{photo.pk}".*?</tr>', table(page), re.S).group(0)


def imported(caption: str = "Dari WordPress", **fields) -> Photo:
    """A photo imported without its file: no renditions, an original elsewhere."""
    return Photo.objects.create(
        caption=caption, alt_text="Foto lama", source_url="https://lama.example/wp-content/besar.jpg", **fields
    )


# The list: a thumbnail per photo ------------------------------------------------------------------


def test_each_photo_in_the_list_has_a_small_lazy_thumbnail_never_its_original(editor, seed):
    photo = seed.lead_photo
    assert photo is not None
    old = imported()
    page = editor.get(LIST).content.decode()
    cells = row(page, photo)
    img = must_search(r'<td class="field-thumbnail"><picture class="photo-thumb">.*?<img ([^>]*)>', cells).group(1)
    small = min(r.width for r in photo.renditions.filter(crop="", format="jpeg"))
    assert re.search(rf'src="/media/renditions/[^"]*-{small}w\.jpg"', img)
    assert 'width="80" height="45"' in img  # 1200 × 675 fitted in 80 px: the space is kept while it loads
    assert 'loading="lazy"' in img and f'alt="{html.escape(photo.alt_text)}"' in img
    assert re.search(rf'<source type="image/webp" srcset="/media/renditions/[^"]*-{small}w\.webp">', cells)
    assert photo.image.url not in table(page)  # no full-size original anywhere in the list
    # The caption is still the link to the photo; the picture is no second link beside it.
    assert must_search(r'<th class="field-__str__"><a href="([^"]+)">', cells).group(1) == f"{LIST}{photo.pk}/change/"
    without = row(page, old)
    assert "Tanpa pratinjau" in without and "<img" not in without and old.source_url not in without
    assert "photos/photo_list.css" in page


def test_the_list_costs_the_same_queries_for_a_page_of_many_photos(editor, seed):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(LIST).status_code == 200
        return len(captured)

    for n in range(3):
        imported(f"Foto {n}", uploaded_by=editor.user)
    few = queries()
    for n in range(3, 15):
        imported(f"Foto {n}", uploaded_by=editor.user)
    assert queries() == few  # renditions prefetched, uploaders joined: nothing per row


def test_a_phone_leaves_size_and_upload_to_the_photo_s_page():
    """tests/test_photo_library_browser.py measures the columns in chromium at 1366 and 360 px."""
    css = (ROOT / "warta/photos/static/photos/photo_list.css").read_text()
    phone = css[css.index("@media (max-width: 767px)") :]
    for column in ("size", "uploaded"):
        assert f".column-{column}" in phone and f".field-{column}" in phone
    assert "display: none" in phone


def test_the_list_headers_and_size_column(editor, seed):
    page = editor.get(LIST).content.decode()
    thead = table(page)[: table(page).index("</thead>")]
    headers = [h for h in re.findall(r'<div class="text">(?:<a [^>]*>|<span>)([^<]*)<', thead) if h]
    assert headers == ["Pratinjau", "Foto", "Kredit", "Ukuran", "Diunggah"]
    assert '<td class="field-size">1200 × 675</td>' in row(page, seed.lead_photo)
    mine = imported(uploaded_by=editor.user)
    page = editor.get(LIST).content.decode()
    assert re.search(
        r'<td class="field-uploaded">[^<]+2\d{3}, [^<]+<span class="photo-list__by">editor</span>', row(page, mine)
    )


# Credits: "Foto: X" stored as "X" -----------------------------------------------------------------


def upload(client: Client, credit: str, caption: str):
    return client.post(
        ADD,
        {
            "image": SimpleUploadedFile("foto.jpg", jpeg_with_gps()),
            "caption": caption,
            "credit": credit,
            "alt_text": "Jalan tergenang",
        },
    )


def test_a_credit_typed_with_foto_is_stored_without_it_and_filtered_once(writer, editor, make_article):
    assert upload(writer, "Foto: Penulis Satu", "Banjir rob").status_code == 302
    assert upload(writer, "Penulis Satu", "Banjir kanal").status_code == 302
    assert upload(writer, "FOTO : Foto/ Penulis Dua", "Banjir pasar").status_code == 302
    stored = dict(Photo.objects.filter(caption__startswith="Banjir ").values_list("caption", "credit"))
    assert stored == {"Banjir rob": "Penulis Satu", "Banjir kanal": "Penulis Satu", "Banjir pasar": "Penulis Dua"}
    page = editor.get(LIST).content.decode()
    sidebar = page[page.index('id="changelist-filter"') :]
    assert sidebar.count(">Penulis Satu</a>") == 1 and "Foto: Penulis Satu" not in sidebar
    # The reader's page adds "Foto:" itself, once.
    article = make_article(lead_photo=Photo.objects.get(caption="Banjir rob"))
    story = Client().get(permalink(article)).content.decode()
    assert story.count("Foto: Penulis Satu") == 1 and "Foto: Foto:" not in story


def test_a_credit_saved_in_code_is_plain_too(db):
    photo = imported(credit="  Photo: AP ")
    photo.refresh_from_db()
    assert photo.credit == "AP"
    assert imported(credit="Dokumentasi Kempalan").credit == "Dokumentasi Kempalan"  # no colon: a name


def test_the_migration_makes_stored_credits_plain(db):
    kept = imported(credit="Detik")
    typed = imported()
    Photo.objects.filter(pk=typed.pk).update(credit="Foto: Penulis Satu")  # as stored before: no save()
    odd = imported()
    Photo.objects.filter(pk=odd.pk).update(credit=" dok/ Humas Pemkot")
    migration = importlib.import_module("warta.photos.migrations.0005_plain_credits")
    migration.plain_credits(apps, None)
    credits = dict(Photo.objects.filter(pk__in=[kept.pk, typed.pk, odd.pk]).values_list("pk", "credit"))
    assert credits == {kept.pk: "Detik", typed.pk: "Penulis Satu", odd.pk: "Humas Pemkot"}


# The add form: no fields without a value ----------------------------------------------------------


def labels(page: str) -> list[str]:
    return re.findall(r"<label[^>]*>([^<]+):</label>", page)


def test_a_new_photo_is_not_shown_width_height_or_original_address(editor, seed):
    for address in (ADD, f"{ADD}?_to_field=id&_popup=1"):  # the "+" beside the desk's lead photo
        page = editor.get(address).content.decode()
        assert labels(page) == ["Berkas gambar", "Keterangan", "Kredit", "Teks alternatif"]
    uploaded = editor.get(f"{LIST}{seed.lead_photo_id}/change/").content.decode()
    assert "Lebar" in labels(uploaded) and "Tinggi" in labels(uploaded) and "Alamat asli" not in labels(uploaded)
    old = editor.get(f"{LIST}{imported().pk}/change/").content.decode()
    assert "Alamat asli" in labels(old) and "Lebar" not in labels(old)


# The desk's lead photo: a preview of the chosen one -----------------------------------------------


def lead_photo_field(client: StaffClient, article: Article | None) -> str:
    request = RequestFactory().get("/redaksi/articles/article/")
    request.user = client.user
    desk = ArticleAdmin(Article, admin.site)
    form = desk.get_form(request, article)(instance=article)
    assert "photos/photo_choice.js" in str(form.media)
    return str(form["lead_photo"])


def test_the_chosen_lead_photo_shows_as_a_small_picture(editor, seed):
    field = lead_photo_field(editor, seed)
    preview = must_search(r'<span class="photo-choice__preview" id="id_lead_photo_preview"([^>]*)>(.*?)</span>', field)
    assert f'data-photo="{seed.lead_photo_id}"' in preview.group(1)
    assert 'data-url="/redaksi/photos/photo/preview/"' in preview.group(1)
    img = must_search(r"<img ([^>]*)>", preview.group(2)).group(1)
    assert re.search(r'src="/media/renditions/[^"]*-480w\.jpg" width="120" height="68"', img)
    assert 'loading="lazy"' in img
    assert re.search(r'<select [^>]*class="[^"]*admin-autocomplete photo-choice"', field)
    assert "<script" not in field  # the admin's CSP-safe way: a static file reacts to the change
    empty = lead_photo_field(editor, None)
    assert re.search(r'<span class="photo-choice__preview"[^>]*data-photo=""[^>]*></span>', empty)


def test_the_wiring_leaves_other_fields_and_other_widgets_alone(editor, seed):
    request = RequestFactory().get("/")
    request.user = editor.user
    form = ArticleAdmin(Article, admin.site).get_form(request, seed)
    assert isinstance(form.base_fields["lead_photo"].widget.widget, PhotoChoice)
    assert not isinstance(form.base_fields["verifies"].widget.widget, PhotoChoice)


def test_the_preview_address_gives_a_chosen_photo_s_thumbnail(writer, seed, django_user_model):
    photo = seed.lead_photo
    data = writer.get("/redaksi/photos/photo/preview/", {"id": photo.pk}).json()
    assert data["src"].endswith("-480w.jpg") and data["webp"].endswith("-480w.webp")
    assert (data["width"], data["height"], data["alt"]) == (480, 270, photo.alt_text)
    assert writer.get("/redaksi/photos/photo/preview/", {"id": imported().pk}).json()["src"] == ""
    assert writer.get("/redaksi/photos/photo/preview/", {"id": "x"}).status_code == 404
    nobody = django_user_model.objects.create_user("tamu", "tamu@kempalan.test", "rahasia-123", is_staff=True)
    stranger = Client()
    stranger.force_login(nobody)
    assert stranger.get("/redaksi/photos/photo/preview/", {"id": photo.pk}).status_code == 403
