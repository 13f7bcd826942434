"""Reader comments, every rule through HTTP, as a reader's browser would send them."""

from __future__ import annotations

import datetime
import re
import time
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.conftest import SEED_URL, must_search
from warta.comments.forms import TOKEN_SALT
from warta.comments.models import BlockedTerm, Comment
from warta.comments.templatetags.comments import comment_html

pytestmark = pytest.mark.django_db

READER = {"name": "Rani Pembaca", "email": "rani@pembaca.id", "website": "", "text": "Tulisan yang bagus."}


def token(seconds_ago: float = 10) -> str:
    return signing.dumps(int(time.time() - seconds_ago), salt=TOKEN_SALT)


def post(client: Client, article, seconds_ago: float = 10, ip: str = "203.0.113.7", **fields):
    data = {**READER, "token": token(seconds_ago), "homepage": "", **fields}
    return client.post(f"/komentar/{article.pk}/", data, REMOTE_ADDR=ip, HTTP_ORIGIN="http://testserver")


def form_errors(response) -> list[str]:
    block = re.search(r'<div class="form-errors".*?</ul>', response.content.decode(), re.S)
    return re.findall(r"<li>(.*?)</li>", block.group(0)) if block else []


def textarea(response) -> str:
    return must_search(r"<textarea[^>]*>(.*?)</textarea>", response.content.decode(), re.S).group(1).strip()


# The section under the article ---------------------------------------------------------------


def test_it_shows_the_form_as_on_the_seed_page(client, seed):
    page = client.get(SEED_URL).content.decode()
    assert '<h2 class="respond__title">Tinggalkan Balasan</h2>' in page
    assert "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *" in page
    assert re.search(
        r'<label for="id_text">Komentar <span class="required">\*</span></label><textarea name="text"', page
    )
    assert re.search(
        r'<label for="id_name">Nama <span class="required">\*</span></label><input type="text" name="name"', page
    )
    assert re.search(
        r'<label for="id_email">Email <span class="required">\*</span></label><input type="email" name="email"', page
    )
    assert re.search(r'<label for="id_website">Situs Web</label><input type="url" name="website"', page)
    assert re.search(
        r'<input type="checkbox" name="remember" id="id_remember"> <label for="id_remember">'
        r"Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.</label>",
        page,
    )
    assert '<button type="submit">Kirim Komentar</button>' in page


def test_it_shows_the_approved_thread_with_count_links_and_dates(client, seed):
    page = client.get(SEED_URL).content.decode()
    assert '<h2 id="comments-heading">4 komentar</h2>' in page
    assert '<a href="https://budisantoso.contoh.id" rel="nofollow ugc noopener external">Budi Santoso</a>' in page
    assert ">16 Agustus 2022 11:12 WIB</time>" in page
    # The writer's answer to Budi hangs under Budi's comment.
    budi = must_search(
        r'<li id="komentar-\d+" class="comment">\s*<article class="comment__body">\s*<header class="comment__meta">\s*<h3 class="comment__name"><a href="https://budisantoso.*?</li>\s*</ol>',
        page,
        re.S,
    ).group(0)
    assert '<ol class="children">' in budi and "Betul, Mas Budi." in budi
    assert page.count('class="comment__reply"') == 4


def test_reply_mode_names_the_person_and_offers_to_cancel(client, seed):
    budi = Comment.objects.get(name="Budi Santoso")
    page = client.get(f"{SEED_URL}?balas={budi.pk}").content.decode()
    assert "Tinggalkan Balasan ke Budi Santoso" in page
    assert f'<a rel="nofollow" href="{SEED_URL}#balas">Batalkan balasan</a>' in page
    assert f'name="parent" value="{budi.pk}"' in page


def test_reply_mode_ignores_a_bogus_target(client, seed):
    page = client.get(f"{SEED_URL}?balas=abc").content.decode()
    assert '<h2 class="respond__title">Tinggalkan Balasan</h2>' in page


# Submitting ----------------------------------------------------------------------------------


def test_a_first_comment_waits_and_only_its_author_sees_it(client, seed):
    response = post(client, seed)
    assert response.status_code == 303
    comment = Comment.objects.get(email="rani@pembaca.id")
    assert comment.status == Comment.Status.PENDING
    assert response["Location"] == f"{SEED_URL}#komentar-{comment.pk}"

    own = client.get(SEED_URL)
    assert "Komentar Anda sedang menunggu moderasi." in own.content.decode()
    assert "Tulisan yang bagus." in own.content.decode()
    assert "private" in own["Cache-Control"] and "no-store" in own["Cache-Control"]

    stranger = Client().get(SEED_URL).content.decode()
    assert "Tulisan yang bagus." not in stranger
    assert "4 komentar" in stranger


def test_a_forged_pending_cookie_shows_nothing(client, seed):
    post(client, seed)
    comment = Comment.objects.get(email="rani@pembaca.id")
    other = Client()
    other.cookies["warta_pending"] = f"[{comment.pk}]"
    assert "Tulisan yang bagus." not in other.get(SEED_URL).content.decode()


def test_an_approved_commenter_appears_at_once(client, seed):
    response = post(client, seed, email="BUDI@contoh.id", text="Saya kembali.")
    assert response.status_code == 303
    assert Comment.objects.get(text="Saya kembali.").status == Comment.Status.APPROVED
    assert "Saya kembali." in Client().get(SEED_URL).content.decode()


def test_trusting_approved_commenters_can_be_switched_off(client, seed, settings):
    settings.WARTA_COMMENT_TRUST_APPROVED = False
    post(client, seed, email="budi@contoh.id", text="Saya kembali.")
    assert Comment.objects.get(text="Saya kembali.").status == Comment.Status.PENDING


def test_a_reply_is_threaded(client, seed):
    budi = Comment.objects.get(name="Budi Santoso")
    post(client, seed, parent=budi.pk)
    reply = Comment.objects.get(email="rani@pembaca.id")
    assert (reply.parent, reply.depth) == (budi, 2)


def test_replies_stop_nesting_at_the_deepest_level(client, seed, settings):
    settings.WARTA_COMMENT_MAX_DEPTH = 3
    parent = None
    for depth in range(1, 4):
        parent = Comment.objects.create(
            article=seed,
            parent=parent,
            name=f"L{depth}",
            email="budi@contoh.id",
            text=f"Tingkat {depth}",
            status=Comment.Status.APPROVED,
        )
    assert parent is not None
    page = client.get(SEED_URL).content.decode()
    assert f'href="?balas={parent.pk}#balas"' not in page
    post(client, seed, parent=parent.pk)
    reply = Comment.objects.get(email="rani@pembaca.id")
    assert (reply.parent_id, reply.depth) == (parent.parent_id, 3)


def test_a_reply_to_a_comment_nobody_can_see_is_refused(client, seed):
    hidden = Comment.objects.create(article=seed, name="X", email="x@x.id", text="x", status=Comment.Status.PENDING)
    response = post(client, seed, parent=hidden.pk)
    assert response.status_code == 400
    assert "Komentar yang Anda balas sudah tidak tersedia." in form_errors(response)
    assert textarea(response) == "Tulisan yang bagus."


def test_the_comment_address_opened_again_leads_back_to_the_comments(client, seed, make_article):
    """A refused comment leaves /komentar/N/ in the address bar; a reload must not be a blank 405."""
    response = client.get(f"/komentar/{seed.pk}/")
    assert response.status_code == 302 and response["Location"] == f"{SEED_URL}#komentar"
    draft = make_article(slug="konsep", status="draft")
    assert client.get(f"/komentar/{draft.pk}/").status_code == 404
    assert client.put(f"/komentar/{seed.pk}/").status_code == 405


# Validation: the reader's words come back with what to fix -----------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Komentar wajib diisi."),
        ({"text": "   "}, "Komentar wajib diisi."),
        ({"name": ""}, "Nama wajib diisi."),
        ({"email": ""}, "Email wajib diisi."),
        ({"email": "bukan-email"}, "Masukkan alamat email yang benar, misalnya nama@contoh.id."),
        ({"website": "javascript:alert(1)"}, "Masukkan alamat situs web yang benar, misalnya https://contoh.id."),
        ({"website": "ftp://contoh.id"}, "Masukkan alamat situs web yang benar, misalnya https://contoh.id."),
        ({"website": "bukan-url"}, "Masukkan alamat situs web yang benar, misalnya https://contoh.id."),
        ({"name": "N" * 81}, "Nama terlalu panjang: paling banyak 80 karakter."),
    ],
)
def test_a_bad_field_is_named_in_indonesian_and_nothing_is_lost(client, seed, fields, message):
    data = {"text": "Kata-kata saya yang panjang.", **fields}
    response = post(client, seed, **data)
    assert response.status_code == 400
    assert form_errors(response).count(message) == 1  # said once, whatever refused it
    if data["text"].strip():
        assert textarea(response) == data["text"]
    if fields.get("name", "x") and "name" not in fields:
        assert 'value="Rani Pembaca"' in response.content.decode()
    assert not Comment.objects.filter(email="rani@pembaca.id").exists()


def test_an_over_long_comment_is_refused_with_its_length(client, seed, settings):
    settings.WARTA_COMMENT_MAX_LENGTH = 50
    response = post(client, seed, text="a" * 60)
    assert "Komentar terlalu panjang: paling banyak 50 karakter (saat ini 60)." in form_errors(response)
    assert textarea(response) == "a" * 60


def test_a_duplicate_is_refused_and_stored_once(client, seed):
    assert post(client, seed).status_code == 303
    response = post(client, seed, text="  TULISAN yang   bagus. ")
    assert response.status_code == 400
    assert "Anda sudah mengirim komentar yang sama." in form_errors(response)
    assert Comment.objects.filter(email="rani@pembaca.id").count() == 1


def test_an_expired_or_missing_form_token_keeps_the_text(client, seed):
    for bad in ["", "rusak", signing.dumps(int(time.time()) - 8 * 24 * 3600, salt=TOKEN_SALT)]:
        response = client.post(f"/komentar/{seed.pk}/", {**READER, "token": bad}, HTTP_ORIGIN="http://testserver")
        assert response.status_code == 400
        assert form_errors(response) == [
            "Formulir ini sudah kedaluwarsa. Komentar Anda tetap tersimpan di bawah: silakan kirim lagi."
        ]
        assert textarea(response) == "Tulisan yang bagus."


def test_comments_closed_on_an_article(client, seed):
    seed.comments_open = False
    seed.save()
    page = client.get(SEED_URL).content.decode()
    assert "Komentar ditutup." in page and "Kirim Komentar" not in page
    response = post(client, seed)
    assert response.status_code == 403
    assert "Komentar untuk artikel ini sudah ditutup." in form_errors(response)
    assert not Comment.objects.filter(email="rani@pembaca.id").exists()


def test_comments_close_site_wide_after_n_days(client, seed, settings, make_article):
    settings.WARTA_COMMENT_CLOSE_AFTER_DAYS = 30
    assert post(client, seed).status_code == 403  # 2022 is long ago
    fresh = make_article(slug="baru", published_at=timezone.now() - datetime.timedelta(days=2))
    assert post(client, fresh).status_code == 303


def test_a_comment_on_an_unpublished_article_is_a_404(client, make_article):
    draft = make_article(slug="draf", status="draft")
    assert post(client, draft).status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://penipu.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://penipu.example/halaman"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "http://testserver"},
        # Our host, another scheme: an https site's form posted from a plain http page.
        {"HTTP_ORIGIN": "https://testserver"},
        {"HTTP_REFERER": f"https://testserver{SEED_URL}"},
        {"HTTP_ORIGIN": "http://testserver", "secure": True},
    ],
)
def test_a_form_posted_from_another_site_is_refused(seed, headers):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/komentar/{seed.pk}/", {**READER, "token": token()}, **headers)
    assert response.status_code == 403
    assert not Comment.objects.filter(email="rani@pembaca.id").exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": f"http://testserver{SEED_URL}"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "https://testserver", "secure": True},
    ],
)
def test_a_form_posted_from_our_page_needs_no_token(seed, headers):
    """The page carries no per-reader token, so every reader can be served the same cached page."""
    strict = Client(enforce_csrf_checks=True)
    assert "csrfmiddlewaretoken" not in strict.get(SEED_URL).content.decode()
    response = strict.post(f"/komentar/{seed.pk}/", {**READER, "token": token()}, **headers)
    assert response.status_code == 303


# Spam and abuse ------------------------------------------------------------------------------


def test_the_honeypot_sends_to_spam_without_telling(client, seed):
    response = post(client, seed, homepage="http://spam.example")
    assert response.status_code == 303
    comment = Comment.objects.get(email="rani@pembaca.id")
    assert (comment.status, comment.spam_reason) == (Comment.Status.SPAM, "honeypot")
    assert "Komentar Anda sedang menunggu moderasi." in client.get(SEED_URL).content.decode()


def test_a_form_sent_too_fast_is_spam_but_three_seconds_pass(client, seed):
    post(client, seed, seconds_ago=0, text="Kilat")
    post(client, seed, seconds_ago=3, text="Manusia")
    assert Comment.objects.get(text="Kilat").status == Comment.Status.SPAM
    assert Comment.objects.get(text="Manusia").status == Comment.Status.PENDING


def test_too_many_links_wait_for_moderation_even_from_a_trusted_commenter(client, seed):
    text = "Baca https://a.example, https://b.example dan www.c.example"
    post(client, seed, email="budi@contoh.id", text=text)
    comment = Comment.objects.get(text=text)
    assert (comment.status, comment.spam_reason) == (Comment.Status.PENDING, "too many links")


@pytest.mark.parametrize(
    ("kind", "value", "fields"),
    [
        ("word", "judi online", {"text": "Main JUDI ONLINE di sini"}),
        ("email", "pembaca.id", {}),
        ("email", "rani@pembaca.id", {}),
        ("ip", "203.0.113.7", {}),
    ],
)
def test_the_blocklist_sends_to_spam(client, seed, kind, value, fields):
    BlockedTerm.objects.create(kind=kind, value=value)
    post(client, seed, **fields)
    assert Comment.objects.get(email="rani@pembaca.id").status == Comment.Status.SPAM


@pytest.fixture
def one_window(settings):
    """Rate-limit windows are fixed (warta/lib/ratelimit.py): a burst that crosses a window's end
    gets a fresh allowance. A window of days keeps a test's burst inside one."""
    settings.WARTA_COMMENT_RATE_WINDOW = 10**6


def test_a_burst_from_one_client_is_refused(client, seed, one_window):
    statuses = [post(client, seed, text=f"Banjir {i}").status_code for i in range(30)]
    assert statuses[:5] == [303] * 5
    assert set(statuses[5:]) == {429}
    refused = post(client, seed, text="Satu lagi")
    assert "Anda terlalu sering mengirim komentar. Tunggu sebentar, lalu kirim lagi." in form_errors(refused)
    assert textarea(refused) == "Satu lagi"
    assert Comment.objects.filter(email="rani@pembaca.id").count() == 5


def test_one_email_from_many_addresses_is_limited_too(client, seed, one_window):
    statuses = [post(client, seed, ip=f"198.51.100.{i}", text=f"Dari {i}").status_code for i in range(8)]
    assert statuses == [303] * 5 + [429] * 3


# Text and privacy ----------------------------------------------------------------------------


def test_comment_text_is_plain_text_with_safe_links(client, seed):
    post(client, seed, email="budi@contoh.id", text="Lihat https://kempalan.test/berita <b>tebal</b>\n\nParagraf dua")
    page = client.get(SEED_URL).content.decode()
    assert '<a href="https://kempalan.test/berita" rel="nofollow ugc noopener">https://kempalan.test/berita</a>' in page
    assert "&lt;b&gt;tebal&lt;/b&gt;</p>\n\n<p>Paragraf dua</p>" in page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("A (https://a.test/x). B", '(<a href="https://a.test/x" rel="nofollow ugc noopener">https://a.test/x</a>). B'),
        (
            "(lihat https://a.test/y), lalu",
            '<a href="https://a.test/y" rel="nofollow ugc noopener">https://a.test/y</a>), lalu',
        ),
        ("Baca https://a.test/z.", '<a href="https://a.test/z" rel="nofollow ugc noopener">https://a.test/z</a>.</p>'),
        ("[https://a.test/w]!", '[<a href="https://a.test/w" rel="nofollow ugc noopener">https://a.test/w</a>]!'),
    ],
)
def test_nothing_a_reader_typed_around_a_link_is_lost(text, shown):
    """Django 5.2's urlize dropped the full stop of "(https://…)." (see comments.py)."""
    assert shown in comment_html(text)


XSS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
    "{{ 7|add:7 }}{% debug %}",
    "</textarea><script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", XSS)
@pytest.mark.parametrize("field", ["name", "text", "website"])
def test_no_field_can_inject_html(client, seed, payload, field):
    value = f"https://contoh.id/?q={payload}" if field == "website" else payload
    injected: dict[str, Any] = {field: value}
    response = post(client, seed, email="budi@contoh.id", **injected)
    pages = [response.content.decode(), client.get(SEED_URL).content.decode()]
    Comment.objects.filter(email="budi@contoh.id").update(status=Comment.Status.APPROVED)
    pages.append(Client().get(SEED_URL).content.decode())
    for page in pages:
        finder = InjectionFinder()
        finder.feed(page)
        assert finder.found == []
        assert "{% debug %}" not in page or "{{ 7|add:7 }}" in page  # shown as text, never run


class InjectionFinder(HTMLParser):
    """Collect what a browser would run: event handlers, javascript: links, foreign tags."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"img", "svg"} and any(name.startswith("on") for name, _ in attrs):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")
        attributes = dict(attrs)
        is_data = attributes.get("type") == "application/ld+json"  # JSON-LD: data, never run
        if tag == "script" and not is_data and not (attributes.get("src") or "").startswith("/static/"):
            self.found.append("inline script")


def test_the_email_appears_in_no_response(client, seed):
    email = "rahasia.sekali@pembaca.id"
    responses = [post(client, seed, email=email), post(client, seed, email=email, name="")]
    responses.append(client.get(SEED_URL))
    Comment.objects.filter(email=email).update(status=Comment.Status.APPROVED)
    reply = post(client, seed, email=email, text="Balasan kedua", parent=Comment.objects.get(email=email).pk)
    responses.append(reply)
    for url in [
        SEED_URL,
        "/",
        "/category/internasional/",
        "/tag/putin/",
        "/author/muhamad-nurilham/",
        f"{SEED_URL}?balas=1",
    ]:
        responses.append(client.get(url))
        responses.append(Client().get(url))
    for response in responses:
        body = response.content.decode()
        assert email not in body and "rahasia.sekali" not in body
        assert all(email not in value for value in response.headers.values())


def test_no_avatar_service_is_asked(client, seed):
    page = client.get(SEED_URL).content.decode()
    assert "gravatar" not in page.lower()
    assert not re.search(r'<img[^>]+src="https?://', page)


def test_ip_and_user_agent_are_kept_then_purged(client, seed, settings):
    client.post(
        f"/komentar/{seed.pk}/",
        {**READER, "token": token()},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Peramban/1.0",
        HTTP_ORIGIN="http://testserver",
    )
    comment = Comment.objects.get(email="rani@pembaca.id")
    assert (comment.ip_address, comment.user_agent) == ("203.0.113.9", "Peramban/1.0")
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - datetime.timedelta(days=91))
    recent = Comment.objects.create(
        article=seed, name="B", email="b@b.id", text="baru", ip_address="203.0.113.10", user_agent="UA"
    )
    call_command("purge_comment_metadata", stdout=__import__("io").StringIO())
    comment.refresh_from_db()
    recent.refresh_from_db()
    assert (comment.ip_address, comment.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("203.0.113.10", "UA")


# Editors are told --------------------------------------------------------------------------


def test_moderators_get_an_email_without_the_commenters_address(
    client, seed, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("redaktur", "redaktur@kempalan.test", "rahasia-123")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, seed)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaktur@kempalan.test"]
    assert message.subject == "[Kempalan] Komentar menunggu moderasi: Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    assert "Tulisan yang bagus." in message.body and "/redaksi/comments/comment/" in message.body
    assert "rani@pembaca.id" not in message.body


def test_no_email_for_an_approved_comment(client, seed, django_user_model, django_capture_on_commit_callbacks):
    django_user_model.objects.create_superuser("redaktur", "redaktur@kempalan.test", "rahasia-123")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, seed, email="budi@contoh.id", text="Lagi")
    assert mail.outbox == []


def test_a_reader_cannot_give_a_comment_the_newsroom_mark(client, seed):
    post(client, seed, from_newsroom="on", user="1", text="Saya redaksi, sungguh.")
    comment = Comment.objects.get(email="rani@pembaca.id")
    assert (comment.from_newsroom, comment.user_id) == (False, None)
    assert "comment__badge" not in client.get(SEED_URL).content.decode()


def test_the_moderators_email_says_whom_a_reply_answers(
    client, seed, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("redaktur", "redaktur@kempalan.test", "rahasia-123")
    budi = Comment.objects.get(name="Budi Santoso")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, seed, parent=budi.pk)
    body = mail.outbox[0].body
    assert body.startswith("Balasan untuk Budi Santoso\n")
    assert "rani@pembaca.id" not in body and budi.email not in body
    with django_capture_on_commit_callbacks(execute=True):
        post(client, seed, text="Komentar baru, bukan balasan.")
    assert "Balasan untuk" not in mail.outbox[1].body
