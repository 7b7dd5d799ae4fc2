"""Share links to the clinician summary: made, found by token, opened and revoked.

The token is 32 random bytes (256 bits) in URL-safe base64; the database keeps its SHA-256, so
a link is found by hashing what was asked for. Unknown, expired and revoked tokens all answer
the same 404, and nothing in the address counts up, so links cannot be guessed or walked.
"""

import datetime
import hashlib
import secrets

from django.db.models import Count, QuerySet
from django.http import Http404

from journal.models import ShareLink, ShareOpening

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_link(user, days: int, weeks: int | None, now: datetime.datetime) -> tuple[ShareLink, str]:
    """A new link and its token, which is shown this once and never stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink.objects.create(
        user=user,
        token_hash=token_hash(token),
        weeks=weeks,
        created=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    return link, token


def links_for_user(user) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(user=user).annotate(opened=Count("openings"))


def get_link_for_user(user, pk: int) -> ShareLink:
    try:
        return ShareLink.objects.get(user=user, pk=pk)
    except ShareLink.DoesNotExist:
        raise Http404("No such link.") from None


def open_link(token: str, now: datetime.datetime, browser: str = "") -> ShareLink:
    """The open link with this token, its opening logged; 404 for any other."""
    if not token or len(token) > 100:
        raise Http404("No such link.")
    try:
        link = ShareLink.objects.select_related("user").get(token_hash=token_hash(token))
    except ShareLink.DoesNotExist:
        raise Http404("No such link.") from None
    if not link.is_open(now) or not link.user.is_active:
        raise Http404("No such link.")
    ShareOpening.objects.create(link=link, opened_at=now, browser=browser[:200])
    return link


def revoke(link: ShareLink, now: datetime.datetime) -> None:
    if link.revoked_at is None:
        link.revoked_at = now
        link.save(update_fields=["revoked_at"])
