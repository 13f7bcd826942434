"""Static pages: masthead, contact and Pedoman Media Siber, linked from every footer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from warta.pages.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title"),
    [("/susunan-redaksi/", "Redaksi"), ("/kontak/", "Kontak"), ("/pedoman-media-siber/", "Pedoman Media Siber")],
)
def test_the_demo_pages_answer_at_their_address(client, seed, url, title):
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and f'<h1 class="story__headline">{title}</h1>' in page


def test_the_masthead_page_leaves_redaksi_to_the_back_office(client, seed):
    # /redaksi/ is the newsroom's back office; the masthead page lives at /susunan-redaksi/.
    assert client.get("/redaksi/")["Location"].startswith("/redaksi/login/")


def test_the_footer_links_the_pages(client, seed):
    page = client.get("/").content.decode()
    footer = page[page.index('<footer class="colophon">') :]
    assert '<a href="/kontak/">Kontak</a>' in footer
    assert '<a href="/pedoman-media-siber/">Pedoman Media Siber</a>' in footer


def test_page_text_is_sanitised(client, seed):
    page = Page.objects.create(
        title="Uji", slug="uji", body='<p onclick="x()">Halo</p><script>alert(1)</script><iframe src="//x"></iframe>'
    )
    assert page.body == "<p>Halo</p>"


def test_addresses_the_site_uses_are_refused(db):
    for slug in ["redaksi", "cari", "category", "feed", "2022"]:
        with pytest.raises(ValidationError):
            Page(title="X", slug=slug, body="x").full_clean()


def test_an_unknown_page_is_a_404(client, seed):
    assert client.get("/tidak-ada-halaman/").status_code == 404
