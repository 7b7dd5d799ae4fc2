"""Mail goes out after the answer, from a thread of its own.

Sending takes as long as the mail server does; a page that waits for it answers more slowly
when an account exists than when none does, which tells a stranger which addresses are known.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.core.mail import EmailMessage

logger = logging.getLogger(__name__)


class Outgoing:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail")
        self._pending: list[Future] = []

    def send(self, message: EmailMessage) -> None:
        """Send `message` in the background (MAIL_IN_BACKGROUND), or now."""
        if not settings.MAIL_IN_BACKGROUND:
            message.send()
            return
        self._pending = [future for future in self._pending if not future.done()]
        self._pending.append(self._executor.submit(self._send, message))

    def wait(self) -> None:
        """Until everything handed over so far has gone (or failed)."""
        for future in list(self._pending):
            future.result()

    @staticmethod
    def _send(message: EmailMessage) -> None:
        try:
            message.send()
        except Exception:
            # Nobody is waiting for an answer any more: the log is the place to say it.
            logger.exception("Could not send the mail %r", message.subject)


outgoing = Outgoing()
