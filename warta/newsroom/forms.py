from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from warta.articles import body
from warta.articles.models import Article
from warta.newsroom import bodytext
from warta.taxonomy.models import Tag

SLUG_LENGTH = 80


class TypedSlugField(forms.CharField):
    """Any text: clean_slug makes an address of it (a slug field would refuse "Banjir Pesisir")."""

    def __init__(self, *, allow_unicode: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)


class ArticleForm(forms.ModelForm):
    """The article as the newsroom edits it: the body as blocks (JSON from the block editor, or
    marked-up text without JavaScript), tags typed by name, and a version guard."""

    body_text = forms.CharField(
        label=_("Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90, "class": "body-text"}),
        help_text=_(
            "Blank line between paragraphs. ## subheading · > quotation (last line “> — who”) · "
            "- list · [foto NUMBER | caption | credit] (several lines: a gallery) · "
            "[embed https://youtube.com/...] · [baca juga NUMBER] · ---"
        ),
    )
    # Written by the block editor; when present it wins over body_text (which it hides).
    body_json = forms.CharField(widget=forms.HiddenInput, required=False)
    tags_text = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=2000,
        help_text=_("Separated by commas; a new name makes a new tag."),
        widget=forms.TextInput(attrs={"class": "vLargeTextField", "autocomplete": "off"}),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["headline", "slug", "dek", "section", "dateline_city", "lead_photo", "comments_open", "pinned"]
        fields += ["kind", "needs_verification", "verifies", "involves_child", "ai_disclosure"]  # Pedoman
        field_classes = {"slug": TypedSlugField}
        widgets = {
            # A box that wraps (a phone shows the whole headline); one line all the same (clean_headline).
            "headline": forms.Textarea(attrs={"class": "headline-input", "rows": 1, "autocomplete": "off"}),
            "dek": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "headline": {
                "max_length": _(
                    "A headline has at most %(limit_value)d characters; this one has %(show_value)d. "
                    "Shorten it: what you typed is still in the field."
                )
            }
        }

    def clean_headline(self) -> str:
        """One line: a line break typed or pasted into the box is a space."""
        return " ".join(self.cleaned_data.get("headline", "").split())

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or self.instance.kind or Article.Kind.NEWS

    def clean_slug(self) -> str:
        """Addresses are lower case with hyphens, as WordPress makes them (and readers type them):
        a typed "Banjir Pesisir" or "Banjir-Pesisir" is kept as banjir-pesisir, its uniqueness
        checked as such."""
        typed = self.cleaned_data.get("slug") or ""
        slug = slugify(re.sub("[./\u2013\u2014]", "-", typed))  # dots, slashes, en and em dashes: hyphens
        if typed.strip() and not slug:
            raise ValidationError(
                _("An address needs letters or digits: “%(typed)s” has none."), params={"typed": typed}
            )
        return slug

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # not when the page only shows the article (a writer's, published)
            self.fields["slug"].required = False  # made from the headline when left empty
        if "headline" in self.fields:
            # No maxlength in the page: a browser cuts a pasted headline at it without a word, and
            # the writer publishes half a sentence. Too long is refused here instead, saying so.
            headline = self.fields["headline"]
            headline.widget.attrs.pop("maxlength", None)
            headline.help_text = _("At most %(limit)d characters; search engines show about 70.") % {
                "limit": Article._meta.get_field("headline").max_length
            }
        if "kind" in self.fields:  # a form sent without it (an older desk, a script) keeps the kind
            self.fields["kind"].required = False
        self.body_before = self.instance.body  # what "the body changed" is measured against
        if self.instance.pk:
            self.fields["body_text"].initial = bodytext.to_text(self.instance.body)
            self.fields["base_version"].initial = self.instance.version
            self.fields["tags_text"].initial = ", ".join(t.name for t in self.instance.tags.all())

    def clean_body_json(self) -> str:
        raw = self.cleaned_data["body_json"]
        if raw:
            try:
                json.loads(raw)
            except ValueError:
                raise ValidationError(_("The editor sent a body that cannot be read; try again.")) from None
        return raw

    def clean_tags_text(self) -> list[str]:
        names: list[str] = []
        for name in self.cleaned_data["tags_text"].split(","):
            name = " ".join(name.split())
            if not name:
                continue
            if len(name) > 80 or not slugify(name):
                raise ValidationError(
                    _("“%(name)s” cannot be a tag: use at most 80 letters or digits."), params={"name": name[:90]}
                )
            if name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return names

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_body(cleaned)
        self._follow_headline(cleaned)
        if self.instance.pk:
            current = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if cleaned.get("base_version") != current:
                raise ValidationError(
                    _(
                        "Someone saved this article after you opened it. Your text is below: copy your changes, "
                        "open the article again, and apply them to the newest version."
                    ),
                    code="stale",
                )
        return cleaned

    def _clean_body(self, cleaned: dict[str, Any]) -> None:
        """Blocks from the editor's JSON, or from the text; normalised and sanitised either way,
        so a hand-made POST cannot store what the body's sanitiser would refuse."""
        try:
            raw = json.loads(cleaned["body_json"]) if cleaned.get("body_json") else None
            blocks = raw if raw is not None else bodytext.from_text(cleaned.get("body_text", ""))
            self.cleaned_blocks = body.normalize(blocks)
        except ValidationError as error:
            self.add_error("body_text", error)
            return
        if not self.cleaned_blocks:
            self.add_error("body_text", ValidationError(_("The body is empty.")))

    def _follow_headline(self, cleaned: dict[str, Any]) -> None:
        """Until first publication the address follows the headline, unless the writer typed one."""
        headline, slug = cleaned.get("headline"), cleaned.get("slug") or ""
        if self.instance.first_published_at or not headline:
            cleaned["slug"] = slug or self.instance.slug
            return
        derived = _slug_of(headline)
        untouched = slug == self.instance.slug and _is_derived(self.instance.slug, self.instance.headline)
        if not slug or untouched or slug == derived:
            cleaned["slug"] = unique_slug(derived, self.instance.pk)

    @cached_property
    def changed_data(self) -> list[str]:
        """What the audit log says changed. The desk sends the body twice (as blocks and as text)
        and its version with every save: those changed only if the body's blocks did."""
        changed = list(super().changed_data)  # Django's own reckoning (cached under the same name: replaced below)
        changed = [name for name in changed if name not in ("body_text", "body_json", "base_version")]
        if "kind" not in self.data:  # not sent: kept (clean_kind), not changed
            changed = [name for name in changed if name != "kind"]
        if getattr(self, "cleaned_blocks", self.body_before) != self.body_before:
            changed.append("body_text")
        return changed

    def save(self, commit: bool = True) -> Article:
        self.instance.body = getattr(self, "cleaned_blocks", self.instance.body)
        return super().save(commit)

    def save_tags(self, article: Article) -> None:
        """Set the typed tags, creating the new ones."""
        tags = []
        for name in self.cleaned_data.get("tags_text") or []:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name, slug=unique_tag_slug(name))
            tags.append(tag)
        article.tags.set(tags)


def _slug_of(headline: str) -> str:
    return slugify(headline)[:SLUG_LENGTH].strip("-") or "artikel"


def _is_derived(slug: str, headline: str) -> bool:
    return bool(slug) and re.fullmatch(re.escape(_slug_of(headline)) + r"(-\d+)?", slug) is not None


def unique_slug(slug: str, exclude_pk: int | None) -> str:
    others = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    taken_set = set(others.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken_set:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def unique_tag_slug(name: str) -> str:
    slug, n = slugify(name)[:70], 2
    candidate = slug
    while Tag.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(label=_("Publish at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
