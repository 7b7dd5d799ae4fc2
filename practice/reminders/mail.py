"""The reminder email: plain text and HTML, with one-click unsubscribe (RFC 2369, RFC 8058)."""

from dataclasses import dataclass

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from practice.reminders.times import NUDGE


@dataclass(frozen=True)
class ReminderText:
    title: str
    body: str


def reminder_text(routine_name: str, kind: str) -> ReminderText:
    """Kind words for a push notification or an email subject: an invitation, never a scolding."""
    if kind == NUDGE:
        return ReminderText(
            title=f"Still time for {routine_name}",
            body="If you have a few minutes this evening, your routine is ready. "
            "If not, tomorrow is fine too.",
        )
    return ReminderText(
        title=f"Time for {routine_name}",
        body="Your acupressure routine is planned for now. Tap to start when you are ready.",
    )


def reminder_email(
    *,
    to: str,
    routine_name: str,
    kind: str,
    start_url: str,
    settings_url: str,
    unsubscribe_url: str,
    message_id: str,
) -> EmailMultiAlternatives:
    """One reminder email, ready to send.

    `message_id` is fixed for one routine, day and kind, so that a copy sent again after a
    crash can be recognised as the same message.
    """
    text = reminder_text(routine_name, kind)
    context = {
        "title": text.title,
        "body": text.body,
        "routine_name": routine_name,
        "start_url": start_url,
        "settings_url": settings_url,
        "unsubscribe_url": unsubscribe_url,
        "nudge": kind == NUDGE,
    }
    message = EmailMultiAlternatives(
        subject=text.title,
        body=render_to_string("practice/reminder_email.txt", context),
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": message_id,
            # Tells auto-responders not to answer an automatic message.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string("practice/reminder_email.html", context), "text/html"
    )
    return message
