from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from warta.complaints.models import Complaint

MAX_LENGTH = 5000


class ComplaintForm(forms.ModelForm):
    """What a reader sends: what is wrong, in their words, and where the newsroom can answer."""

    # A field people never see: bots fill it in (see comments.forms for the same trap). Out of
    # the keyboard's way too: a reader tabbing through the form must not land in it.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Complaint
        fields = ["kind", "text", "name", "email"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_LENGTH}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {"text": _("What is wrong, and why"), "email": _("Email (for our answer; never published)")}
        error_messages = {
            "kind": {"required": _("Choose what is wrong.")},
            "text": {"required": _("Tell us what is wrong.")},
            "email": {
                "required": _("Give an email address so we can answer you."),
                "invalid": _("Check the email address."),
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The reader chooses what is wrong: no "---------" choice, and none chosen for them (a
        # pre-checked blank would also keep the browser from asking for a choice).
        kind = self.fields["kind"]
        kind.choices = [choice for choice in kind.choices if choice[0] != ""]  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) > MAX_LENGTH:
            raise forms.ValidationError(_("At most %(n)d characters, please.") % {"n": MAX_LENGTH})
        if len(text) < 10:
            raise forms.ValidationError(_("Tell us a little more (at least 10 characters)."))
        return text
