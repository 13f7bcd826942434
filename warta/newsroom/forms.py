from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from warta.articles import body
from warta.articles.models import Article
from warta.newsroom import bodytext


class ArticleForm(forms.ModelForm):
    """The article as the newsroom edits it: the body as marked-up text, and a version guard."""

    body_text = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 24, "cols": 90, "class": "body-text"}),
        help_text=_(
            "Blank line between paragraphs. ## subheading · > quotation (last line “> — who”) · "
            "- list · [foto NUMBER | caption | credit] · [embed https://youtube.com/...]"
        ),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "dek",
            "section",
            "tags",
            "dateline_city",
            "lead_photo",
            "comments_open",
            "pinned",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["body_text"].initial = bodytext.to_text(self.instance.body)
            self.fields["base_version"].initial = self.instance.version

    def clean_body_text(self) -> str:
        blocks = bodytext.from_text(self.cleaned_data["body_text"])
        self.cleaned_blocks = body.normalize(blocks)
        if not self.cleaned_blocks:
            raise ValidationError(_("The body is empty."))
        return self.cleaned_data["body_text"]

    def clean(self):
        cleaned = super().clean() or {}
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

    def save(self, commit: bool = True) -> Article:
        self.instance.body = getattr(self, "cleaned_blocks", self.instance.body)
        return super().save(commit)


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(label=_("Publish at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
