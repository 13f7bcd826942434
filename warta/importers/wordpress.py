"""Import a WordPress export into Warta: authors, sections, tags, photos, articles, pages, comments.

Two streaming passes over the file. The first reads it whole before anything is written: a file
WordPress itself would refuse (malformed XML, no WXR version) is refused here with nothing
written. It keeps the small records (authors, terms, attachments) and notes the authors and
terms the posts use. The second imports posts and pages one at a time, each in its own savepoint
(a failing item is rolled back and named, the rest goes on), committed in batches so a large
export is not held back by one disk sync per post.

Every imported object is recorded in Imported with a digest of its source, so a second run skips
what did not change, updates what did, and never duplicates anything. A story the site already
holds from elsewhere (the same GUID, permalink, or slug and day) is merged, not copied.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from warta.articles.models import Article, Byline, SlugRedirect, SourceAttribution
from warta.authors.models import Author
from warta.caching import keys as cache_keys
from warta.caching.invalidation import purge
from warta.comments.models import Comment, fingerprint
from warta.importers import wxr
from warta.importers.models import Imported
from warta.importers.wordpress_html import convert, split_credit
from warta.newsroom import workflow
from warta.pages.models import RESERVED_SLUGS, Page
from warta.photos.models import Photo
from warta.search import indexer
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
DATED_PERMALINK = re.compile(r"^/(\d{4})/(\d{2})/(\d{2})/([^/]+)/?$")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
NO_DATE = "0000-00-00 00:00:00"
# The category WordPress makes at install and files a post under when it has none, as an English
# and an Indonesian install name it. Listed in every export, it becomes a section only if an
# imported post would land in it.
DEFAULT_CATEGORIES = ("uncategorized", "tak-berkategori")
DEFAULT_CATEGORY = DEFAULT_CATEGORIES[0]  # made when a post has no category and the export lists none
# The digest of a page's import record when the page was the site's own (see _page): the record
# gives WordPress's ?page_id= address to the page, and the page stays the newsroom's.
KEPT = "kept"
SKIPPED = "skipped"  # an item's outcome when Report.skip has counted it and said why
BATCH = 100  # items per commit: an interruption loses at most the item under way (see _batched)
Progress = Callable[[str, int | None], None]


def kind_name(kind: str) -> str:
    """What the report calls a kind of item, in the interface language."""
    names = {
        "article": _("article"),
        "page": _("page"),
        "photo": _("photo"),
        "comment": _("comment"),
        "section": _("section"),
        "tag": _("tag"),
        "author": _("author"),
    }
    return names.get(kind, kind)


def named(kind: str, item_id: int, title: str) -> str:
    """An item as the report names it: article 12 “Judul”."""
    return _("%(kind)s %(id)s “%(title)s”") % {"kind": kind_name(kind), "id": item_id, "title": title}


def unchanged() -> str:
    return _("unchanged since the last import")


def about(kind: str, item_id: int, title: str, text: str) -> str:
    """A report line naming the item it is about: article 12 “Judul”: why."""
    return _("%(kind)s %(id)s “%(title)s”: %(text)s") % {
        "kind": kind_name(kind),
        "id": item_id,
        "title": title,
        "text": text,
    }


@dataclass(slots=True)
class Link:
    """An Imported row of a post, kept in memory for matching: a tenth of the model instance's
    size, so a site of many thousand posts does not grow the import's memory by much."""

    pk: int  # 0 until the row is written
    source_id: int
    object_id: int
    digest: str
    guid: str


class ItemFailed(Exception):
    """One item cannot be imported; the reason is shown with the item's name."""


@dataclass
class Report:
    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    warnings: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)  # stories and pages the site already held
    # What was left out and why: (kind, reason) -> the items' names, in reading order.
    skips: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # Origins (scheme://host[:port]) of photos left at their WordPress address, for the CSP hint.
    old_origins: set[str] = field(default_factory=set)
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    unknown_blocks: Counter[str] = field(default_factory=Counter)
    fatal: str = ""

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def skip(self, kind: str, name: str, reason: str) -> None:
        """Count one item of this kind as skipped and note which one (its name) and why."""
        self.count(kind, "skipped")
        self.skips.setdefault((kind, reason), []).append(name)

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
        raise ItemFailed(_("its date “%(date)s” cannot be read") % {"date": gmt or local}) from None
    return moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def _origin(url: str) -> str:
    """scheme://host[:port] of an address, "" for anything but http(s)."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2].lower()  # no user:password@
    return f"{parts.scheme.lower()}://{host}" if parts.scheme.lower() in {"http", "https"} and host else ""


def _slug(value: str, fallback: str, length: int) -> str:
    """WordPress slugs may be percent-encoded UTF-8 (non-Latin titles): decoded, then made ASCII."""
    return (slugify(unquote(value)) or fallback)[:length].strip("-") or fallback


class WordPressImport:
    def __init__(
        self,
        path: str,
        uploads_dir: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self.path, self.dry_run = path, dry_run
        self.uploads = Path(uploads_dir) if uploads_dir else None
        self.progress: Progress = progress or (lambda label, total: None)
        self.report = Report()
        self.export = wxr.Export()
        self.authors: dict[str, Author] = {}
        self.sections: dict[str, Section] = {}
        self.sections_by_name: dict[str, Section | None] = {}
        self.default_slug = ""  # the export's default category (see DEFAULT_CATEGORIES), once read
        self.tags: dict[str, Tag] = {}
        self.attachments: dict[int, wxr.Item] = {}
        self.photos: dict[int, int] = {}
        self.photos_by_url: dict[str, int] = {}
        self.attached: dict[int, list[int]] = {}  # post → its attachments, in gallery order
        # What the site held before the posts came, read once (see _preload).
        self.imported_by_guid: dict[str, Link] = {}
        self.imported_by_id: dict[int, Link] = {}
        self.slugs: set[str] = set()

    # The run ----------------------------------------------------------------------------------

    def run(self) -> Report:
        if not self.dry_run:
            self._run()  # items commit in batches: an interruption loses nothing done
            return self.report
        with transaction.atomic():
            self._run()
            transaction.set_rollback(True)
        return self.report

    def _records(self) -> Iterator[wxr.Author | wxr.Term | wxr.Item]:
        """Read the file; a broken file ends the stream and is reported."""
        try:
            yield from wxr.read(self.path, self.export)
        except wxr.WXRError as exc:
            self.report.fatal = str(exc)

    def _run(self) -> None:
        authors: list[wxr.Author] = []
        terms: list[wxr.Term] = []
        creators: set[str] = set()
        used_terms: dict[tuple[str, str], str] = {}  # (kind, slug) -> name, of terms posts carry
        default_used = False  # does an imported post land in WordPress's default category?
        items = 0
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
                if record.type == "post":
                    creators.add(record.creator)
                    for slug, name in record.categories:
                        used_terms.setdefault(("category", slug or _slug(name, "", 80)), name)
                    for slug, name in record.tags:
                        used_terms.setdefault(("tag", slug or _slug(name, "", 80)), name)
                    # A post's section is its first category (see _section).
                    keys = (slug or _slug(name, "", 80) for slug, name in record.categories)
                    first = next((key for key in keys if key), "")
                    # No category at all: WordPress files it under the default one too.
                    default_used = default_used or (record.status in STATUSES and first in ("", *DEFAULT_CATEGORIES))
        if self.report.fatal:
            return  # WordPress would refuse this file: nothing is written
        for attachment in sorted(self.attachments.values(), key=lambda a: (a.menu_order, a.id)):
            if attachment.parent:
                self.attached.setdefault(attachment.parent, []).append(attachment.id)
        if wxr.newer_than_known(self.export.version):
            self.report.warnings.append(
                _("the export says WXR %(version)s, newer than 1.2: imported as 1.2, check the result")
                % {"version": self.export.version}
            )
        with transaction.atomic():  # the shared records first, so no item's rollback can take them
            for author in authors:
                self._author(author)
            for creator in sorted(creators - set(self.authors)):
                self._creator_author(creator)
            self._terms(terms, used_terms, default_used)
        self.progress("photos", len(self.attachments))
        self._batched(("photo", a, self._attachment) for a in self.attachments.values())
        self.progress("articles", items)
        self._preload()
        self._batched(
            ("article", r, self._post) if r.type == "post" else ("page", r, self._page)
            for r in self._records()
            if isinstance(r, wxr.Item) and r.type in {"post", "page"}
        )

    def _preload(self) -> None:
        """Read the import records and the article addresses once, not with a query per post: the
        matching below then asks the database only about slugs the site really holds."""
        rows = Imported.objects.filter(kind=Imported.Kind.POST).values_list(
            "pk", "source_id", "object_id", "digest", "guid"
        )
        for values in rows.iterator(chunk_size=2000):
            row = Link(*values)
            self.imported_by_id[row.source_id] = row
            if row.guid:
                self.imported_by_guid[row.guid] = row
        self.slugs = set(Article.objects.values_list("slug", flat=True))
        self.slugs.update(SlugRedirect.objects.values_list("old_slug", flat=True))

    def _batched(self, work: Iterator[tuple[str, wxr.Item, Callable[[wxr.Item], str]]]) -> None:
        """Import items BATCH to a transaction, each in its own savepoint. Whatever stops the run
        (Ctrl-C, a lost connection) lets the batch commit what it finished before going on up.
        The batch's articles are indexed for search together, in its transaction, as it ends."""
        stopped: BaseException | None = None
        while stopped is None:
            with transaction.atomic(), indexer.deferred():
                done = 0
                try:
                    for kind, item, action in work:
                        self._guard(kind, item, action)
                        done += 1
                        if done == BATCH:
                            break
                except BaseException as exc:  # noqa: BLE001 - re-raised below, after the commit
                    stopped = exc
            if stopped is None and done < BATCH:
                return
        raise stopped

    def _guard(self, kind: str, item: wxr.Item, action: Callable[[wxr.Item], str]) -> None:
        """Import one item in its own savepoint; a failure names the item and rolls it back."""
        try:
            with transaction.atomic():
                outcome = action(item)
                if outcome != SKIPPED:  # counted, with its reason, when it was skipped
                    self.report.count(kind, outcome)
        except ItemFailed as exc:
            self._failed(kind, item, str(exc))
        except ValidationError as exc:
            self._failed(kind, item, "; ".join(exc.messages))
        except (DatabaseError, ValueError) as exc:
            reason = " ".join(str(exc).split())[:200]
            self._failed(kind, item, _("the database refused it (%(reason)s)") % {"reason": reason})
        finally:
            self.progress("photo" if kind == "photo" else "advance", None)

    def _skipped(self, kind: str, item: wxr.Item, reason: str) -> str:
        self.report.skip(kind, named(kind, item.id, item.title), reason)
        return SKIPPED

    @staticmethod
    def _left_status(status: str) -> str:
        """Why a post or page with this WordPress status is left out."""
        if status == "trash":
            return _("in WordPress's trash")
        if status == "auto-draft":
            return _("an automatic draft WordPress made, never written")
        return _("its status “%(status)s” is not imported") % {"status": status}

    def _failed(self, kind: str, item: wxr.Item, reason: str) -> None:
        self.report.count(kind, "failed")
        self.report.failures.append(about(kind, item.id, item.title, reason))

    # Authors, sections, tags --------------------------------------------------------------------

    def _author(self, record: wxr.Author) -> None:
        if not record.login:
            self.report.warnings.append(_("an author without a login name was left out"))
            return
        slug = _slug(record.login, f"penulis-{len(self.authors) + 1}", 120)
        author = self._existing_author(slug, record.display_name, record.email)
        created = author is None
        if author is None:
            author = Author.objects.create(slug=slug, name=record.display_name[:120])
        if author.user_id is None:
            # A staff account to claim later; inactive, so it cannot log in until an admin says so.
            user, _created = get_user_model().objects.get_or_create(
                username=record.login[:150],
                defaults={"email": record.email, "is_active": False, "is_staff": True},
            )
            if not Author.objects.filter(user=user).exists():
                author.user = user
                author.save(update_fields=["user"])
        self.authors[record.login] = author
        if created:
            self.report.count("author", "imported")
        else:
            name = _("author “%(name)s” (%(login)s)") % {"name": author.name, "login": record.login}
            self.report.skip("author", name, _("already on the site"))

    @staticmethod
    def _existing_author(slug: str, name: str, email: str) -> Author | None:
        """The site's own byline for this writer: same slug, same name, or same account email."""
        found = Author.objects.filter(slug=slug).first() or Author.objects.filter(name__iexact=name.strip()).first()
        if found is None and email:
            found = Author.objects.filter(user__email__iexact=email).first()
        return found

    def _creator_author(self, creator: str) -> None:
        """A post whose writer is missing from the export's author list (WXR 1.0 has none; trimmed
        exports lose some): its dc:creator becomes the byline."""
        name = creator.strip() or "Redaksi"
        slug = _slug(name, "redaksi", 120)
        author = self._existing_author(slug, name, "")
        if author is None:
            author = Author.objects.create(slug=slug, name=name[:120])
            self.report.count("author", "imported")
            self.report.warnings.append(
                _("author “%(name)s” is not among the export's authors: made a byline from the posts' dc:creator")
                % {"name": name}
                if creator.strip()
                else _("posts without a dc:creator are bylined “Redaksi”")
            )
        self.authors[creator] = author

    def _terms(self, terms: list[wxr.Term], used: dict[tuple[str, str], str], default_used: bool) -> None:
        categories = {t.slug: t for t in terms if t.kind == "category" and t.slug}
        for (kind, slug), name in used.items():  # a category or tag missing from the export's list
            if not slug:
                continue
            if kind == "category" and slug not in categories:
                categories[slug] = wxr.Term("category", slug, name)
            elif kind == "tag" and not any(t.kind == "tag" and t.slug == slug for t in terms):
                terms.append(wxr.Term("tag", slug, name))
        for default in [categories[slug] for slug in DEFAULT_CATEGORIES if slug in categories]:
            self.default_slug = self.default_slug or default.slug  # where a post without a category goes
            if default_used:
                continue
            # Empty, it would only be an "Uncategorized" rubric in the site's menu; kept if another
            # category is filed under it.
            if not any(t.parent in {default.slug, default.name} for t in categories.values() if t is not default):
                del categories[default.slug]
                self.report.skip(
                    "section",
                    _("section “%(name)s” (%(slug)s)") % {"name": default.name, "slug": default.slug},
                    _("WordPress's default category, and no imported post is filed under it"),
                )
        by_name = {t.name: t.slug for t in categories.values()}
        for term in categories.values():
            self.sections[term.slug] = self._term(Section, "section", term)
        for term in categories.values():  # parents may come after their children in the file
            parent = self.sections.get(term.parent) or self.sections.get(by_name.get(term.parent, ""))
            section = self.sections[term.slug]
            if parent and parent.pk != section.pk and section.parent_id != parent.pk:
                section.parent = parent
                section.save(update_fields=["parent"])
        for term in terms:
            key = term.slug or _slug(term.name, "", 80)
            if term.kind == "tag" and key and key not in self.tags:
                self.tags[key] = self._term(Tag, "tag", term)

    def _term(self, model: type[Any], kind: str, term: wxr.Term) -> Any:
        """A category or tag by its slug, WordPress's identity for it. Two terms may share a name
        there; here names are unique, so the second is told apart by its slug (and reported)."""
        slug = _slug(term.slug or term.name, f"{kind}-{hashlib.sha256(term.slug.encode()).hexdigest()[:8]}", 80)
        found = model.objects.filter(slug=slug).first()
        if found is not None:
            name = (_("section “%(name)s” (%(slug)s)") if kind == "section" else _("tag “%(name)s” (%(slug)s)")) % {
                "name": term.name or slug,
                "slug": slug,
            }
            self.report.skip(kind, name, _("already on the site"))
            return found
        name = (term.name or slug)[:80]
        if model.objects.filter(name=name).exists():
            taken = name
            name = f"{name[: 77 - len(slug)]} ({slug})"
            taken_by = (
                _("section “%(taken)s” (%(slug)s): the name is taken by another section; named “%(name)s”")
                if kind == "section"
                else _("tag “%(taken)s” (%(slug)s): the name is taken by another tag; named “%(name)s”")
            )
            self.report.warnings.append(taken_by % {"taken": taken, "slug": slug, "name": name})
        fields = {"description": term.description} if model is Section else {}
        self.report.count(kind, "imported")
        return model.objects.create(slug=slug, name=name, **fields)

    # Photos -------------------------------------------------------------------------------------

    def _attachment(self, item: wxr.Item) -> str:
        relative = item.meta.get("_wp_attached_file", "")
        if Path(relative).suffix.lower() not in IMAGE_SUFFIXES:
            name = Path(relative).name or item.attachment_url
            return self._skipped("photo", item, _("not an image file (%(name)s)") % {"name": name})
        caption, credit = split_credit(item.excerpt)
        digest = _digest(item.attachment_url, item.excerpt, item.meta.get("_wp_attachment_image_alt"))
        known = Imported.objects.filter(kind=Imported.Kind.ATTACHMENT, source_id=item.id).first()
        if known and known.digest == digest:
            kept = Photo.objects.filter(pk=known.object_id).values_list("image", "source_url").first()
            if kept is not None:
                if not kept[0]:
                    self._kept_address(kept[1])
                self._remember_photo(item, known.object_id)
                return self._skipped("photo", item, unchanged())
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
                text = _("no file in the uploads folder; kept its address %(url)s") % {"url": item.attachment_url}
                self.report.warnings.append(about("photo", item.id, item.title, text))
                self._kept_address(photo.source_url)
        photo.save()
        Imported.objects.update_or_create(
            kind=Imported.Kind.ATTACHMENT, source_id=item.id, defaults={"object_id": photo.pk, "digest": digest}
        )
        self._remember_photo(item, photo.pk)
        return "updated" if known else "imported"

    def _kept_address(self, url: str) -> None:
        """A photo shown from its old address: the site's CSP must allow that origin."""
        origin = _origin(url)
        if origin and origin not in {source.rstrip("/") for source in settings.WARTA_IMAGE_SOURCES}:
            self.report.old_origins.add(origin)

    def _remember_photo(self, item: wxr.Item, photo_id: int) -> None:
        self.photos[item.id] = photo_id
        path = urlsplit(item.attachment_url).path
        self.photos_by_url[path.rsplit(".", 1)[0]] = photo_id

    def _attached_to(self, item: wxr.Item) -> Callable[[int | None], list[int]]:
        """The photos attached to a post (this item's when None), for a [gallery] without ids."""

        def attached(post_id: int | None) -> list[int]:
            return [i for i in self.attached.get(post_id or item.id, []) if i in self.photos]

        return attached

    def _photo_for(self, attachment_id: int | None, src: str) -> int | None:
        if attachment_id and attachment_id in self.photos:
            return self.photos[attachment_id]
        # A resized copy: /uploads/2021/04/name-1024x576.jpg is the photo /uploads/2021/04/name.jpg
        stem = re.sub(r"-\d+x\d+$", "", urlsplit(src).path.rsplit(".", 1)[0])
        return self.photos_by_url.get(stem)

    # Articles -----------------------------------------------------------------------------------

    def _post(self, item: wxr.Item) -> str:
        if item.status not in STATUSES:  # trash, auto-draft: not content anyone wants back
            return self._skipped("article", item, self._left_status(item.status))
        if not item.content and item.oversize:
            raise ItemFailed(item.oversize[0])
        for note in item.oversize:
            self.report.warnings.append(about("article", item.id, item.title, note))
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
            item.password,
            item.sticky,
            item.post_format,
        )
        known = self._known(item)
        article = Article.objects.filter(pk=known.object_id).first() if known else None
        if known and article is not None and known.digest == digest:
            if known.source_id != item.id:
                self._record(item, article, digest)  # renumbered: old ?p= addresses follow the new ID
            return self._skipped("article", item, unchanged())
        published_at = parse_date(item.date, item.date_gmt)
        if article is None:
            article, why = self._same_story(item, published_at)
            if article is not None:
                return self._merge(item, article, why, digest)
        author = self.authors[item.creator]
        converted = convert(item.content, self._photo_for, self._attached_to(item))
        self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
        self.report.unknown_blocks.update(converted.unknown_blocks)
        for src in converted.missing_images:
            text = _("image %(src)s not found among the attachments") % {"src": src}
            self.report.warnings.append(about("article", item.id, item.title, text))
        for note in converted.notes:
            self.report.warnings.append(about("article", item.id, item.title, note))
        blocks, dateline = self._dateline(converted.blocks)
        blocks, sources = self._attribution(blocks, author)
        blocks = self._post_format(item, blocks)
        if not blocks:
            raise ItemFailed(_("its body is empty"))
        status = STATUSES[item.status]
        if item.password:
            # WordPress showed it only to readers with the password; here nobody outside the
            # newsroom sees it until an editor decides.
            status = Article.Status.UNPUBLISHED
            text = _("protected by a password on WordPress; imported unpublished, its text is not public")
            self.report.warnings.append(about("article", item.id, item.title, text))
        is_new = article is None
        article = article or Article()
        article.headline = self._headline(item, blocks)
        article.slug = self._address(item, article)
        article.dek = " ".join(item.excerpt.split()) if not item.password else ""
        article.body = blocks
        article.dateline_city = dateline
        article.section = self._section(item)
        article.lead_photo_id = self.photos.get(int(item.meta.get("_thumbnail_id") or 0))
        article.published_at = published_at
        article.comments_open = True
        article.pinned = item.sticky and not item.password
        tags = self._tags(item)
        # The tags go in with the article's one save: the search index (on post_save) reads them
        # from this cache, and the rows below are written without a second m2m round of signals.
        cached = Tag.objects.filter(pk__in=[t.pk for t in tags])
        cached._result_cache = tags
        setattr(cached, "_prefetch_done", True)  # noqa: B010 - Django's private prefetch cache
        setattr(article, "_prefetched_objects_cache", {"tags": cached})  # noqa: B010
        workflow.place_imported(article, status)  # saves; a `future` post is queued
        through = Article.tags.through
        if not is_new:
            through.objects.filter(article_id=article.pk).delete()
            article.bylines.all().delete()
            article.sources.all().delete()
        through.objects.bulk_create([through(article_id=article.pk, tag_id=t.pk) for t in tags])
        # One insert without signals: the article's save above purged the same cache keys.
        Byline.objects.bulk_create([Byline(article=article, author=author, position=0)])
        if sources:
            SourceAttribution.objects.bulk_create(
                SourceAttribution(article=article, name=name[:120], position=i) for i, name in enumerate(sources)
            )
        self._record(item, article, digest, self._comments(item, article, is_new))
        return "imported" if known is None else "updated"

    def _known(self, item: wxr.Item) -> Link | None:
        """This post's record from an earlier import: by GUID, else by its WordPress ID (unless that
        ID belonged to a post of another site, told by a different GUID)."""
        found = self.imported_by_guid.get(item.guid) if item.guid else None
        if found is not None:
            return found
        found = self.imported_by_id.get(item.id)
        if found is not None and found.guid and item.guid and found.guid != item.guid:
            return None
        return found

    def _same_story(self, item: wxr.Item, published_at: datetime.datetime) -> tuple[Article | None, str]:
        """A story the site holds without an import record: its permalink, or its slug and day."""
        path = urlsplit(item.link).path
        dated = DATED_PERMALINK.match(path)
        if dated:
            slug = _slug(dated.group(4), "", 200)
            day = datetime.date(*(int(dated.group(n)) for n in (1, 2, 3)))
            found = self._on_day(slug, day)
            if found is not None:
                return found, _("same permalink %(path)s") % {"path": path}
        if item.status in {"publish", "future", "private"} and item.slug:
            slug = _slug(item.slug, "", 200)
            found = self._on_day(slug, timezone.localdate(published_at))
            if found is not None:
                on = f"{timezone.localdate(published_at):%Y-%m-%d}"
                return found, _("same slug and date (%(slug)s, %(day)s)") % {"slug": slug, "day": on}
        return None, ""

    def _on_day(self, slug: str, day: datetime.date) -> Article | None:
        if not slug or slug not in self.slugs:
            return None
        for article in Article.objects.filter(Q(slug=slug) | Q(old_slugs__old_slug=slug)).distinct():
            if article.published_at and timezone.localdate(article.published_at) == day:
                return article
        return None

    def _merge(self, item: wxr.Item, article: Article, why: str, digest: str) -> str:
        """The site already holds this story: its text as the newsroom keeps it wins; WordPress
        brings what the site lacks (the comments) and its old ?p= address."""
        self.report.merges.append(
            _("article %(id)s “%(title)s” is “%(headline)s” (%(url)s): %(why)s")
            % {
                "id": item.id,
                "title": item.title,
                "headline": article.headline,
                "url": article.get_absolute_url(),
                "why": why,
            }
        )
        links = self._comments(item, article, is_new=False)
        purge({cache_keys.comments(article.pk)})  # the comments are inserted without signals
        self._record(item, article, digest, links)
        return "merged"

    def _record(self, item: wxr.Item, article: Article, digest: str, links: list[Imported] | None = None) -> None:
        """Note what the post became (and its new comments' links, written in the same insert)."""
        row = self._known(item)
        if row is not None and row.source_id != item.id:  # the same GUID under a new ID (a copied site)
            Imported.objects.filter(kind=Imported.Kind.POST, source_id=item.id).exclude(pk=row.pk).delete()
        elif row is None and item.id in self.imported_by_id:  # this ID was another site's post
            row = self.imported_by_id[item.id]
        row = row or Link(0, item.id, article.pk, digest, "")
        row.source_id, row.object_id, row.digest, row.guid = item.id, article.pk, digest, item.guid[:500]
        record = Imported(
            pk=row.pk or None,
            kind=Imported.Kind.POST,
            source_id=item.id,
            object_id=article.pk,
            digest=digest,
            guid=row.guid,
        )
        links = list(links or [])
        if record.pk is None and connection.features.can_return_rows_from_bulk_insert:
            links.append(record)  # the insert gives it its key, for a later save of the same row
        else:
            record.save()
        Imported.objects.bulk_create(links)
        row.pk = record.pk
        self.imported_by_id[item.id] = row
        if row.guid:
            self.imported_by_guid[row.guid] = row

    @staticmethod
    def _headline(item: wxr.Item, blocks: list[dict]) -> str:
        """Asides and statuses often have no title on WordPress: the first words stand in."""
        if item.title.strip():
            return item.title.strip()[:200]
        first = next((b.get("text", "") for b in blocks if b["type"] in {"paragraph", "quote"}), "")
        words = " ".join(re.sub(r"<[^>]+>", " ", first).split())
        return Truncator(words).words(12)[:200] if words else f"(tanpa judul {item.id})"

    @staticmethod
    def _post_format(item: wxr.Item, blocks: list[dict]) -> list[dict]:
        """Post formats have no counterpart here; a quote post's words become a quotation block.
        (Video and audio posts are a link on its own line, which the conversion makes an embed.)"""
        if item.post_format == "quote" and blocks and not any(b["type"] == "quote" for b in blocks):
            if blocks[0]["type"] == "paragraph":
                cite = ""
                if len(blocks) > 1 and blocks[1]["type"] == "paragraph":
                    cite = re.sub(r"<[^>]+>", "", blocks[1]["text"]).lstrip("—–- ").strip()
                    blocks = [blocks[0], *blocks[2:]]
                blocks = [{"type": "quote", "text": blocks[0]["text"], "cite": cite[:200]}, *blocks[1:]]
        return blocks

    def _address(self, item: wxr.Item, article: Article) -> str:
        slug = _slug(item.slug, "", 200) or _slug(item.title, f"artikel-{item.id}", 200)
        if slug == article.slug:
            return slug
        if slug in self.slugs and Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
            text = _("address %(slug)s was taken, used %(used)s") % {"slug": slug, "used": f"{slug[:190]}-{item.id}"}
            self.report.warnings.append(about("article", item.id, item.title, text))
            slug = f"{slug[:190]}-{item.id}"
        self.slugs.add(slug)
        return slug

    def _section(self, item: wxr.Item) -> Section:
        for slug, name in item.categories:
            section = self.sections.get(slug or _slug(name, "", 80))
            if section is not None:
                return section
        for _unused, name in item.categories:  # WXR 1.0's bare categories: by name, asked once
            if name not in self.sections_by_name:
                self.sections_by_name[name] = Section.objects.filter(name=name).first()
            found = self.sections_by_name[name]
            if found is not None:
                return found
        slug = self.default_slug or DEFAULT_CATEGORY  # the export's own default category, if listed
        if slug not in self.sections:
            self.sections[slug] = Section.objects.get_or_create(slug=slug, defaults={"name": "Uncategorized"})[0]
        return self.sections[slug]

    def _tags(self, item: wxr.Item) -> list[Tag]:
        keys = (slug or _slug(name, "", 80) for slug, name in item.tags)
        found = {self.tags[key] for key in keys if key in self.tags}
        return sorted(found, key=lambda tag: tag.pk)

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

    def _comments(self, item: wxr.Item, article: Article, is_new: bool) -> list[Imported]:
        """All of a post's comments in a few queries: new ones are inserted one thread level at a
        time (a reply needs its parent's key), known ones updated in place. Returns the import
        records of the new ones, for the caller to write with the post's own."""
        records = []
        for record in sorted(item.comments, key=lambda c: c.id):
            if record.type in {"pingback", "trackback"}:
                reason = _("a %(type)s, not a reader's comment") % {"type": record.type}
                self.report.skip("comment", self._comment_name(record, item), reason)
            else:
                records.append(record)
        if not records:
            return []
        known: dict[int, int] = {}
        existing: dict[int, Comment] = {}
        # The comments already here, by fingerprint (same email, same words) and by what a reader
        # sees (same name, same minute, same words): a thread copied onto the site by other means
        # (the demo's seed article, an earlier migration) often has other email addresses.
        taken: dict[str, Comment] = {}
        seen: dict[tuple[str, datetime.datetime, str], Comment] = {}
        links: list[Imported] = []
        if not is_new:
            known = dict(
                Imported.objects.filter(kind=Imported.Kind.COMMENT, source_id__in=[c.id for c in records]).values_list(
                    "source_id", "object_id"
                )
            )
            existing = Comment.objects.in_bulk(list(known.values()))
            fields = ("pk", "name", "text", "created_at", "fingerprint", "depth")
            for present in Comment.objects.filter(article=article).only(*fields):
                taken[present.fingerprint] = present
                seen.setdefault(_as_seen(present.name, present.created_at, present.text), present)
        made: dict[int, Comment] = {}
        levels: dict[int, list[tuple[wxr.Comment, Comment]]] = defaultdict(list)
        for record in records:
            try:
                created_at = parse_date(record.date, record.date_gmt)
            except ItemFailed as exc:
                raise ItemFailed(_("comment %(id)s: %(reason)s") % {"id": record.id, "reason": exc}) from None
            comment = existing.get(known.get(record.id, 0))
            email = record.email[:254].strip().lower()
            text = record.content
            name = record.author[:80] or "Anonim"
            print_ = fingerprint(email, text)
            twin = None if comment is not None else taken.get(print_) or seen.get(_as_seen(name, created_at, text))
            if twin is not None:
                # The same comment: the copy here stays as it is; replies to it in the export
                # thread under it, and it is remembered as this WordPress comment from now on.
                reason = _("the same text by the same person is already there")
                self.report.skip("comment", self._comment_name(record, item), reason)
                made[record.id] = twin
                taken.setdefault(print_, twin)  # as if it had come from here: its repeats are left out too
                if twin.pk is not None and record.id not in known:
                    links.append(Imported(kind=Imported.Kind.COMMENT, source_id=record.id, object_id=twin.pk))
                continue
            comment = comment or Comment(article=article)
            comment.article = article
            comment.created_at = created_at
            comment.name = name
            comment.email = email
            comment.website = record.url[:200] if record.url.startswith(("http://", "https://")) else ""
            comment.text = text
            comment.fingerprint = print_
            comment.status = COMMENT_STATUSES.get(record.approved, Comment.Status.PENDING)
            comment.ip_address = _ip(record.ip)
            comment.parent = made.get(record.parent)
            comment.depth = comment.parent.depth + 1 if comment.parent is not None else 1
            taken[print_] = comment
            made[record.id] = comment
            levels[comment.depth].append((record, comment))
        for depth in sorted(levels):
            new = [(r, c) for r, c in levels[depth] if c.pk is None]
            old = [c for _r, c in levels[depth] if c.pk is not None]
            for _record, comment in levels[depth]:
                if comment.parent is not None:
                    comment.parent_id = comment.parent.pk  # known only now that its level is saved
            Comment.objects.bulk_create([c for _r, c in new])
            for comment in old:
                comment.save()
            links.extend(Imported(kind=Imported.Kind.COMMENT, source_id=r.id, object_id=c.pk) for r, c in new)
            self.report.count("comment", "imported", len(new))
            self.report.count("comment", "updated", len(levels[depth]) - len(new))
        return links

    @staticmethod
    def _comment_name(record: wxr.Comment, item: wxr.Item) -> str:
        return _("comment %(id)s on “%(title)s”") % {"id": record.id, "title": item.title}

    # Pages --------------------------------------------------------------------------------------

    def _page(self, item: wxr.Item) -> str:
        if item.status != "publish":
            return self._skipped("page", item, self._left_status(item.status))
        digest = _digest(item.title, item.content, item.slug)
        known = Imported.objects.filter(kind=Imported.Kind.PAGE, source_id=item.id).first()
        if known and known.digest == digest and Page.objects.filter(pk=known.object_id).exists():
            return self._skipped("page", item, unchanged())
        slug = slugify(unquote(item.slug)) or slugify(item.title) or f"halaman-{item.id}"
        moved = ""
        if slug in RESERVED_SLUGS or slug.isdigit():
            # /redaksi/ is the back office here: the masthead page moves next to it.
            moved = "susunan-redaksi" if slug == "redaksi" else f"{slug}-halaman"
        address = (moved or slug)[:80]
        page = Page.objects.filter(pk=known.object_id).first() if known else None
        if page is None or (known is not None and known.digest == KEPT):
            # Not made by an earlier import of this page: a page the site holds stays as it is.
            own = page or Page.objects.filter(slug=address).first()
            if own is not None and self._made_by_another_import(own, item):
                # Two WordPress pages with one slug (under different parents): both are kept.
                used = f"{address[:70]}-{item.id}"
                text = _("address %(slug)s was taken, used %(used)s") % {"slug": address, "used": used}
                self.report.warnings.append(about("page", item.id, item.title, text))
                address, own = used, None
            if own is not None:
                return self._keep_page(item, own, known)
            page = None
        if moved:
            text = _("/%(slug)s/ belongs to Warta itself, imported at /%(moved)s/") % {"slug": slug, "moved": moved}
            self.report.warnings.append(about("page", item.id, item.title, text))
        page = page or Page(slug=address)
        page.title, page.slug = item.title[:120], address
        converted = convert(item.content, self._photo_for, self._attached_to(item))
        page.body = "\n".join(_page_html(b) for b in converted.blocks)
        page.in_footer = False
        page.save()
        Imported.objects.update_or_create(
            kind=Imported.Kind.PAGE, source_id=item.id, defaults={"object_id": page.pk, "digest": digest}
        )
        return "updated" if known and known.digest != KEPT else "imported"

    @staticmethod
    def _made_by_another_import(page: Page, item: wxr.Item) -> bool:
        imports = Imported.objects.filter(kind=Imported.Kind.PAGE, object_id=page.pk).exclude(source_id=item.id)
        return imports.exclude(digest=KEPT).exists()

    def _keep_page(self, item: wxr.Item, page: Page, known: Imported | None) -> str:
        """The site already has this page, made here rather than by importing this WordPress page
        (the demo's masthead, an outlet's own contact page): as for a story, the newsroom's text
        wins. Only WordPress's ?page_id= address is taken over."""
        if known is not None and known.digest == KEPT and known.object_id == page.pk:  # kept on an earlier run
            return self._skipped(
                "page", item, _("the site's own page “%(page)s”, kept as it is") % {"page": page.title}
            )
        self.report.merges.append(
            _("page %(id)s “%(title)s” is the site's page “%(page)s” (%(url)s): kept as it is")
            % {"id": item.id, "title": item.title, "page": page.title, "url": page.get_absolute_url()}
        )
        Imported.objects.update_or_create(
            kind=Imported.Kind.PAGE, source_id=item.id, defaults={"object_id": page.pk, "digest": KEPT}
        )
        return "merged"


def _as_seen(name: str, moment: datetime.datetime, text: str) -> tuple[str, datetime.datetime, str]:
    """A comment as a reader tells it apart: who, when (to the minute), which words."""
    minute = moment.astimezone(datetime.UTC).replace(second=0, microsecond=0)
    return " ".join(name.lower().split()), minute, " ".join(text.lower().split())


def _ip(value: str) -> str | None:
    """WordPress keeps whatever the server saw; a value that is not an address is dropped."""
    import ipaddress

    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


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
