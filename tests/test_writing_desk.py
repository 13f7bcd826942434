"""The writing desk, server side: the block editor's JSON body, tags by typing, the slug, submitting
from the first save, autosave, the editor's endpoints and their permissions."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.conftest import must_search, permalink
from tests.test_newsroom import article_form
from warta.articles.models import Article
from warta.newsroom import bodytext
from warta.newsroom.models import Autosave, Revision
from warta.photos.models import Photo
from warta.taxonomy.models import Tag

pytestmark = pytest.mark.django_db
ADD = "/redaksi/articles/article/add/"


def every_block(seed: Article) -> list[dict]:
    photo = seed.lead_photo
    assert photo is not None
    return [
        {"type": "paragraph", "text": 'Warga <strong>mengungsi</strong> sejak <em>pagi</em>, <a href="https://bpbd.go.id">kata BPBD</a>.'},
        {"type": "heading", "text": "Bantuan datang"},
        {"type": "quote", "text": "Air masuk rumah", "cite": "Rina, warga"},
        {"type": "list", "ordered": True, "items": ["Perahu karet", "Dapur <em>umum</em>"]},
        {"type": "image", "photo": photo.pk, "caption": "Banjir di Sidoarjo", "credit": "Foto: Kempalan"},
        {"type": "gallery", "photos": [
            {"photo": photo.pk, "caption": "Satu", "credit": "Detik"},
            {"photo": photo.pk, "caption": "Dua", "credit": "foto : Antara"},
        ]},
        {"type": "embed", "url": "https://www.youtube.com/watch?v=abc123", "caption": "Rekaman warga"},
        {"type": "related", "article": seed.pk},
        {"type": "divider"},
        {"type": "paragraph", "text": "Penutup."},
    ]  # fmt: skip


def post_blocks(client: Client, seed: Article, blocks: list, **changes):
    return client.post(ADD, article_form(seed, body_json=json.dumps(blocks), body_text="", **changes))


def errors(response) -> list[str]:
    return re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)


def test_the_editor_body_is_stored_as_clean_blocks_of_every_type(writer, seed):
    response = post_blocks(writer, seed, every_block(seed))
    assert response.status_code == 302, errors(response)
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    stored: dict[str, dict] = {}
    for block in article.body:
        stored.setdefault(block["type"], block)
    assert list(stored) == [
        "paragraph", "heading", "quote", "list", "image", "gallery", "embed", "related", "divider",
    ]  # fmt: skip
    assert stored["paragraph"]["text"] == (
        'Warga <strong>mengungsi</strong> sejak <em>pagi</em>, <a href="https://bpbd.go.id" rel="noopener">kata BPBD</a>.'
    )
    assert stored["quote"] == {"type": "quote", "text": "Air masuk rumah", "cite": "Rina, warga"}
    # A credit typed the WordPress way is stored plain: the page says "Foto:" once.
    assert stored["image"]["credit"] == "Kempalan"
    assert [p["credit"] for p in stored["gallery"]["photos"]] == ["Detik", "Antara"]
    assert stored["related"] == {"type": "related", "article": seed.pk}
    # The no-JavaScript text of the same body gives the same blocks back.
    assert bodytext.from_text(bodytext.to_text(article.body)) == article.body


def test_the_public_page_shows_every_block(writer, editor, seed, client):
    post_blocks(writer, seed, every_block(seed))
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    editor.post(f"/redaksi/articles/article/{article.pk}/workflow/publish/")
    page = client.get(permalink(Article.objects.get(pk=article.pk))).content.decode()
    assert "<h2>Bantuan datang</h2>" in page
    assert must_search(r"<blockquote><p>Air masuk rumah</p><footer>Rina, warga</footer></blockquote>", page)
    assert "<ol><li>Perahu karet</li><li>Dapur <em>umum</em></li></ol>" in page
    assert page.count('class="story__gallery"') == 1 and page.count("<li><figure>") == 2
    assert "Foto: Kempalan" in page and "Foto: Foto:" not in page and "Foto: Antara" in page
    assert must_search(r'class="story__related"><strong>Baca juga:</strong> <a href="([^"]+)">', page).group(1) == (
        permalink(seed)
    )
    assert '<hr class="story__divider">' in page
    assert "https://www.youtube.com/watch?v=abc123" in page and "<iframe" not in page


def test_a_hand_made_post_cannot_put_markup_in_a_page(writer, seed):
    blocks = [
        {"type": "paragraph", "text": 'Halo <img src=x onerror=alert(1)> <script>alert(2)</script><a href="javascript:alert(3)">x</a>'},
        {"type": "heading", "text": "<b onclick=alert(4)>Judul</b>"},
    ]  # fmt: skip
    assert post_blocks(writer, seed, blocks).status_code == 302
    body = Article.objects.get(slug="banjir-rob-di-pesisir-utara").body
    assert "onerror" not in json.dumps(body) and "<script" not in json.dumps(body)
    assert "javascript:" not in json.dumps(body)


@pytest.mark.parametrize(
    "blocks, message",
    [
        ([{"type": "paragraph", "text": "<script>alert(1)</script>"}], "hanya berisi markup"),
        ([{"type": "paragraph", "text": '<img src="x.jpg">'}], "hanya berisi markup"),
        ([{"type": "list", "items": ['<svg onload="alert(1)">']}], "hanya berisi markup"),
        ([{"type": "iframe", "src": "https://evil.example"}], "jenisnya tidak dikenal"),
        ([{"type": "embed", "url": "https://evil.example/video"}], "YouTube, X, atau Instagram"),
        ([], "Isi artikel masih kosong"),
    ],
)
def test_a_refused_body_says_what_to_fix_and_keeps_the_text(writer, seed, blocks, message):
    kept = {"type": "paragraph", "text": "Paragraf yang ditulis dengan susah payah."}
    response = post_blocks(writer, seed, [kept, *blocks] if blocks else blocks)
    assert response.status_code == 200
    assert message in " ".join(errors(response))
    if blocks:  # the editor opens again on what was sent
        sent = json.loads(
            must_search(
                r'<script id="body-blocks" type="application/json">(.*?)</script>', response.content.decode(), re.S
            ).group(1)
        )
        assert sent[0] == kept
    assert not Article.objects.filter(slug="banjir-rob-di-pesisir-utara").exists()


def test_tags_are_typed_and_a_new_name_makes_a_new_tag(writer, seed):
    response = post_blocks(writer, seed, every_block(seed)[:1], tags_text="putin, Banjir Rob 2026, , Putin")
    assert response.status_code == 302, errors(response)
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    assert sorted(t.name for t in article.tags.all()) == ["Banjir Rob 2026", "Putin"]
    assert Tag.objects.get(name="Banjir Rob 2026").slug == "banjir-rob-2026"
    found = writer.get("/redaksi/articles/article/editor/tags/", {"q": "banj"}).json()
    assert found == {"results": [{"name": "Banjir Rob 2026"}]}


def test_the_slug_follows_the_headline_until_first_publication(writer, editor, seed):
    post_blocks(writer, seed, every_block(seed)[:1], slug="")
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    change = f"/redaksi/articles/article/{article.pk}/change/"
    data = article_form(seed, headline="Banjir rob meluas ke Gresik", slug=article.slug, base_version=article.version)
    assert writer.post(change, data).status_code == 302
    article.refresh_from_db()
    assert article.slug == "banjir-rob-meluas-ke-gresik"

    editor.post(f"/redaksi/articles/article/{article.pk}/workflow/publish/")
    article.refresh_from_db()
    data = article_form(seed, headline="Banjir rob surut", slug=article.slug, base_version=article.version)
    assert editor.post(change, data).status_code == 302
    article.refresh_from_db()
    assert article.slug == "banjir-rob-meluas-ke-gresik"  # readers know this address now


def test_a_slug_typed_by_hand_is_kept(writer, seed):
    post_blocks(writer, seed, every_block(seed)[:1], slug="banjir-pesisir")
    assert Article.objects.filter(slug="banjir-pesisir").exists()


@pytest.mark.parametrize(
    "typed", ["Banjir-Pesisir", "Banjir Pesisir", " banjir  pesisir! ", "Banjir—Pesisir", "banjir.pesisir"]
)
def test_a_slug_typed_with_capitals_or_spaces_becomes_an_address(writer, seed, typed):
    """As WordPress does: lower case, spaces and punctuation made hyphens (it was refused)."""
    post_blocks(writer, seed, every_block(seed)[:1], slug=typed)
    article = Article.objects.get(slug="banjir-pesisir")
    article.published_at = article.created_at
    assert str(article.get_absolute_url()).endswith("/banjir-pesisir/")


def test_a_slug_without_a_letter_or_digit_is_refused_with_the_text_kept(writer, seed):
    response = post_blocks(writer, seed, every_block(seed)[:1], slug="!?")
    page = response.content.decode()
    assert response.status_code == 200 and "Alamat perlu huruf atau angka: “!?” tidak berisi keduanya." in page
    assert 'value="!?"' in page and not Article.objects.filter(headline__startswith="Banjir rob").exists()


def test_an_article_stored_with_capitals_in_its_slug_has_an_address(make_article, client):
    """Before the desk lower-cased typed slugs, capitals were stored as typed: the permalink had no
    place for them, and every list showing such an article answered 500."""
    article = make_article(slug="Banjir-Pesisir")
    assert client.get(str(article.get_absolute_url())).status_code == 200
    assert client.get("/").status_code == 200


def test_the_first_save_can_submit_for_review(writer, seed):
    form = ADD
    response = writer.get(form)
    assert "Simpan dan ajukan untuk ditinjau" in response.content.decode()
    response = writer.post(form, article_form(seed, _submit_review="1"))
    assert response.status_code == 302
    assert Article.objects.get(slug="banjir-rob-di-pesisir-utara").status == Article.Status.IN_REVIEW


def test_a_colleagues_article_is_named_as_such_not_as_deleted(writer, colleague, seed):
    post_blocks(colleague, seed, every_block(seed)[:1])
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    response = writer.get(f"/redaksi/articles/article/{article.pk}/change/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "milik rekan Anda" in page and "mungkin telah dihapus" not in page
    for view in ("preview", "revisions"):
        assert writer.get(f"/redaksi/articles/article/{article.pk}/{view}/").status_code == 403
    assert writer.post(f"/redaksi/articles/article/{article.pk}/autosave/", "{}", "application/json").status_code == 403


def autosave(client: Client, url: str, body: dict) -> dict:
    response = client.post(url, json.dumps(body), "application/json")
    assert response.status_code == 200, response.content
    return response.json()


def test_autosave_replaces_one_draft_per_person_and_is_offered_on_reopening(writer, seed):
    post_blocks(writer, seed, every_block(seed)[:1])
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    url = f"/redaksi/articles/article/{article.pk}/autosave/"
    revisions = Revision.objects.filter(article=article).count()
    fields = {"headline": "Banjir rob", "dek": "", "tags_text": "", "dateline_city": "Surabaya", "slug": ""}
    for text in ("Kalimat pertama.", "Kalimat pertama. Kalimat kedua belum disimpan."):
        body = [{"type": "paragraph", "text": text}]
        saved = autosave(writer, url, {"base_version": article.version, "fields": {**fields, "body": body}})
    assert re.fullmatch(r"\d\d\.\d\d", saved["saved_at"]) and saved["stale"] is False
    assert Autosave.objects.filter(article=article).count() == 1
    assert Revision.objects.filter(article=article).count() == revisions  # not a revision

    page = writer.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    offered = json.loads(
        must_search(r'<script id="autosave-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert offered["fields"]["body"][0]["text"] == "Kalimat pertama. Kalimat kedua belum disimpan."
    assert offered["base_version"] == article.version

    # The phone preview shows what is being typed, never publicly.
    preview = writer.get(f"/redaksi/articles/article/{article.pk}/preview/?autosave=1")
    assert "Kalimat kedua belum disimpan" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"] or "no-cache" in preview["Cache-Control"]

    # A real save takes the autosave's place.
    writer.post(f"/redaksi/articles/article/{article.pk}/change/", article_form(seed, base_version=article.version))
    assert not Autosave.objects.filter(article=article).exists()


def test_an_autosave_never_overwrites_a_newer_version(writer, editor, seed):
    post_blocks(writer, seed, every_block(seed)[:1])
    article = Article.objects.get(slug="banjir-rob-di-pesisir-utara")
    opened_at = article.version
    editor.post(
        f"/redaksi/articles/article/{article.pk}/change/",
        article_form(seed, base_version=opened_at, dek="Versi editor."),
    )
    article.refresh_from_db()
    assert article.version > opened_at
    fields = {"headline": "Banjir", "body": [{"type": "paragraph", "text": "Versi penulis."}]}
    saved = autosave(
        writer, f"/redaksi/articles/article/{article.pk}/autosave/", {"base_version": opened_at, "fields": fields}
    )
    assert saved["stale"] is True
    article.refresh_from_db()
    assert article.dek == "Versi editor."  # the autosave touched nothing
    # Restoring it into the form carries the old version: the save is refused with the text kept.
    data = article_form(seed, base_version=opened_at, body_json=json.dumps(fields["body"]), body_text="")
    response = writer.post(f"/redaksi/articles/article/{article.pk}/change/", data)
    assert response.status_code == 200 and "menyimpan artikel ini setelah Anda membukanya" in response.content.decode()
    assert "Versi penulis." in response.content.decode()


def test_a_new_article_is_autosaved_too_and_discarded(writer, seed):
    url = "/redaksi/articles/article/autosave/"
    autosave(writer, url, {"base_version": 0, "fields": {"headline": "Judul baru", "body": []}})
    assert (
        json.loads(
            must_search(
                r'id="autosave-data" type="application/json">(.*?)</script>', writer.get(ADD).content.decode(), re.S
            ).group(1)
        )["fields"]["headline"]
        == "Judul baru"
    )
    assert autosave(writer, url, {"discard": True}) == {"discarded": True}
    assert not Autosave.objects.exists()


def test_a_refused_save_offers_no_older_autosave_over_what_was_just_typed(writer, seed):
    """Another new article left unsaved earlier is autosaved too; a save refused now (no section)
    must not offer to put that one over the words on the screen."""
    url = "/redaksi/articles/article/autosave/"
    autosave(writer, url, {"base_version": 0, "fields": {"headline": "Draf lama yang ditinggal", "body": []}})
    response = writer.post(ADD, article_form(seed, headline="Tanpa rubrik lagi", section=""))
    page = response.content.decode()
    assert response.status_code == 200 and "Tanpa rubrik lagi" in page
    offered = must_search(r'id="autosave-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(offered) is None and "Draf lama yang ditinggal" not in page
    assert Autosave.objects.exists()  # still offered when the desk is opened afresh


@pytest.mark.parametrize("payload", ["not json", "[]", '{"fields": {"headline": 5}}', '{"fields": {"body": "x"}}'])
def test_a_broken_autosave_is_refused_with_a_message(writer, payload):
    response = writer.post("/redaksi/articles/article/autosave/", payload, "application/json")
    assert response.status_code == 400 and response.json()["errors"]


def png(width: int = 1600, height: int = 900) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "seagreen").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_photo_dropped_on_the_body_is_uploaded_through_the_library_checks(writer, seed):
    url = "/redaksi/articles/article/editor/photos/upload/"
    response = writer.post(
        url, {"image": SimpleUploadedFile("banjir.png", png()), "alt_text": "banjir", "credit": "Foto: Rina"}
    )
    assert response.status_code == 201
    photo = response.json()
    assert photo["width"] == 1600 and photo["thumb"].endswith(".jpg") and photo["alt"] == "banjir"
    # Stored as the name alone (README): the page adds "Foto:" once, the library filters "Rina" once.
    assert Photo.objects.get(pk=photo["id"]).credit == "Rina" and photo["credit"] == "Rina"
    refused = writer.post(url, {"image": SimpleUploadedFile("virus.jpg", b"MZ not a photo"), "alt_text": "x"})
    assert refused.status_code == 400
    assert "bukan foto" in json.dumps(refused.json(), ensure_ascii=False)


def test_the_library_is_searched_by_caption_and_credit(writer, seed):
    found = writer.get("/redaksi/articles/article/editor/photos/", {"q": "putin"}).json()["results"]
    assert found and all("putin" in (p["caption"] + p["credit"] + p["alt"]).lower() for p in found)
    assert writer.get("/redaksi/articles/article/editor/photos/", {"q": "tidak-ada-xyz"}).json() == {"results": []}


def test_read_also_finds_only_published_articles(writer, seed, make_article):
    make_article(headline="Gawat rancangan rahasia", slug="gawat-rahasia", status=Article.Status.DRAFT)
    found = writer.get("/redaksi/articles/article/editor/articles/", {"q": "gawat"}).json()["results"]
    assert [a["id"] for a in found] == [seed.pk]
    assert found[0]["url"] == permalink(seed)


def test_the_editor_endpoints_need_a_newsroom_account(django_user_model, seed):
    reader = django_user_model.objects.create_user("pembaca", "p@example.com", "rahasia-123", is_staff=True)
    client = Client()
    client.force_login(reader)  # staff, but in no newsroom role
    for url in ("editor/photos/", "editor/articles/", "editor/tags/"):
        assert client.get(f"/redaksi/articles/article/{url}").status_code == 403
    assert client.post("/redaksi/articles/article/editor/photos/upload/").status_code == 403
    assert client.post("/redaksi/articles/article/autosave/", "{}", "application/json").status_code == 403
    anonymous = Client().get("/redaksi/articles/article/editor/photos/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_a_pasted_headline_over_the_limit_is_refused_in_words_with_all_of_it_kept(writer, seed):
    """The browser's maxlength cut a pasted headline at 200 characters without a word: the desk has
    none, and the server says how long the headline is and keeps every character typed."""
    desk = writer.get(ADD).content.decode()
    field = must_search(r'<textarea name="headline"[^>]*>', desk).group(0)
    assert "maxlength" not in field
    assert "Paling banyak 200 karakter; mesin pencari menampilkan sekitar 70." in desk
    pasted = ("Banjir rob meluas ke pesisir utara Gresik dan Lamongan " * 200)[:10_000]
    response = post_blocks(writer, seed, every_block(seed)[:1], headline=pasted)
    assert response.status_code == 200
    assert "Judul paling banyak 200 karakter; judul ini 10000 karakter. Persingkat judulnya" in " ".join(
        errors(response)
    )
    assert f"{pasted}</textarea>" in response.content.decode()
    assert not Article.objects.filter(headline__startswith="Banjir rob meluas").exists()


def test_tags_read_in_alphabetical_order_whatever_their_capitals(writer, seed):
    response = post_blocks(writer, seed, every_block(seed)[:1], tags_text="banjir, rob, Kenjeran")
    assert response.status_code == 302
    article = Article.objects.get(headline__startswith="Banjir")
    assert [t.name for t in article.tags.all()] == ["banjir", "Kenjeran", "rob"]
    desk = writer.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert 'value="banjir, Kenjeran, rob"' in desk


def test_the_headline_wraps_on_the_desk_but_is_saved_as_one_line(writer, seed):
    """A phone's one-line input showed "Banjir rob rendam kawasan" of a long headline: the desk's
    headline is a box that wraps; a line break typed or pasted into it is a space."""
    desk = writer.get(ADD).content.decode()
    assert re.search(r'<textarea name="headline"[^>]*class="headline-input"[^>]*rows="1"', desk) or re.search(
        r'<textarea name="headline"[^>]*rows="1"[^>]*class="headline-input"', desk
    )
    response = post_blocks(writer, seed, every_block(seed)[:1], headline="Banjir rob rendam\r\n kawasan  pesisir ")
    assert response.status_code == 302
    assert Article.objects.filter(headline="Banjir rob rendam kawasan pesisir").exists()


def test_an_overlong_field_does_not_stop_the_autosave_of_the_body(writer, seed):
    url = "/redaksi/articles/article/autosave/"
    fields = {"headline": "Banjir " * 2000, "body": [{"type": "paragraph", "text": "Isi tetap aman."}]}
    saved = autosave(writer, url, {"base_version": 0, "fields": fields})
    assert saved["saved_at"]
    kept = Autosave.objects.get(article=None).fields
    assert kept["body"] == fields["body"] and kept["headline"] == fields["headline"][:2000]
