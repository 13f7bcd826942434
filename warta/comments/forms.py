"""The reader's comment form: every message in the site's language, every field kept on error."""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.core.validators import MaxLengthValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from warta.lib.forms import PlainWidgets
from warta.sitesettings import values as site_values

TOKEN_SALT = "warta.comments.form"  # noqa: S105 - a signing namespace, not a secret
# A cached page may carry an old token; past this age the reader is asked to send again.
TOKEN_MAX_AGE = 7 * 24 * 3600


def form_token() -> str:
    """A signed timestamp of when the form was shown, for the minimum time-to-submit."""
    return signing.dumps(int(time.time()), salt=TOKEN_SALT)


class PrivateEmailInput(forms.EmailInput):
    """An email input that never writes the address back into the page.

    We promise readers their email never appears in a page or an HTML attribute; that holds for
    the page that answers their own form, too. JavaScript refills it from the reader's browser.
    """

    def format_value(self, value: object) -> None:
        return None


class WebsiteField(forms.URLField):
    # Instead of Django's validator, not beside it: both refused "bukan-url" and the reader was
    # told the same thing twice. Only web addresses: no javascript:, ftp: or mailto: links.
    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentForm(forms.Form):
    # Shown on every article page: its inputs written in Python, not by the template engine.
    default_renderer = PlainWidgets()

    text = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        error_messages={"required": _("Comment is required.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Name is required."),
            "max_length": _("The name is too long: at most %(limit_value)d characters."),
        },
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=PrivateEmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Email is required."),
            "invalid": _("Enter a valid email address, such as nama@contoh.id."),
        },
    )
    website = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        error_messages={"invalid": _("Enter a valid web address, such as https://contoh.id.")},
    )
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people by CSS and from screen readers; bots fill it in.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = site_values.current().comment_max_length
        self.fields["text"].validators.append(MaxLengthValidator(limit))
        self.fields["text"].widget.attrs["maxlength"] = limit
        self.fields["text"].error_messages["max_length"] = _(
            "The comment is too long: at most %(limit_value)d characters (it has %(show_value)d)."
        )
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial.setdefault("token", form_token())

    def clean_token(self) -> float:
        """Return how many seconds the reader took; a missing, forged or stale token is an error."""
        expired = forms.ValidationError(
            _("This form has expired. Your comment is kept below: please send it again."),
            code="expired",
        )
        try:
            shown_at = signing.loads(self.cleaned_data["token"], salt=TOKEN_SALT)
        except signing.BadSignature:
            raise expired from None
        if not isinstance(shown_at, int):
            raise expired
        seconds = time.time() - shown_at
        if seconds > TOKEN_MAX_AGE:
            raise expired
        return seconds

    def clean_email(self) -> str:
        # One person, one address: moderation history must not depend on capital letters.
        return self.cleaned_data["email"].strip().lower()

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError(_("Comment is required."), code="required")
        return text
