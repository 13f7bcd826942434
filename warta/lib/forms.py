"""A form renderer that writes Django's simple widgets in Python.

Django renders every widget through its template engine: an <input> costs about 0.4 ms on this
kind of machine (its template, the included attrs.html), so the reader's comment form spent some
3.5 ms of every article page rendered from nothing on eight inputs. This renderer writes the
same markup, byte for byte, for the templates below and leaves every other template (a select,
a form layout) to Django. tests/test_plain_widgets.py compares the two on every field of the
comment form, bound and unbound, valid and not.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = {f"{WIDGETS}{name}.html" for name in ("input", "text", "email", "url", "hidden", "number", "password")}
INPUTS |= {f"{WIDGETS}{name}.html" for name in ("checkbox", "search", "tel", "date", "datetime", "time")}
TEXTAREA = f"{WIDGETS}textarea.html"


def attributes(attrs: dict[str, Any]) -> str:
    """attrs.html: True is a bare attribute, False none, anything else name="value"."""
    written = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            written.append(f" {conditional_escape(name)}")
        else:
            written.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(written)


class PlainWidgets(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if widget is None or not isinstance(widget.get("attrs"), dict):
            return super().render(template_name, context, request)
        if template_name in INPUTS:
            value = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
            written = f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            return mark_safe(f"{written}{value}{attributes(widget['attrs'])}>")  # noqa: S308 - escaped above
        if template_name == TEXTAREA:
            text = conditional_escape(widget["value"]) if widget["value"] else ""
            written = f'<textarea name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>'
            return mark_safe(f"{written}\n{text}</textarea>")  # noqa: S308 - escaped above
        return super().render(template_name, context, request)
