"""What the app writes to its logs: one line for noise, and no secret in any line.

Some addresses carry a secret: the private calendar feed, the emailed password-reset and
email-verification links. Whoever reads a log could use
them, so they are written with the secret replaced (gunicorn's access log goes through
acupressure/gunicorn_logging.py, which uses the same rule).
"""

import logging
import re

# The secret part of each address that has one, and what stands in its place.
SECRET_ADDRESSES = [
    (re.compile(r"(/calendar/)[A-Za-z0-9_-]+(\.ics)"), r"\1…\2"),
    (re.compile(r"(/accounts/password/reset/)[^/\s\"?]+/[^/\s\"?]+"), r"\1…/…"),
    (re.compile(r"(/accounts/email/verify/)[^/\s\"?]+"), r"\1…"),
]


def hide_tokens(text: str) -> str:
    for pattern, replacement in SECRET_ADDRESSES:
        text = pattern.sub(replacement, text)
    return text


class HideTokens(logging.Filter):
    """Rewrites a record's message so that no secret address is written out."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = hide_tokens(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True


class OneLine(logging.Filter):
    """Drops the traceback: the message says all there is to know."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
