"""The Pedoman Pemberitaan Media Siber (Dewan Pers, 2012) as features, each through HTTP:
verification (2c-2d), corrections (4a-4d), withdrawal (5a-5c), advertorial (6a-6b), children,
AI disclosure, credits, and the Pedoman itself on the site (8)."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tests.conftest import must_search, permalink
from warta.articles.models import Article, Byline, Correction
from warta.authors.models import Author
from warta.newsroom.models import AuditEntry
from warta.pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model) -> Client:
    user = django_user_model.objects.create_user("redaktur", "redaktur@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def writer(django_user_model) -> Client:
    user = django_user_model.objects.create_user("penulis1", "penulis1@kempalan.test", "rahasia-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Penulis"))
    client = Client()
    client.force_login(user)
    return client


def json_ld(page: str) -> dict:
    for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S):
        data = json.loads(found)
        if data.get("@type") in {"NewsArticle", "AdvertiserContentArticle"}:
            return data
    raise AssertionError("no article JSON-LD")


def workflow(client: Client, article: Article, action: str, **data: str):
    return client.post(f"/redaksi/articles/article/{article.pk}/workflow/{action}/", data)


# 2c-2d: verification ---------------------------------------------------------------------------


def test_an_unverified_story_says_so_at_its_end_and_links_to_its_verified_follow_up(client, make_article):
    first = make_article(headline="Kabar awal longsor", slug="kabar-awal", needs_verification=True)
    page = client.get(permalink(first)).content.decode()
    body_end = page.index('class="story__body"')
    assert page.index("Berita ini masih memerlukan verifikasi lebih lanjut.") > body_end

    later = make_article(
        headline="Longsor terverifikasi",
        slug="longsor-terverifikasi",
        verifies=first,
        published_at=first.published_at + datetime.timedelta(hours=3),
    )
    original = client.get(permalink(first)).content.decode()
    follow_up = client.get(permalink(later)).content.decode()
    assert f'Hasil verifikasi: <a href="{permalink(later)}">Longsor terverifikasi</a>' in original
    assert f'<a href="{permalink(first)}">Kabar awal longsor</a>' in follow_up
    assert "verifikasi atas berita sebelumnya" in follow_up


def test_a_follow_up_not_yet_published_is_not_linked(client, make_article):
    first = make_article(headline="Kabar awal", slug="kabar-awal", needs_verification=True)
    make_article(headline="Belum terbit", slug="belum-terbit", verifies=first, status=Article.Status.DRAFT)
    assert "Belum terbit" not in client.get(permalink(first)).content.decode()


# 4a-4d: ralat, koreksi, hak jawab, klarifikasi, pembaruan ---------------------------------------


def test_each_kind_of_entry_is_shown_with_its_time_and_linked_from_the_top(client, make_article):
    article = make_article()
    when = datetime.datetime(2022, 8, 2, 3, 0, tzinfo=datetime.UTC)
    kinds = ["ralat", "koreksi", "hak_jawab", "klarifikasi", "pembaruan"]
    notes = [
        Correction.objects.create(article=article, kind=kind, text=f"Catatan {kind}.", created_at=when)
        for kind in kinds
    ]
    page = client.get(permalink(article)).content.decode()
    for label, note in zip(["Ralat", "Koreksi", "Hak jawab", "Klarifikasi", "Pembaruan"], notes, strict=True):
        assert f'<p id="{note.anchor}"><strong>{label}</strong> (<time datetime="2022-08-02T10:00:00+07:00">' in page
        assert f'<a href="#{note.anchor}">{label} 2 Agustus 2022 10:00</a>' in page  # from the top
    assert page.index('class="corrections-notice"') < page.index('class="story__body"')


def test_a_right_of_reply_published_as_an_article_links_both_ways(client, make_article):
    original = make_article(headline="Tuduhan terhadap pejabat", slug="tuduhan")
    reply = make_article(headline="Hak jawab pejabat", slug="hak-jawab-pejabat")
    Correction.objects.create(article=original, kind="hak_jawab", text="Pejabat menjawab.", linked_article=reply)
    assert f'<a href="{permalink(reply)}">Hak jawab pejabat</a>' in client.get(permalink(original)).content.decode()
    answer_page = client.get(permalink(reply)).content.decode()
    assert f'Hak jawab atas: <a href="{permalink(original)}">Tuduhan terhadap pejabat</a>' in answer_page


def test_corrections_are_in_the_json_ld_and_change_date_modified(client, make_article):
    article = make_article()
    before = json_ld(client.get(permalink(article)).content.decode())
    assert "correction" not in before
    Correction.objects.create(
        article=article,
        kind="ralat",
        text="Nama menteri diperbaiki.",
        created_at=datetime.datetime(2022, 8, 5, 1, 0, tzinfo=datetime.UTC),
    )
    Correction.objects.create(article=article, kind="pembaruan", text="Korban bertambah.")
    after = json_ld(client.get(permalink(article)).content.decode())
    assert [c["text"] for c in after["correction"]] == ["Ralat: Nama menteri diperbaiki."]  # an update corrects nothing
    assert after["correction"][0]["@type"] == "CorrectionComment"
    assert after["dateModified"] > before["dateModified"]


def test_the_public_archive_of_corrections_and_its_feed(client, make_article):
    article = make_article(headline="Harga beras", slug="harga-beras")
    note = Correction.objects.create(article=article, kind="koreksi", text="Harga yang benar Rp 14.000.")
    hidden = make_article(headline="Draf rahasia", slug="draf-rahasia", status=Article.Status.DRAFT)
    Correction.objects.create(article=hidden, kind="ralat", text="Tidak untuk umum.")

    archive = client.get("/ralat/")
    assert archive.status_code == 200
    page = archive.content.decode()
    assert f'href="{permalink(article)}#{note.anchor}">Harga beras</a>' in page
    assert "Harga yang benar Rp 14.000." in page and "Tidak untuk umum." not in page

    feed = client.get("/ralat/feed/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/rss+xml")
    xml = feed.content.decode()
    assert "<title>Koreksi: Harga beras</title>" in xml and "Tidak untuk umum." not in xml


# 5a-5c: withdrawal -----------------------------------------------------------------------------


def test_withdrawal_requires_a_reason_and_keeps_what_was_typed(editor, make_article):
    article = make_article()
    response = workflow(editor, article, "withdraw", reason="salah")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    desk = editor.get(response["Location"]).content.decode()
    assert "Tuliskan alasan pencabutan" in desk
    assert (
        '<textarea id="withdraw-reason" name="reason" rows="2" cols="40" form="article_form">salah</textarea>' in desk
    )


def test_a_withdrawn_article_answers_410_with_the_reason_and_leaves_every_list(editor, client, make_article):
    now = timezone.now()
    article = make_article(headline="Berita yang dicabut zirkonium", slug="dicabut", published_at=now)
    url = permalink(article)
    for address in ("/", "/feed/", "/sitemap-articles.xml", "/sitemap-news.xml", "/cari/?q=zirkonium"):
        assert "dicabut" in client.get(address).content.decode(), address

    reason = "Identitas anak korban terungkap; dicabut atas pertimbangan masa depan anak."
    workflow(editor, article, "withdraw", reason=reason)

    gone = client.get(url)
    assert gone.status_code == 410
    notice = gone.content.decode()
    assert "Berita dicabut" in notice and reason in notice and "Berita yang dicabut zirkonium" in notice
    assert "Satu dua tiga." not in notice  # never the story itself
    for address in ("/", "/feed/", "/sitemap-articles.xml", "/sitemap-news.xml", "/cari/?q=zirkonium", "/indeks/"):
        assert f"/{article.slug}/" not in client.get(address).content.decode(), address
    entry = AuditEntry.objects.get(article=article, action="withdrawn")
    assert entry.user == editor.user and entry.detail == reason


def test_unpublish_is_not_withdrawal_the_address_simply_goes(editor, client, make_article):
    article = make_article()
    workflow(editor, article, "unpublish")
    assert client.get(permalink(article)).status_code == 404


def test_a_writer_cannot_withdraw(writer, make_article):
    article = make_article()
    assert workflow(writer, article, "withdraw", reason="Alasan yang cukup panjang.").status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


# 6a-6b: advertorial ----------------------------------------------------------------------------


def test_an_advertorial_is_labelled_everywhere_and_kept_out_of_google_news(client, make_article):
    ad = make_article(
        headline="Promo kopi molibdenum", slug="promo-kopi", kind=Article.Kind.ADVERTORIAL, published_at=timezone.now()
    )
    label = '<span class="label label--advertorial">Advertorial</span>'
    page = client.get(permalink(ad)).content.decode()
    assert label in page
    assert json_ld(page)["@type"] == "AdvertiserContentArticle"
    assert label in client.get("/").content.decode()
    assert label in client.get(f"/category/{ad.section.slug}/").content.decode()
    assert label in client.get("/cari/?q=molibdenum").content.decode()
    assert "<title>Advertorial: Promo kopi molibdenum</title>" in client.get("/feed/").content.decode()
    assert "promo-kopi" in client.get("/sitemap-articles.xml").content.decode()
    assert "promo-kopi" not in client.get("/sitemap-news.xml").content.decode()


# Children and AI -------------------------------------------------------------------------------


def test_publishing_an_article_involving_a_child_asks_for_confirmation_and_logs_it(editor, make_article):
    article = make_article(status=Article.Status.IN_REVIEW, published_at=None, involves_child=True)
    desk = editor.get(f"/redaksi/articles/article/{article.pk}/change/").content.decode()
    assert 'name="child_protected"' in desk and "identitas anak terlindungi" in desk

    response = workflow(editor, article, "publish")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert "Pastikan identitas anak terlindungi" in editor.get(response["Location"]).content.decode()

    workflow(editor, article, "publish", child_protected="1")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert AuditEntry.objects.filter(
        article=article, action="published", detail="identitas anak terlindungi: dikonfirmasi"
    ).exists()


def test_ai_use_is_disclosed_for_the_article_and_for_each_photo(client, make_article, seed):
    photo = seed.lead_photo
    photo.ai_disclosure = "Ilustrasi dibuat dengan AI"
    photo.save()
    article = make_article(lead_photo=photo, ai_disclosure="Transkrip wawancara dibuat dengan bantuan AI.")
    page = client.get(permalink(article)).content.decode()
    assert "<strong>Penggunaan AI:</strong> Transkrip wawancara dibuat dengan bantuan AI." in page
    assert '<span class="ai-disclosure">AI: Ilustrasi dibuat dengan AI</span>' in page


# Credits ---------------------------------------------------------------------------------------


def test_credits_are_printed_by_role_and_the_editor_is_in_the_json_ld(client, make_article):
    article = make_article()
    writer = Author.objects.create(name="Rina Wulandari", slug="rina")
    editor = Author.objects.create(name="Agus Setiawan", slug="agus")
    Byline.objects.create(article=article, author=writer, role="penulis", position=0)
    Byline.objects.create(article=article, author=editor, role="editor", position=1)
    page = client.get(permalink(article)).content.decode()
    text = re.sub(r"<[^>]+>", "", must_search(r'<span class="byline credits">.*?</span></span>', page).group(0))
    assert text == "Penulis: Rina Wulandari | Editor: Agus Setiawan"
    data = json_ld(page)
    assert [a["name"] for a in data["author"]] == ["Rina Wulandari"]
    assert [e["name"] for e in data["editor"]] == ["Agus Setiawan"]


# 3a-3d and 8: terms, the Pedoman and the pages ---------------------------------------------------


def test_migrate_creates_the_pedoman_code_of_ethics_masthead_contact_and_terms_pages():
    slugs = set(Page.objects.values_list("slug", flat=True))
    assert {
        "pedoman-media-siber",
        "kode-etik-jurnalistik",
        "susunan-redaksi",
        "kontak",
        "ketentuan-komentar",
    } <= slugs


def test_every_page_links_the_pedoman_from_its_footer(client, seed):
    for address in ("/", permalink(seed), "/cari/?q=putin", "/ralat/"):
        footer = client.get(address).content.decode().split('<footer class="colophon">')[1]
        assert '<a class="pedoman-link" href="/pedoman-media-siber/">Pedoman Pemberitaan Media Siber</a>' in footer
    assert client.get("/kode-etik-jurnalistik/").status_code == 200


def test_the_comment_form_shows_the_terms_and_links_the_full_terms(client, seed):
    page = client.get(permalink(seed)).content.decode()
    form = page[page.index('class="comment-form"') :]
    assert "SARA" in form and "kebohongan, fitnah" in form
    assert '<a href="/ketentuan-komentar/">Ketentuan lengkap</a>' in form
