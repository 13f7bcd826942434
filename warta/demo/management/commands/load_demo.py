"""Load the demo content. Safe to run again: it updates what it made and duplicates nothing."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from warta.articles.models import Article, Byline, SourceAttribution
from warta.authors.models import Author
from warta.comments.models import Comment, fingerprint
from warta.demo import live
from warta.pages.models import Page
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag

DEMO_DIR = Path(__file__).resolve().parents[2]


class Command(BaseCommand):
    help = "Load the demo articles, sections, authors and photos (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        content = json.loads((DEMO_DIR / "content.json").read_text(encoding="utf-8"))
        sections = {
            item["slug"]: Section.objects.update_or_create(
                slug=item["slug"],
                defaults={"name": item["name"], "description": item["description"], "position": i},
            )[0]
            for i, item in enumerate(content["sections"])
        }
        authors = {
            item["slug"]: Author.objects.update_or_create(
                slug=item["slug"], defaults={"name": item["name"], "bio": item["bio"]}
            )[0]
            for item in content["authors"]
        }
        photos = {key: self._photo(item) for key, item in content["photos"].items()}
        for item in content["articles"]:
            self._article(item, sections, authors, photos)
        live.load(authors, photos)  # the live report, on one of the articles above
        for item in content["pages"]:
            Page.objects.update_or_create(
                slug=item["slug"],
                defaults={"title": item["title"], "body": item["body"], "position": item["position"]},
            )
        self.stdout.write(f"Demo content ready: {len(content['articles'])} articles.")

    def _photo(self, item: dict) -> Photo:
        name = f"demo/{item['file']}"
        if not default_storage.exists(name):
            with (DEMO_DIR / "photos" / item["file"]).open("rb") as handle:
                name = default_storage.save(name, File(handle))
        photo = Photo.objects.filter(image=name).first() or Photo(image=name)
        photo.caption, photo.credit, photo.alt_text = item["caption"], item["credit"], item["alt"]
        photo.save()  # also makes any missing rendition
        return photo

    def _article(self, item: dict, sections: dict, authors: dict, photos: dict) -> None:
        article, _ = Article.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "headline": item["headline"],
                "dek": item["dek"],
                "body": item["body"],
                "dateline_city": item["dateline"],
                "section": sections[item["section"]],
                "lead_photo": photos[item["photo"]],
                "status": Article.Status.PUBLISHED,
                "published_at": datetime.datetime.fromisoformat(item["published"]),
            },
        )
        article.tags.set(
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in item["tags"]
        )
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=i) for i, slug in enumerate(item["authors"])
        )
        article.sources.all().delete()
        SourceAttribution.objects.bulk_create(
            SourceAttribution(article=article, name=name, position=i) for i, name in enumerate(item["sources"])
        )
        self._comments(article, item.get("comments", []))

    def _comments(self, article: Article, items: list[dict]) -> None:
        """Approved reader comments; "parent" is the index of the comment replied to."""
        made: list[Comment] = []
        for item in items:
            comment, _ = Comment.objects.update_or_create(
                article=article,
                fingerprint=fingerprint(item["email"], item["text"]),
                defaults={
                    "name": item["name"],
                    "email": item["email"],
                    "website": item["website"],
                    "text": item["text"],
                    "status": Comment.Status.APPROVED,
                    "parent": made[item["parent"]] if "parent" in item else None,
                    # The dates of the original thread.
                    "created_at": datetime.datetime.fromisoformat(item["at"]),
                },
            )
            made.append(comment)
