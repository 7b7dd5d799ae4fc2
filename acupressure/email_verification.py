"""Confirming that an email address belongs to the person who gave it.

The emailed link carries the account and the address, signed with the secret key and dated,
so nothing needs storing; it confirms only the address the account still has.
"""

from django.core import signing
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from acupressure.mail import outgoing
from acupressure.models import User

SALT = "acupressure.email-verification"
MAX_AGE = 3 * 24 * 3600  # seconds: the link works for three days


def make_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=SALT, compress=True)


def link_path(user: User) -> str:
    return reverse("email-verify", args=[make_token(user)])


def confirm(token: str) -> User | None:
    """The user whose current address the token confirms (now marked so), or None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).exclude(email="").first()
    if user is None:
        return None
    if not user.email_verified:
        user.email_verified = True
        user.save(update_fields=["email_verified"])
    return user


def send_link(request: HttpRequest, user: User) -> None:
    context = {"user": user, "link": request.build_absolute_uri(link_path(user))}
    subject = render_to_string("registration/verify_email_subject.txt", context).strip()
    body = render_to_string("registration/verify_email_email.txt", context)
    outgoing.send(EmailMessage(subject, body, to=[user.email]))
