"""An SMTP server on 127.0.0.1 that keeps what it receives, for tests of real mail delivery."""

import email
import email.policy
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage


@dataclass
class SinkHandler:
    messages: list[Received] = field(default_factory=list)
    # Cleared to make the server stall before it accepts a message (a slow or hung server).
    accepting: threading.Event = field(default_factory=threading.Event)
    refuse: bool = False
    # With a number set, the server stalls before taking the message after that many, as a
    # hung server would, until released; `stalled` counts senders waiting there.
    stall_after: int | None = None
    released: threading.Event = field(default_factory=threading.Event)
    stalled: int = 0

    def __post_init__(self) -> None:
        self.accepting.set()

    async def handle_MAIL(self, server, session, envelope, address, mail_options) -> str:  # noqa: N802
        import asyncio

        if self.stall_after is not None and len(self.messages) >= self.stall_after:
            self.stalled += 1
            while not self.released.is_set():
                await asyncio.sleep(0.05)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        import asyncio

        while not self.accepting.is_set():
            await asyncio.sleep(0.05)
        if self.refuse:
            return "451 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(Received(list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SMTPSink(Controller):
    """aiosmtpd's threaded controller, bound to a free port chosen by the system."""

    def __init__(self) -> None:
        self.handler = SinkHandler()
        super().__init__(self.handler, hostname="127.0.0.1", port=0)

    def _trigger_server(self) -> None:
        # Port 0 asks the system for a free port; the controller must connect to the real one.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    def mailers(self, timeout: float = 5) -> dict:
        """A MAILERS setting that sends through this sink."""
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "127.0.0.1",
                    "port": self.port,
                    "use_tls": False,
                    "timeout": timeout,
                },
            }
        }
