"""Metadata on every article: canonical, description, OpenGraph, Twitter, schema.org NewsArticle."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import SEED_URL, must_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(client, seed) -> str:
    page = client.get(SEED_URL).content.decode()
    return page[: page.index("</head>")]


def meta(head: str, key: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', head)


def test_canonical_and_description(head, seed):
    assert f'<link rel="canonical" href="http://testserver{SEED_URL}">' in head
    assert meta(head, "description") == [seed.dek]


def test_opengraph_and_twitter_cards_show_the_lead_photo(head, seed):
    photo = f"http://testserver{seed.lead_photo.image.url}"
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "og:title") == ["Gawat, Putin-Kim Jong Un makin ‘Nempel’"]
    assert meta(head, "og:url") == [f"http://testserver{SEED_URL}"]
    assert meta(head, "og:site_name") == ["Kempalan"] and meta(head, "og:locale") == ["id_ID"]
    assert meta(head, "og:image") == [photo] and meta(head, "og:image:width") == ["1200"]
    assert meta(head, "article:published_time") == ["2022-08-16T10:00:00+07:00"]
    assert meta(head, "article:section") == ["Internasional"]
    assert sorted(meta(head, "article:tag")) == ["Kim Jong Un", "Korea Utara", "Putin", "Rusia"]
    assert meta(head, "twitter:card") == ["summary_large_image"]
    assert meta(head, "twitter:image") == [photo]


def test_news_article_json_ld(head, seed):
    raw = must_search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1)
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Gawat, Putin-Kim Jong Un makin ‘Nempel’"
    assert data["datePublished"] == "2022-08-16T10:00:00+07:00"
    assert data["dateModified"].endswith("+07:00")
    assert data["author"] == [
        {"@type": "Person", "name": "Muhamad Nurilham", "url": "http://testserver/author/muhamad-nurilham/"}
    ]
    assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Kempalan"
    assert data["publisher"]["logo"]["url"] == "http://testserver/logo.png"
    assert data["image"][0]["creditText"] == "Detik" and data["image"][0]["caption"] == "Putin dan Kim Jong Un"
    assert data["image"][0]["width"] == 1200 and data["image"][0]["height"] == 675
    assert data["articleSection"] == "Internasional"
    assert sorted(data["keywords"]) == ["Kim Jong Un", "Korea Utara", "Putin", "Rusia"]
    assert data["inLanguage"] == "id-ID"
    assert data["mainEntityOfPage"]["@id"] == f"http://testserver{SEED_URL}"


def test_json_ld_cannot_be_broken_out_of(client, seed):
    seed.headline = "</script><script>alert(1)</script> & <b>"
    seed.save()
    page = client.get(SEED_URL).content.decode()
    raw = must_search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(raw)["headline"] == "</script><script>alert(1)</script> & <b>"
    assert "<script>alert(1)" not in page


def test_the_publisher_logo_is_a_png(client, db):
    from io import BytesIO

    from PIL import Image

    response = client.get("/logo.png")
    assert response["Content-Type"] == "image/png"
    assert Image.open(BytesIO(response.content)).size == (600, 60)
