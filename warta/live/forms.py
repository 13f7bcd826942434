"""The live desk's forms: one entry (written with the same block editor as articles, or with
the same text marks without JavaScript), and breaking news."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from warta.articles import body
from warta.authors.models import Author
from warta.lib.text import plain_text
from warta.live.models import Breaking, LiveEntry
from warta.newsroom import bodytext


class EntryForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("A title alone is enough for a flash; key events are listed by it."),
    )
    body_text = forms.CharField(
        label=gettext_lazy("Entry"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80, "class": "body-text"}),
        help_text=gettext_lazy(
            "Blank line between paragraphs. > quotation · - list · [foto NUMBER | caption | credit] · "
            "[embed https://x.com/...]"
        ),
    )
    # Written by the block editor; when present it wins over body_text (which it hides).
    body_json = forms.CharField(widget=forms.HiddenInput, required=False)
    author = forms.ModelChoiceField(label=gettext_lazy("Author"), queryset=Author.objects.all(), required=False)
    key_event = forms.BooleanField(label=gettext_lazy("Key event"), required=False)
    posted_at = forms.DateTimeField(
        label=gettext_lazy("Time"),
        required=False,
        help_text=gettext_lazy("Empty: now. For an entry about something that happened earlier."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, entry: LiveEntry | None = None, **kwargs: Any) -> None:
        self.entry = entry
        if entry is not None and "initial" not in kwargs and not args:
            kwargs["initial"] = {
                "title": entry.title,
                "body_text": bodytext.to_text(entry.body),
                "author": entry.author_id,
                "key_event": entry.key_event,
                "posted_at": timezone.localtime(entry.posted_at),
                "base_version": entry.version,
            }
        super().__init__(*args, **kwargs)
        self.cleaned_blocks: list[dict[str, Any]] = []

    def clean_body_json(self) -> str:
        raw: str = self.cleaned_data["body_json"]
        if raw:
            try:
                json.loads(raw)
            except ValueError:
                raise ValidationError(_("The editor sent an entry that cannot be read; try again.")) from None
        return raw

    def clean_posted_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = self.cleaned_data.get("posted_at")
        if value is not None and value > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError(_("An entry cannot be dated in the future."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            raw = json.loads(cleaned["body_json"]) if cleaned.get("body_json") else None
            blocks = raw if raw is not None else bodytext.from_text(cleaned.get("body_text", ""))
            self.cleaned_blocks = body.normalize(blocks)
        except ValidationError as error:
            self.add_error("body_text", error)
            return cleaned
        # A one-line flash ("Hakim ketok palu: vonis 5 tahun") is a title alone; an entry needs
        # one or the other. The title's errors (too long) are its own: not "empty" on top.
        if not self.cleaned_blocks and not cleaned.get("title") and "title" not in self.errors:
            self.add_error(
                None, ValidationError(_("The entry is empty: write a title, some text, or both."), code="empty")
            )
        if self.entry is not None:
            current = LiveEntry.objects.filter(pk=self.entry.pk).values_list("version", flat=True).first()
            if current is None:
                raise ValidationError(
                    _("This entry was deleted meanwhile. Your text is below: post it as a new entry.")
                )
            if cleaned.get("base_version") != current:
                raise ValidationError(
                    _("Someone changed this entry after you opened it. Your text is below: open it again and reapply.")
                )
        return cleaned


class BreakingForm(forms.ModelForm):
    """Marking an article *Breaking*: the expiry is required, in the future and within two days."""

    MAX_HOURS = 48

    class Meta:
        model = Breaking
        fields = ["article", "label", "expires_at"]

    def clean_label(self) -> str:
        """The bar is one line of plain text, like a headline: "<b>Gempa</b>" is saved as "Gempa"
        (escaped where shown, so tags would read as words; never HTML)."""
        return plain_text(self.cleaned_data["label"])

    def clean_expires_at(self) -> datetime.datetime:
        value: datetime.datetime = self.cleaned_data["expires_at"]
        now = timezone.now()
        if value <= now and not (self.instance.pk and self.instance.cleared_at):
            raise ValidationError(_("The expiry must be in the future."))
        if value > now + datetime.timedelta(hours=self.MAX_HOURS):
            raise ValidationError(_("Breaking news lasts at most 48 hours; choose an earlier expiry."))
        return value

    def clean_article(self) -> Any:
        article = self.cleaned_data["article"]
        if article is not None and not article.is_released:
            raise ValidationError(_("Only a published article can be marked breaking."))
        return article
