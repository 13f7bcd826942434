"""The writing desk's server side: what the block editor reads when it opens, and the small JSON
endpoints it calls (photo library, uploads, focal point, "Read also" search, tags, autosave).

Every endpoint checks the user's permission itself; the admin only guarantees a staff login.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from warta.articles import body
from warta.articles.models import Article
from warta.lib.http import staff_user
from warta.lib.text import sanitize_inline
from warta.newsroom import autosave, workflow
from warta.photos.crops import set_focal_point
from warta.photos.forms import PhotoForm
from warta.photos.models import Photo, Rendition
from warta.taxonomy.models import Tag

RESULTS = 24
MAX_JSON_BYTES = 2 * 1024 * 1024


def photo_json(photo: Photo) -> dict[str, Any]:
    """What the editor shows of a library photo: a small thumbnail and its words."""
    small = [r for r in photo.renditions.all() if r.format == Rendition.Format.JPEG and not r.crop]
    return {
        "id": photo.pk,
        "thumb": small[0].image.url if small else photo.url,
        "caption": photo.caption,
        "credit": photo.credit,
        "alt": photo.alt_text,
        "width": photo.width,
        "height": photo.height,
        "focal": [photo.focal_x, photo.focal_y],
    }


def article_json(article: Article) -> dict[str, Any]:
    return {"id": article.pk, "headline": article.headline, "url": article.get_absolute_url() or ""}


def for_editing(raw: object) -> list[dict[str, Any]]:
    """Blocks to put back in the editor after a refused save: everything kept, inline HTML
    sanitised (the editor shows it), nothing validated (the form says what to fix)."""
    if not isinstance(raw, list):
        return []
    shown = []
    for block in raw:
        if not isinstance(block, dict):
            continue
        copy = dict(block)
        if isinstance(copy.get("text"), str) and copy.get("type") != "heading":
            copy["text"] = sanitize_inline(copy["text"])
        if isinstance(copy.get("items"), list):
            copy["items"] = [sanitize_inline(i) for i in copy["items"] if isinstance(i, str)]
        shown.append(copy)
    return shown


def _maps(blocks: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    photos = Photo.objects.prefetch_related("renditions").in_bulk(_ids(blocks, "photo"))
    articles = Article.objects.in_bulk(_ids(blocks, "article"))
    return (
        {str(pk): photo_json(p) for pk, p in photos.items()},
        {str(pk): article_json(a) for pk, a in articles.items()},
    )


def _ids(blocks: list[dict[str, Any]], key: str) -> list[int]:
    try:
        return body.photo_ids(blocks) if key == "photo" else body.article_ids(blocks)
    except (KeyError, TypeError):  # a refused body may be malformed: show what can be shown
        return []


def context(request: HttpRequest, article: Article | None, bound_json: str | None) -> dict[str, Any]:
    """Template context for the editor: its blocks, their photos and linked articles, an autosave
    to offer, and the endpoints' addresses."""
    user = staff_user(request)
    if bound_json is not None:  # a refused save: show what was sent, not what is stored
        try:
            blocks = for_editing(json.loads(bound_json or "[]"))
        except ValueError:
            blocks = []
    else:
        blocks = article.body if article else []
    photos, articles = _maps(blocks)
    # A refused save shows what was just sent: offering an autosave then could only put older words
    # (another draft left unsaved, for a new article) over the ones on the screen.
    offered = autosave.pending(user, article) if bound_json is None else None
    offer = None
    if offered is not None:
        saved_blocks = for_editing(offered.fields.get("body"))
        saved_photos, saved_articles = _maps(saved_blocks)
        offer = {
            "saved_at": timezone.localtime(offered.saved_at).strftime("%H.%M"),
            "base_version": offered.base_version,
            "fields": {**offered.fields, "body": saved_blocks},
            "photos": saved_photos,
            "articles": saved_articles,
        }
    base = "admin:articles_article_"
    return {
        "editor_blocks": blocks,
        "editor_photos": photos,
        "editor_articles": articles,
        "editor_autosave": offer,
        "editor_urls": {
            "photo_search": reverse(base + "editor_photos"),
            "photo_upload": reverse(base + "editor_upload"),
            "focal": reverse(base + "editor_focal", args=[0]),
            "article_search": reverse(base + "editor_articles"),
            "tag_search": reverse(base + "editor_tags"),
            "spelling": reverse("admin:language_check"),
            "autosave": reverse(base + "autosave", args=[article.pk]) if article else reverse(base + "autosave_new"),
            "preview": reverse(base + "preview", args=[article.pk]) + "?autosave=1" if article else "",
        },
        "slug_follows": article is None or not article.first_published_at,
    }


def _need(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


@require_GET
def photos(request: HttpRequest) -> JsonResponse:
    """The photo library, newest first, searched by caption, credit or alternative text."""
    _need(request, "photos.view_photo")
    query = request.GET.get("q", "").strip()[:100]
    found = Photo.objects.prefetch_related("renditions")
    if query:
        found = found.filter(Q(caption__icontains=query) | Q(credit__icontains=query) | Q(alt_text__icontains=query))
    return JsonResponse({"results": [photo_json(p) for p in found[:RESULTS]]})


@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    """A photo dropped, pasted or chosen in the editor: the library's own checks, then its JSON."""
    _need(request, "photos.add_photo")
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"errors": {f: [str(m) for m in msgs] for f, msgs in form.errors.items()}}, status=400)
    photo = form.save(commit=False)
    photo.uploaded_by = staff_user(request)
    photo.save()
    return JsonResponse(photo_json(Photo.objects.prefetch_related("renditions").get(pk=photo.pk)), status=201)


@require_POST
def focal(request: HttpRequest, pk: int) -> JsonResponse:
    _need(request, "photos.change_photo")
    photo = get_object_or_404(Photo, pk=pk)
    if not photo.changeable_by(request.user):
        raise PermissionDenied
    try:
        data = json.loads(request.body or b"{}")
        set_focal_point(photo, float(data["x"]), float(data["y"]))
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"errors": {"focal": [_("x and y must be numbers between 0 and 1.")]}}, status=400)
    except ValidationError as error:
        return JsonResponse({"errors": {"focal": error.messages}}, status=400)
    return JsonResponse({"ok": True, "x": photo.focal_x, "y": photo.focal_y})


@require_GET
def articles(request: HttpRequest) -> JsonResponse:
    """Published articles by headline, for "Read also"."""
    _need(request, "articles.view_article")
    query = request.GET.get("q", "").strip()[:100]
    found = Article.objects.published().order_by("-published_at")
    if query:
        found = found.filter(headline__icontains=query)
    return JsonResponse({"results": [article_json(a) for a in found[:10]]})


@require_GET
def tags(request: HttpRequest) -> JsonResponse:
    _need(request, "articles.view_article")
    query = request.GET.get("q", "").strip()[:80]
    found = Tag.objects.filter(name__icontains=query).order_by("name") if query else Tag.objects.none()
    return JsonResponse({"results": [{"name": t.name} for t in found[:10]]})


@require_POST
def save_draft(request: HttpRequest, pk: int | None = None) -> JsonResponse:
    """Autosave: replace this person's autosave of the article (pk None: a new article)."""
    user = staff_user(request)
    article = get_object_or_404(Article, pk=pk) if pk else None
    if article is not None and not workflow.can_edit(user, article):
        raise PermissionDenied
    if article is None and not user.has_perm("articles.add_article"):
        raise PermissionDenied
    if len(request.body) > MAX_JSON_BYTES:
        return JsonResponse({"errors": {"body": [_("Too large to autosave.")]}}, status=413)
    try:
        data = json.loads(request.body or b"{}")
        if not isinstance(data, dict):
            raise ValueError
        if data.get("discard"):
            autosave.discard(user, article)
            return JsonResponse({"discarded": True})
        fields = autosave.clean_fields(data.get("fields"))
        base_version = int(data.get("base_version") or 0)
        if not 0 <= base_version < 2**31:
            raise ValueError
    except ValidationError as error:
        return JsonResponse({"errors": {"fields": error.messages}}, status=400)
    except (ValueError, TypeError, OverflowError):
        return JsonResponse({"errors": {"fields": [_("The autosave could not be read.")]}}, status=400)
    saved = autosave.store(user, article, base_version, fields)
    stale = article is not None and base_version != article.version
    return JsonResponse({"saved_at": timezone.localtime(saved.saved_at).strftime("%H.%M"), "stale": stale})
