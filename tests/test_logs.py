"""Refused requests leave one short line in the log; failures keep their traceback."""

from __future__ import annotations

import io
import logging
import sys

from warta.lib.logs import MESSAGE_CHARACTERS, ShortClientErrors


def record(status: int | None, message: str = "Forbidden (%s): %s") -> logging.LogRecord:
    try:
        raise PermissionError("no")
    except PermissionError:
        exc_info = sys.exc_info()
    made = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, ("x", "/p"), exc_info)
    if status is not None:
        made.status_code = status
    return made


def test_a_client_error_keeps_one_short_line_without_traceback() -> None:
    refused = record(400, "Invalid HTTP_HOST header: %r")
    refused.args = ("h" * 5000,)
    assert ShortClientErrors().filter(refused)
    line = logging.Formatter().format(refused)
    assert "Traceback" not in line and "\n" not in line
    assert line.startswith("Invalid HTTP_HOST header: 'hhh") and len(line) <= MESSAGE_CHARACTERS + 1


def test_a_server_error_and_other_records_keep_everything() -> None:
    for kept in (record(500), record(None)):
        assert ShortClientErrors().filter(kept)
        assert "Traceback" in logging.Formatter().format(kept)


def test_a_refused_comment_from_another_site_is_one_line_in_the_sites_log(client, seed) -> None:
    console = next(  # the site's own handler, not one of pytest's capturing ones
        h for h in logging.getLogger().handlers if any(isinstance(f, ShortClientErrors) for f in h.filters)
    )
    assert isinstance(console, logging.StreamHandler)
    written = io.StringIO()
    stream = console.setStream(written)
    try:
        response = client.post(f"/komentar/{seed.pk}/", {"text": "x"}, HTTP_ORIGIN="https://penipu.example")
    finally:
        console.setStream(stream)
    assert response.status_code == 403
    assert written.getvalue().count("\n") == 1 and "Traceback" not in written.getvalue()
    assert "Forbidden" in written.getvalue()
