"""The page cache: hits answered before Django, exact purges, HTTP caching done right."""

from __future__ import annotations

import datetime
import gzip
import http.server
import json
import threading
import time
from urllib.parse import urlencode

import brotli
import pytest
from django.core import signing
from django.utils import timezone

from tests import wsgi_client
from tests.conftest import SEED_URL, must_search, permalink
from tests.wsgi_client import get
from warta.articles.models import Article, Byline
from warta.comments.forms import TOKEN_SALT
from warta.comments.models import Comment
from warta.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


LISTINGS = [
    "/",
    "/category/internasional/",
    "/tag/putin/",
    "/author/muhamad-nurilham/",
    "/indeks/",
    "/2022/08/16/",
    "/feed/",
    "/category/internasional/feed/",
    "/sitemap-articles.xml",
]


def warm(*paths: str) -> None:
    for path in paths:
        get(path)
        assert get(path).hit, path


def test_a_second_anonymous_request_is_answered_from_the_cache(seed):
    first, second = get(SEED_URL), get(SEED_URL)
    assert first.status == second.status == 200
    assert not first.hit and second.hit
    assert second.body == first.body
    assert second.headers["Content-Type"] == "text/html; charset=utf-8"
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_query_strings_are_part_of_the_address(seed):
    warm("/indeks/", "/indeks/?page=1")
    assert get("/indeks/?page=99").status == 404


@pytest.mark.parametrize("cookie", ["sessionid=abc", "warta_pending=xyz", "a=1; sessionid=abc"])
def test_staff_and_readers_with_held_comments_bypass_the_cache(seed, cookie):
    warm(SEED_URL)
    assert not get(SEED_URL, cookie=cookie).hit


def test_only_safe_anonymous_pages_are_stored(seed):
    for path in ["/cari/?q=putin", "/redaksi/login/", "/2022/08/16/tidak-ada/"]:
        get(path)
        assert not get(path).hit, path


def test_headers_fit_for_a_cdn(seed, settings):
    settings.WARTA_PURGE_URL = "http://127.0.0.1:9/purge"  # a CDN purged by tag through the hook
    response = get(SEED_URL)
    control = response.headers["Cache-Control"]
    assert "public" in control and "s-maxage=300" in control and "stale-while-revalidate=30" in control
    assert f"article-{seed.pk}" in response.headers["Surrogate-Key"].split()
    assert "site" in response.headers["Cache-Tag"].split(",")
    assert response.headers["ETag"].startswith('"') and response.headers["Last-Modified"].endswith("GMT")


def test_without_a_cdn_hook_pages_carry_no_purge_tags(seed):
    response = get(SEED_URL)
    assert "Surrogate-Key" not in response.headers and "Cache-Tag" not in response.headers
    assert response.headers["ETag"].startswith('"') and "s-maxage=300" in response.headers["Cache-Control"]


def test_pages_that_are_not_cached_say_so(seed):
    assert "private" in get("/cari/?q=putin").headers["Cache-Control"]


def test_conditional_requests_get_304(seed):
    first = get(SEED_URL)
    again = get(SEED_URL, if_none_match=first.headers["ETag"])
    assert again.status == 304 and again.body == b""
    assert get(SEED_URL, if_modified_since=first.headers["Last-Modified"]).status == 304
    assert get(SEED_URL, if_none_match='"lain"').status == 200


@pytest.mark.parametrize(("accept", "decode"), [("br", brotli.decompress), ("gzip, deflate", gzip.decompress)])
def test_hits_are_compressed(seed, accept, decode):
    plain = get(SEED_URL).body
    response = get(SEED_URL, accept_encoding=accept)
    assert response.hit and response.headers["Content-Encoding"] == accept.split(",")[0]
    assert decode(response.body) == plain and len(response.body) < len(plain) / 2
    assert response.headers["Vary"] == "Accept-Encoding"


def test_misses_are_gzipped_too(seed):
    response = get("/cari/?q=putin", accept_encoding="gzip")
    assert response.headers.get("Content-Encoding") == "gzip"


def test_head_requests_get_headers_only(seed):
    warm(SEED_URL)
    response = wsgi_client.request(application, SEED_URL, method="HEAD")
    assert response.hit and response.body == b"" and int(response.headers["Content-Length"]) > 1000


# Never a stale page ----------------------------------------------------------------------------


def test_publishing_shows_on_every_list_at_once(seed, make_article, committed):
    warm(*LISTINGS)
    article = make_article(
        slug="baru-terbit",
        status=Article.Status.DRAFT,
        headline="Baru terbit",
        published_at=datetime.datetime(2022, 8, 16, 12, tzinfo=datetime.UTC),
    )
    article.tags.add(seed.tags.get(name="Putin"))
    Byline.objects.create(article=article, author=seed.byline_authors[0])

    def publish():
        article.status = Article.Status.PUBLISHED
        article.save()

    committed(publish)
    for path in LISTINGS:
        response = get(path)
        assert not response.hit and "baru-terbit" in response.text, path


def test_editing_shows_on_the_article_and_every_list(seed, committed):
    warm(SEED_URL, *LISTINGS)

    def edit():
        seed.headline = "Judul yang disunting"
        seed.save()

    committed(edit)
    for path in [SEED_URL, *LISTINGS]:
        if "sitemap" not in path:  # sitemaps carry no headlines
            assert "Judul yang disunting" in get(path).text, path


def test_unpublishing_removes_it_everywhere(seed, committed):
    warm(SEED_URL, *LISTINGS)

    def unpublish():
        seed.status = Article.Status.UNPUBLISHED
        seed.save()

    committed(unpublish)
    assert get(SEED_URL).status == 404
    for path in LISTINGS:
        assert "gawat-putin-kim-jong-un-makin-nempel" not in get(path).text, path


def test_an_approved_comment_shows_at_once_and_only_purges_its_article(seed, committed):
    other = "/kontak/"  # (other articles may list the seed among their related stories)
    warm(SEED_URL, other, "/")
    comment = Comment.objects.create(
        article=seed, name="Ani", email="ani@pembaca.id", text="Komentar baru disetujui", status="pending"
    )

    def approve():
        comment.status = Comment.Status.APPROVED
        comment.save()

    committed(approve)
    assert "Komentar baru disetujui" in get(SEED_URL).text
    assert get(other).hit and get("/").hit  # untouched pages stay cached


def test_renaming_a_section_shows_on_every_page(seed, committed):
    warm(SEED_URL, "/", "/category/internasional/", "/kontak/")

    def rename():
        seed.section.name = "Mancanegara"
        seed.section.save()

    committed(rename)
    for path in [SEED_URL, "/", "/category/internasional/", "/kontak/"]:
        assert ">Mancanegara</a>" in get(path).text, path


def test_a_related_article_that_changes_refreshes_the_page_listing_it(seed, committed):
    article = Article.objects.get(slug="arus-kendaraan-di-suramadu-naik-jelang-libur-panjang")
    warm(permalink(article))
    related = Article.objects.related_to(article)[0]

    def retitle():
        related.headline = "Judul terkait baru"
        related.save()

    committed(retitle)
    assert "Judul terkait baru" in get(permalink(article)).text


def test_an_article_whose_time_comes_appears_without_any_save(seed, make_article):
    make_article(slug="terjadwal", published_at=timezone.now() + datetime.timedelta(seconds=2))
    response = get("/")
    s_maxage = int(must_search(r"s-maxage=(\d+)", response.headers["Cache-Control"]).group(1))
    assert 1 <= s_maxage <= 2  # no listing is kept past the moment it appears
    time.sleep(2.2)
    assert "terjadwal" in get("/").text


# The comment form keeps working on cached pages ------------------------------------------------


def test_a_reader_comments_from_a_cached_page(seed):
    warm(SEED_URL)
    page = get(SEED_URL)
    assert page.hit and "csrfmiddlewaretoken" not in page.text
    form_token = must_search(r'name="token" value="([^"]+)"', page.text).group(1)
    assert signing.loads(form_token, salt=TOKEN_SALT)  # the token in the cached page is valid
    body = urlencode(
        {
            "text": "Dari halaman tersimpan",
            "name": "Ani",
            "email": "ani@pembaca.id",
            "token": signing.dumps(int(time.time()) - 10, salt=TOKEN_SALT),
        }
    ).encode()
    sent = wsgi_client.request(
        application, f"/komentar/{seed.pk}/", method="POST", body=body, origin="http://testserver"
    )
    assert sent.status == 303 and "warta_pending=" in sent.headers.get("Set-Cookie", "")
    assert Comment.objects.filter(text="Dari halaman tersimpan").exists()


# The CDN purge hook ----------------------------------------------------------------------------


def test_changes_are_posted_to_the_purge_hook(seed, settings, committed):
    received: list[dict] = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.handle_request, daemon=True).start()
    settings.WARTA_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"

    def edit():
        seed.dek = "Dek baru"
        seed.save()

    committed(edit)
    deadline = time.monotonic() + 5
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)
    server.server_close()
    assert received == [{"keys": [f"article-{seed.pk}", "articles"]}]


# Static files ----------------------------------------------------------------------------------


def test_static_files_are_served_compressed_with_long_max_age(settings, tmp_path, db):
    from django.core.management import call_command

    from warta.caching.wsgi import CachedPages

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]["warta/site.css"]
    app = CachedPages(lambda environ, start: (start("404 Not Found", []), [b""])[1])
    response = wsgi_client.request(app, f"/static/{hashed}", accept_encoding="br")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Type"] == "text/css; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert brotli.decompress(response.body) == (tmp_path / hashed).read_bytes()
    assert wsgi_client.request(app, "/static/../secret_key").status == 404


# Addresses: scheme, and only the query parameters a view reads ----------------------------------


def test_query_parameters_the_view_ignores_share_the_page(seed):
    warm(SEED_URL)
    for query in ("?cb=1", "?cb=2&utm_source=wa", "?fbclid=abc"):
        response = get(SEED_URL + query)
        assert response.hit and response.status == 200, query


def test_a_page_rendered_for_an_address_with_unknown_parameters_is_still_the_shared_one(seed):
    """The first reader after a purge often comes with ?utm_source= or ?fbclid=: the page rendered
    for them is stored as the article's one entry, and the parameter is not taken for one the view
    reads (every later ?cb=N would be an entry of its own, a stranger's way to fill the cache)."""
    from warta.caching import store

    assert not get(SEED_URL + "?utm_source=wa&junk=1").hit  # rendered, with parameters present
    for query in ("", "?junk=2", "?utm_source=fb", "?fbclid=x&cb=3"):
        assert get(SEED_URL + query).hit, query
    assert [address[3] for address in store.local.pages if address[2] == SEED_URL] == [""]


def test_query_parameters_the_view_reads_get_their_own_entry(seed, make_article):
    for n in range(21):  # a second page of the index
        make_article(slug=f"isi-indeks-{n}", headline=f"Isi indeks {n}")
    warm("/indeks/", "/indeks/?page=2")
    assert get("/indeks/?page=2").body != get("/indeks/").body
    assert get("/indeks/?page=2&cb=9").hit  # page read, cb not
    assert get("/indeks/?page=1").body != get("/indeks/?page=2").body


def test_a_reply_link_is_not_served_the_plain_page(seed):
    """The article reads ?balas= (the comment it answers): that one is a different page."""
    warm(SEED_URL)
    assert not get(SEED_URL + "?balas=1").hit


def test_crawlers_cannot_fill_the_cache_with_variants_of_one_path(seed, monkeypatch):
    from warta.caching import store

    monkeypatch.setattr(store, "VARIANTS_PER_PATH", 3)
    for n in range(1, 6):
        get(f"{SEED_URL}?balas={n}")
    kept = [address for address in store.local.pages if address[2] == SEED_URL and address[3]]
    assert len(kept) == 3
    assert get(f"{SEED_URL}?balas=5").status == 200  # beyond the bound: rendered, not kept


def test_the_scheme_is_part_of_the_address(seed, settings):
    from warta.caching.wsgi import CachedPages
    from warta.wsgi import django_application

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    app = CachedPages(django_application)

    def fetch(proto: str) -> wsgi_client.Response:
        return wsgi_client.request(app, SEED_URL, x_forwarded_proto=proto)

    fetch("https")
    secure = fetch("https")
    assert secure.hit and f'href="https://testserver{SEED_URL}"' in secure.text
    plain = fetch("http")
    assert not plain.hit and f'href="http://testserver{SEED_URL}"' in plain.text


# A purge in a busy minute: one render, the others get the stale copy --------------------------


def _address(path: str) -> tuple[str, str, str, str]:
    return ("http", "testserver", path, "")


def test_while_one_request_renders_a_purged_page_the_others_get_the_stale_copy(seed, committed):
    from warta.caching import store
    from warta.caching.wsgi import CachedPages
    from warta.wsgi import django_application

    renders = []

    def counting(environ, start_response):
        renders.append(environ["PATH_INFO"])
        return django_application(environ, start_response)

    app = CachedPages(counting)
    wsgi_client.request(app, SEED_URL)
    old = wsgi_client.request(app, SEED_URL)
    assert old.hit

    def edit():
        seed.headline = "Judul sesudah pembersihan"
        seed.save()

    committed(edit)
    assert store.claim(_address(SEED_URL))  # as if another request were rendering it right now
    renders.clear()
    waiting = [wsgi_client.request(app, SEED_URL) for _ in range(20)]
    assert renders == []  # nobody queued behind the render
    assert {r.headers["X-Warta-Cache"] for r in waiting} == {"stale"} and waiting[0].body == old.body
    store.release(_address(SEED_URL))

    fresh = wsgi_client.request(app, SEED_URL)
    assert renders == [SEED_URL] and "Judul sesudah pembersihan" in fresh.text
    assert wsgi_client.request(app, SEED_URL).hit


def test_a_page_that_is_gone_is_not_served_stale(seed, committed):
    warm(SEED_URL)

    def unpublish():
        seed.status = Article.Status.UNPUBLISHED
        seed.save()

    committed(unpublish)
    assert get(SEED_URL).status == 404  # this request rendered it: the stale copy is dropped
    from warta.caching import store

    assert store.local.get(_address(SEED_URL)) is None
    assert store.claim(_address(SEED_URL))  # even while another render runs, no stale copy answers
    try:
        assert get(SEED_URL).status == 404
    finally:
        store.release(_address(SEED_URL))


# Layering -------------------------------------------------------------------------------------


def test_the_cache_imports_none_of_the_apps_it_serves():
    import pathlib
    import re

    import warta.caching

    for module in pathlib.Path(warta.caching.__file__).parent.glob("*.py"):
        imported = re.findall(r"^\s*(?:from|import) (warta\.\w+)", module.read_text(), re.M)
        assert set(imported) <= {"warta.caching", "warta.lib"}, module.name


# Fragments: kept under the same keys, so a purged page is put together, not rendered from nothing


def test_a_fragment_is_rendered_once_until_its_keys_change(seed, committed):
    from django.template import Context, Template
    from django.test import RequestFactory

    renders = []

    class Counted:
        def __str__(self) -> str:
            renders.append(1)
            return seed.headline

    template = Template(
        '{% load fragments %}{% fragment "card" article.pk shows article.pk|article_key %}'
        "<h2>{{ counted }}</h2>{% endfragment %}"
    )

    def page() -> tuple[str, dict[str, int]]:
        request = RequestFactory().get("/")
        html = template.render(Context({"article": seed, "counted": Counted(), "request": request}))
        return html, request.__dict__["surrogate_generations"]

    first, tagged = page()
    again, tagged_again = page()
    assert first == again == f"<h2>{seed.headline}</h2>" and len(renders) == 1
    assert list(tagged) == list(tagged_again) == [f"article-{seed.pk}"]  # the page shows what the fragment shows

    def edit():
        seed.headline = "Judul kartu baru"
        seed.save()

    committed(edit)
    assert page()[0] == "<h2>Judul kartu baru</h2>" and len(renders) == 2


def test_fragment_syntax_errors_are_named():
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="shows"):
        Template('{% load fragments %}{% fragment "card" %}x{% endfragment %}')


def test_a_page_purged_by_a_comment_is_put_together_from_its_fragments(seed, committed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm(SEED_URL)
    before = get(SEED_URL).text
    committed(
        lambda: Comment.objects.create(
            article=seed, name="Wati", email="wati@contoh.id", text="Komentar baru.", status=Comment.Status.APPROVED
        )
    )
    with CaptureQueriesContext(connection) as queries:
        rebuilt = get(SEED_URL)
    assert not rebuilt.hit and "Komentar baru." in rebuilt.text and "wati@contoh.id" not in rebuilt.text
    # The thread only: the article's row and when the next scheduled article is due (asked when
    # storing the page) are kept in the process, the story, its metadata, the related list and
    # the navigation come from their fragments.
    tables = [q["sql"].split('FROM "')[1].split('"')[0] for q in queries.captured_queries]
    assert tables == ["comments_comment"], tables
    story = before.split('<article class="story"')[1].split('<section id="komentar"')[0]
    assert story in rebuilt.text


def test_a_fragment_shows_what_its_page_read_for_it(seed, committed):
    """The related list is read once for the metadata and the story: each keeps its keys."""
    article = Article.objects.get(slug="arus-kendaraan-di-suramadu-naik-jelang-libur-panjang")
    related = Article.objects.related_to(article)[0]
    warm(permalink(article))
    # A comment: the page is put together again from the fragments, and kept.
    committed(lambda: Comment.objects.create(article=article, name="A", email="a@b.id", text="x", status="approved"))
    warm(permalink(article))

    def retitle():
        related.headline = "Judul terkait berganti"
        related.save()

    committed(retitle)
    assert "Judul terkait berganti" in get(permalink(article)).text


def test_a_preview_neither_uses_nor_keeps_fragments(seed, committed, django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    warm(SEED_URL)
    editor = django_user_model.objects.create_user("redaktur", "r@kempalan.test", "rahasia-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client = Client()
    client.force_login(editor)
    Article.objects.filter(pk=seed.pk).update(headline="Judul draf belum terbit")  # not committed: no purge
    preview = client.get(f"/redaksi/articles/article/{seed.pk}/preview/").content.decode()
    assert "Judul draf belum terbit" in preview
    committed(lambda: Comment.objects.create(article=seed, name="B", email="b@c.id", text="y", status="approved"))
    assert "Judul draf belum terbit" not in get(SEED_URL).text.split('<section id="komentar"')[0].split("<main")[1]


def test_a_reply_page_is_purged_by_a_new_comment(seed, committed):
    parent = Comment.objects.create(article=seed, name="C", email="c@d.id", text="Induk.", status="approved")
    reply = f"{SEED_URL}?balas={parent.pk}"
    warm(reply)
    committed(lambda: Comment.objects.create(article=seed, name="D", email="d@e.id", text="Baru.", status="approved"))
    assert "Baru." in get(reply).text


def test_a_list_purged_by_a_publication_keeps_the_other_cards(seed, make_article, committed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    warm("/")
    committed(
        lambda: make_article(headline="Berita paling baru", slug="berita-paling-baru", published_at=timezone.now())
    )
    with CaptureQueriesContext(connection) as queries:
        home = get("/")
    assert not home.hit and "Berita paling baru" in home.text and seed.headline in home.text
    # The new story's card is rendered (its row, section and photo loaded); every other card is
    # kept, so no photo's renditions are read.
    assert not any("photos_rendition" in q["sql"] for q in queries.captured_queries)
    # A card's row is loaded with its dek and photo (for_listing()), the lists' rows without.
    loaded = [q["sql"] for q in queries.captured_queries if '"articles_article"."dek"' in q["sql"]]
    assert len(loaded) == 1 and "IN (" in loaded[0] and '"articles_article"."body"' not in loaded[0]


def test_an_edited_headline_reaches_its_card_on_every_list(seed, committed):
    lists = ["/", "/category/internasional/", "/tag/putin/", "/indeks/"]
    warm(*lists)

    def edit():
        seed.headline = "Judul kartu yang diperbarui"
        seed.save()

    committed(edit)
    for path in lists:
        assert "Judul kartu yang diperbarui" in get(path).text, path


def test_a_fragment_lives_no_longer_than_a_page_so_a_scheduled_story_reaches_it(seed, make_article):
    """Not everything a fragment shows has a key: an article whose time comes is saved by nobody."""
    due = timezone.now() + datetime.timedelta(seconds=2)
    scheduled = make_article(headline="Artikel terjadwal muncul", slug="artikel-terjadwal", published_at=due)
    scheduled.tags.set(seed.tags.all())
    assert "Artikel terjadwal muncul" not in get(SEED_URL).text
    time.sleep(2.5)
    again = get(SEED_URL)
    assert not again.hit and "Artikel terjadwal muncul" in again.text  # in the story's related list


def test_a_follow_up_reaches_the_original_story_within_the_page_lifetime(make_article, committed, settings):
    settings.WARTA_PAGE_CACHE_SECONDS = 1
    original = Article.objects.get(slug="arus-kendaraan-di-suramadu-naik-jelang-libur-panjang")
    Article.objects.filter(pk=original.pk).update(needs_verification=True)
    assert "Tindak lanjut terverifikasi" not in get(permalink(original)).text
    committed(
        lambda: make_article(
            headline="Tindak lanjut terverifikasi", slug="tindak-lanjut", published_at=timezone.now(), verifies=original
        )
    )
    time.sleep(1.5)
    assert "Tindak lanjut terverifikasi" in get(permalink(original)).text


def test_an_edit_landing_while_the_story_renders_leaves_its_fragment_stale(seed, committed, monkeypatch):
    from warta.articles import views

    render_article = views.render_article
    edited: list[bool] = []

    def edit(pk: int) -> None:
        fresh = Article.objects.get(pk=pk)
        fresh.headline = "Judul sesudah suntingan"
        fresh.save()

    def edit_meanwhile(request, article, *args, **kwargs):
        if not edited:  # the row is read; an editor's save commits before the story is rendered
            edited.append(True)
            committed(lambda: edit(article.pk))
        return render_article(request, article, *args, **kwargs)

    monkeypatch.setattr(views, "render_article", edit_meanwhile)
    get(SEED_URL)
    assert "Judul sesudah suntingan" in get(SEED_URL).text.split("<main")[1]


def test_cards_ask_for_live_reports_once_a_page_even_with_the_cache_down(seed, settings, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len([q for q in queries.captured_queries if "live_livereport" in q["sql"]]) <= 1


def test_nested_fragments_record_their_keys_in_the_right_place(rf):
    from django.template import Context, Template

    from warta.caching import fragments

    request = rf.get("/")
    Template(
        '{% load fragments %}{% fragment "outer" shows "site" %}'
        '{% fragment "inner" shows "site" %}x{% endfragment %}'
        '{% fragment "inner2" shows "article-1" %}y{% endfragment %}{% endfragment %}'
    ).render(Context({"request": request}))
    kept = {name.rsplit("\n", 1)[1]: fragment for name, (fragment, _) in fragments.local.items.items()}
    assert "article-1" in kept["outer"].generations and "article-1" not in kept["inner"].generations


def test_a_process_holds_fragments_up_to_a_total_length_oldest_out_first():
    from warta.caching.fragments import Fragment, LocalFragments

    held = LocalFragments(100)
    for name in ("a", "b", "c"):
        held.put(name, Fragment(content=name * 40, generations={}))
    assert list(held.items) == ["b", "c"] and held.held == 80
    held.put("b", Fragment(content="b" * 10, generations={}))  # replaced, not counted twice
    assert list(held.items) == ["c", "b"] and held.held == 50
