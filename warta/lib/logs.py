"""Log records of requests a stranger can send at will, kept short.

Django logs every refused request (a 403 from another site's form, a 400 for a bad Host header
or 5,000 form fields) with the whole traceback, and the request's own text in the message: a
stranger could fill the log cheaply and bury the failures that matter. A client error keeps its
one line, cut to MESSAGE_CHARACTERS; a server error (5xx) keeps everything.
"""

from __future__ import annotations

import logging

MESSAGE_CHARACTERS = 300


class ShortClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            message = record.getMessage()
            if len(message) > MESSAGE_CHARACTERS:
                message = message[:MESSAGE_CHARACTERS] + "…"
            record.msg, record.args = message, ()
            record.exc_info, record.exc_text = None, None
        return True
