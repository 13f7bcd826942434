"""Import a WordPress export into Warta: authors, sections, tags, photos, articles, pages, comments.

Two streaming passes over the file: the first reads authors, terms and attachments (small
records), the second imports posts and pages one at a time, each with its comments in one
transaction. Every imported object is recorded in Imported with a digest of its source, so a
second run skips what did not change, updates what did, and never duplicates anything.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from warta.articles.models import Article, Byline, SourceAttribution
from warta.authors.models import Author
from warta.comments.models import Comment
from warta.importers import wxr
from warta.importers.models import Imported
from warta.importers.wordpress_html import convert, split_credit
from warta.newsroom import workflow
from warta.pages.models import RESERVED_SLUGS, Page
from warta.photos.models import Photo
from warta.taxonomy.models import Section, Tag

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.IN_REVIEW,
    "private": Article.Status.UNPUBLISHED,  # readers never saw it; editors still can
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'’]{1,40})-([A-Z][A-Z0-9 .]{1,40}):\s*")
ATTRIBUTION = re.compile(r"^\(([^()]{2,200})\)$")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
NO_DATE = "0000-00-00 00:00:00"


class ItemFailed(Exception):
    """One item cannot be imported; the reason is shown with the item's name."""


@dataclass
class Report:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    fatal: str = ""

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    @property
    def ok(self) -> bool:
        return not self.failures and not self.fatal


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def parse_date(local: str, gmt: str) -> datetime.datetime:
    """post_date_gmt when WordPress wrote one, else post_date in the site's time zone."""
    try:
        if gmt and gmt != NO_DATE:
            return datetime.datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.UTC)
        moment = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise ItemFailed(f"its date “{gmt or local}” cannot be read") from None
    return moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


class WordPressImport:
    def __init__(
        self,
        path: str,
        uploads_dir: str | None = None,
        dry_run: bool = False,
        progress: Callable[[str, int | None], None] | None = None,
    ) -> None:
        self.path, self.dry_run = path, dry_run
        self.uploads = Path(uploads_dir) if uploads_dir else None
        self.progress: Callable[[str, int | None], None] = progress or (lambda label, total: None)
        self.report = Report()
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, Section] = {}
        self.attachments: dict[int, wxr.Item] = {}
        self.photos: dict[int, int] = {}
        self.photos_by_url: dict[str, int] = {}

    # The run ----------------------------------------------------------------------------------

    def run(self) -> Report:
        if not self.dry_run:
            self._run()  # each item commits on its own: an interruption loses nothing done
            return self.report
        with transaction.atomic():
            self._run()
            transaction.set_rollback(True)
        return self.report

    def _records(self):
        """Read the file; a broken file ends the stream and is reported, what came before stays."""
        try:
            yield from wxr.read(self.path)
        except wxr.WXRError as exc:
            self.report.fatal = str(exc)

    def _run(self) -> None:
        authors, terms, items = [], [], 0
        for record in self._records():
            if isinstance(record, wxr.Author):
                authors.append(record)
            elif isinstance(record, wxr.Term):
                terms.append(record)
            elif record.type == "attachment":
                record.content = ""  # the body of an attachment is never used
                self.attachments[record.id] = record
            elif record.type in {"post", "page"}:
                items += 1
        for author in authors:
            self._author(author)
        self._terms(terms)
        self.progress("photos", len(self.attachments))
        for attachment in self.attachments.values():
            self._guard("photo", attachment, self._attachment)
        self.progress("articles", items)
        for record in self._records():
            if isinstance(record, wxr.Item) and record.type in {"post", "page"}:
                kind = "article" if record.type == "post" else "page"
                self._guard(kind, record, self._post if kind == "article" else self._page)

    def _guard(self, kind: str, item: wxr.Item, action) -> None:
        """Import one item in its own transaction; a failure names the item and rolls it back."""
        try:
            with transaction.atomic():
                self.report.count(kind, action(item))
        except ItemFailed as exc:
            self.report.count(kind, "failed")
            self.report.failures.append(f"{kind} {item.id} “{item.title}”: {exc}")
        finally:
            self.progress("photo" if kind == "photo" else "advance", None)

    # Authors, sections, tags --------------------------------------------------------------------

    def _author(self, record: wxr.Author) -> None:
        if not record.login:
            self.report.warnings.append("an author without a login name was left out")
            return
        slug = slugify(record.login) or f"penulis-{len(self.authors) + 1}"
        author, created = Author.objects.get_or_create(slug=slug, defaults={"name": record.display_name})
        if author.user_id is None:
            # A staff account to claim later; inactive, so it cannot log in until an admin says so.
            user, _ = get_user_model().objects.get_or_create(
                username=record.login[:150],
                defaults={"email": record.email, "is_active": False, "is_staff": True},
            )
            author.user = user
            author.save(update_fields=["user"])
        self.authors[record.login] = author
        self.report.count("author", "imported" if created else "skipped")

    def _terms(self, terms: list[wxr.Term]) -> None:
        categories = [t for t in terms if t.kind == "category" and t.slug]
        for term in categories:
            section, created = Section.objects.get_or_create(
                slug=term.slug[:80], defaults={"name": term.name[:80], "description": term.description}
            )
            self.sections[term.slug] = section
            self.report.count("section", "imported" if created else "skipped")
        for term in categories:  # parents may come after their children in the file
            parent = self.sections.get(term.parent)
            section = self.sections[term.slug]
            if parent and section.parent_id != parent.pk:
                section.parent = parent
                section.save(update_fields=["parent"])
        for term in terms:
            if term.kind == "tag" and term.slug:
                _, created = Tag.objects.get_or_create(slug=term.slug[:80], defaults={"name": term.name[:80]})
                self.report.count("tag", "imported" if created else "skipped")

    # Photos -------------------------------------------------------------------------------------

    def _attachment(self, item: wxr.Item) -> str:
        relative = item.meta.get("_wp_attached_file", "")
        if Path(relative).suffix.lower() not in IMAGE_SUFFIXES:
            return "skipped"
        caption, credit = split_credit(item.excerpt)
        digest = _digest(item.attachment_url, item.excerpt, item.meta.get("_wp_attachment_image_alt"))
        known = Imported.objects.filter(kind=Imported.Kind.ATTACHMENT, source_id=item.id).first()
        if known and known.digest == digest and Photo.objects.filter(pk=known.object_id).exists():
            self._remember_photo(item, known.object_id)
            return "skipped"
        photo = Photo.objects.filter(pk=known.object_id).first() if known else None
        photo = photo or Photo()
        photo.caption, photo.credit = caption[:300], credit[:120]
        photo.alt_text = (item.meta.get("_wp_attachment_image_alt") or caption or item.title)[:300]
        source = self.uploads / relative if self.uploads and relative else None
        if not photo.image and source and source.is_file() and not self.dry_run:
            with source.open("rb") as handle:
                name = default_storage.save(f"photos/wordpress/{relative}", handle)
            photo.image = name  # through the field, so width and height are read from the file
        elif not photo.image:
            photo.source_url = item.attachment_url[:500]
            if not (source and source.is_file()):
                self.report.warnings.append(
                    f"photo {item.id} “{item.title}”: no file in the uploads folder; "
                    f"kept its address {item.attachment_url}"
                )
        photo.save()
        Imported.objects.update_or_create(
            kind=Imported.Kind.ATTACHMENT, source_id=item.id, defaults={"object_id": photo.pk, "digest": digest}
        )
        self._remember_photo(item, photo.pk)
        return "updated" if known else "imported"

    def _remember_photo(self, item: wxr.Item, photo_id: int) -> None:
        self.photos[item.id] = photo_id
        path = urlsplit(item.attachment_url).path
        self.photos_by_url[path.rsplit(".", 1)[0]] = photo_id

    def _photo_for(self, attachment_id: int | None, src: str) -> int | None:
        if attachment_id and attachment_id in self.photos:
            return self.photos[attachment_id]
        # A resized copy: /uploads/2021/04/name-1024x576.jpg is the photo /uploads/2021/04/name.jpg
        stem = re.sub(r"-\d+x\d+$", "", urlsplit(src).path.rsplit(".", 1)[0])
        return self.photos_by_url.get(stem)

    # Articles -----------------------------------------------------------------------------------

    def _post(self, item: wxr.Item) -> str:
        if item.status not in STATUSES:
            return "skipped"  # trash, auto-draft: not content anyone wants back
        digest = _digest(
            item.title,
            item.content,
            item.excerpt,
            item.date,
            item.date_gmt,
            item.slug,
            item.status,
            item.categories,
            item.tags,
            item.meta.get("_thumbnail_id"),
            item.creator,
            [(c.id, c.approved, c.content) for c in item.comments],
        )
        known = Imported.objects.filter(kind=Imported.Kind.POST, source_id=item.id).first()
        if known and known.digest == digest and Article.objects.filter(pk=known.object_id).exists():
            return "skipped"
        author = self.authors.get(item.creator)
        if author is None:
            raise ItemFailed(f"its author “{item.creator}” is not among the export's authors")
        published_at = parse_date(item.date, item.date_gmt)
        converted = convert(item.content, self._photo_for)
        for name in converted.unknown_shortcodes:
            self.report.warnings.append(f"article {item.id} “{item.title}”: shortcode [{name}] kept as text")
        for src in converted.missing_images:
            self.report.warnings.append(
                f"article {item.id} “{item.title}”: image {src} not found among the attachments"
            )
        blocks, dateline = self._dateline(converted.blocks)
        blocks, sources = self._attribution(blocks, author)
        if not blocks:
            raise ItemFailed("its body is empty")
        article = Article.objects.filter(pk=known.object_id).first() if known else None
        article = article or Article()
        article.headline = item.title[:200] or f"(tanpa judul {item.id})"
        article.slug = self._slug(item, article)
        article.dek = " ".join(item.excerpt.split())
        article.body = blocks
        article.dateline_city = dateline
        article.section = self._section(item)
        article.lead_photo_id = self.photos.get(int(item.meta.get("_thumbnail_id") or 0))
        article.published_at = published_at
        article.comments_open = True
        workflow.place_imported(article, STATUSES[item.status])  # saves; a `future` post is queued
        article.tags.set(
            Tag.objects.get_or_create(slug=slug[:80] or slugify(name), defaults={"name": name[:80]})[0]
            for slug, name in item.tags
        )
        article.bylines.all().delete()
        Byline.objects.create(article=article, author=author, position=0)
        article.sources.all().delete()
        SourceAttribution.objects.bulk_create(
            SourceAttribution(article=article, name=name[:120], position=i) for i, name in enumerate(sources)
        )
        self._comments(item, article)
        Imported.objects.update_or_create(
            kind=Imported.Kind.POST, source_id=item.id, defaults={"object_id": article.pk, "digest": digest}
        )
        return "updated" if known else "imported"

    def _slug(self, item: wxr.Item, article: Article) -> str:
        slug = slugify(unquote(item.slug)) or slugify(item.title) or f"artikel-{item.id}"
        slug = slug[:200]
        if Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
            self.report.warnings.append(
                f"article {item.id} “{item.title}”: address {slug} was taken, used {slug}-{item.id}"
            )
            slug = f"{slug[:190]}-{item.id}"
        return slug

    def _section(self, item: wxr.Item) -> Section:
        for slug, _name in item.categories:
            if slug in self.sections:
                return self.sections[slug]
        for slug, name in item.categories:  # a category missing from the export's list
            section, _ = Section.objects.get_or_create(slug=slugify(slug)[:80] or "umum", defaults={"name": name[:80]})
            return section
        return Section.objects.get_or_create(slug="uncategorized", defaults={"name": "Uncategorized"})[0]

    @staticmethod
    def _dateline(blocks: list[dict]) -> tuple[list[dict], str]:
        """MOSKOW-KEMPALAN: opening the first paragraph becomes the dateline city Moskow."""
        for block in blocks:
            if block["type"] == "paragraph":
                found = DATELINE.match(block["text"])
                if found:
                    block["text"] = block["text"][found.end() :]
                    return blocks, found.group(1).strip().title()
                break
        return blocks, ""

    @staticmethod
    def _attribution(blocks: list[dict], author: Author) -> tuple[list[dict], list[str]]:
        """A closing “(Aljazeera, Muhamad Nurilham)” becomes the sources; the writer is the byline."""
        while blocks and blocks[-1]["type"] == "paragraph" and not blocks[-1]["text"].replace("&nbsp;", "").strip():
            blocks = blocks[:-1]
        if blocks and blocks[-1]["type"] == "paragraph":
            found = ATTRIBUTION.match(blocks[-1]["text"].strip())
            if found:
                names = [n.strip() for n in found.group(1).split(",") if n.strip()]
                return blocks[:-1], [n for n in names if n != author.name]
        return blocks, []

    # Comments -----------------------------------------------------------------------------------

    def _comments(self, item: wxr.Item, article: Article) -> None:
        made: dict[int, Comment] = {}
        known = dict(
            Imported.objects.filter(
                kind=Imported.Kind.COMMENT, source_id__in=[c.id for c in item.comments]
            ).values_list("source_id", "object_id")
        )
        existing = Comment.objects.in_bulk(known.values())
        new_links = []
        for record in sorted(item.comments, key=lambda c: c.id):
            if record.type in {"pingback", "trackback"}:
                self.report.count("comment", "skipped")
                continue
            comment = existing.get(known.get(record.id)) or Comment(article=article)
            try:
                comment.created_at = parse_date(record.date, record.date_gmt)
            except ItemFailed as exc:
                raise ItemFailed(f"comment {record.id} {exc}") from None
            comment.article = article
            comment.name = record.author[:80] or "Anonim"
            comment.email = record.email[:254]
            comment.website = record.url[:200] if record.url.startswith(("http://", "https://")) else ""
            comment.text = record.content
            comment.status = COMMENT_STATUSES.get(record.approved, Comment.Status.PENDING)
            comment.ip_address = record.ip or None
            comment.parent = made.get(record.parent)
            was_known = comment.pk is not None
            try:
                with transaction.atomic():
                    comment.save()
            except IntegrityError:
                self.report.warnings.append(
                    f"comment {record.id} on “{item.title}”: same text by the same person, left out"
                )
                self.report.count("comment", "skipped")
                continue
            if not was_known:
                new_links.append(Imported(kind=Imported.Kind.COMMENT, source_id=record.id, object_id=comment.pk))
            made[record.id] = comment
            self.report.count("comment", "updated" if was_known else "imported")
        Imported.objects.bulk_create(new_links)

    # Pages --------------------------------------------------------------------------------------

    def _page(self, item: wxr.Item) -> str:
        if item.status != "publish":
            return "skipped"
        digest = _digest(item.title, item.content, item.slug)
        known = Imported.objects.filter(kind=Imported.Kind.PAGE, source_id=item.id).first()
        if known and known.digest == digest and Page.objects.filter(pk=known.object_id).exists():
            return "skipped"
        slug = slugify(unquote(item.slug)) or slugify(item.title) or f"halaman-{item.id}"
        if slug in RESERVED_SLUGS or slug.isdigit():
            # /redaksi/ is the back office here: the masthead page moves next to it.
            moved = "susunan-redaksi" if slug == "redaksi" else f"{slug}-halaman"
            self.report.warnings.append(
                f"page {item.id} “{item.title}”: /{slug}/ belongs to Warta itself, imported at /{moved}/"
            )
            slug = moved
        page = Page.objects.filter(pk=known.object_id).first() if known else None
        page = page or Page.objects.filter(slug=slug).first() or Page(slug=slug)
        page.title, page.slug = item.title[:120], slug[:80]
        page.body = "\n".join(_page_html(b) for b in convert(item.content, self._photo_for).blocks)
        page.in_footer = False
        page.save()
        Imported.objects.update_or_create(
            kind=Imported.Kind.PAGE, source_id=item.id, defaults={"object_id": page.pk, "digest": digest}
        )
        return "updated" if known else "imported"


def _page_html(block: dict) -> str:
    """Static pages keep simple HTML (sanitised again when saved)."""
    kind = block["type"]
    if kind == "paragraph":
        return f"<p>{block['text']}</p>"
    if kind == "heading":
        return f"<h2>{escape(block['text'])}</h2>"
    if kind == "quote":
        return f"<blockquote>{block['text']}</blockquote>"
    if kind == "list":
        tag = "ol" if block["ordered"] else "ul"
        return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in block["items"]) + f"</{tag}>"
    return ""
