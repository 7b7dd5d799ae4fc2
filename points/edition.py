"""The catalogue's edition, and serving what is the same for everyone from the cache.

The catalogue changes only when it is loaded (`load_catalogue`) or edited in the admin. Both
raise the edition number, which lives in the database so that every app server sees it at once;
cached pages and drawings are keyed by it, so a change shows everywhere on the next request and
nothing ever needs clearing by hand. Reading the number is one small query, the price of a
bare request.
"""

import hashlib
from collections.abc import Callable
from functools import cache as once
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag

from acupressure.htmx import CHOOSING_HEADERS

# A day: entries of an old edition are never asked for again and simply age out.
PAGE_TIMEOUT = 24 * 3600


def current() -> tuple[int, float]:
    """The edition number and when it last changed (a Unix time); (0, 0) before any load."""
    from points.models import Edition

    row = Edition.objects.filter(pk=1).values_list("number", "changed_at").first()
    if row is None:
        return 0, 0.0
    return row[0], row[1].timestamp()


@once
def release() -> str:
    """A fingerprint of what draws the catalogue: its templates, the drawings and the palette.

    Part of every key and drawing address besides the edition, so that a deploy that retouches
    a drawing or a page is never answered from a cache filled by the release before it (Redis
    outlives a deploy; browsers keep drawings for a year).
    """
    root = settings.BASE_DIR
    files = sorted(
        [
            *(root / "templates").rglob("*.html"),
            *(root / "points" / "diagrams").rglob("*.svg"),
            *(root / "points" / "diagrams").rglob("*.py"),
            root / "static" / "css" / "tokens.css",
        ]
    )
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def stamp(number: int) -> str:
    """The edition and the release together: what cached catalogue output is keyed by."""
    return f"{number}.{release()}"


def bump() -> None:
    """Start a new edition: every cached catalogue page and drawing is stale from now on."""
    from points.models import Edition

    now = timezone.now()
    if not Edition.objects.filter(pk=1).update(number=F("number") + 1, changed_at=now):
        Edition.objects.get_or_create(pk=1, defaults={"number": 1})


def _changed(sender: type, **kwargs: object) -> None:
    # Fixture loading (raw) and the "pre_" half of a many-to-many change are not edits yet.
    if kwargs.get("raw") or str(kwargs.get("action", "")).startswith("pre_"):
        return
    bump()


def connect_signals() -> None:
    """Any save or delete of a catalogue row, from the admin or anywhere, starts an edition."""
    from points.models import (
        Alias,
        Claim,
        Complaint,
        LabelNote,
        Mark,
        Overclaim,
        Point,
        Source,
    )

    for model in (Source, Complaint, Point, Alias, Claim, Mark, Overclaim, LabelNote):
        uid = f"points-edition-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(
        _changed, sender=Point.complaints.through, dispatch_uid="points-edition-complaints"
    )


def _is_anonymous(request: HttpRequest) -> bool:
    # No session at all: nobody signed in, no message waiting. Checked on the cookie so that
    # the session is never loaded for a visitor.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _page_key(request: HttpRequest, number: int) -> str:
    varies = "|".join(request.headers.get(name, "") for name in CHOOSING_HEADERS)
    digest = hashlib.sha256(f"{request.get_full_path()}|{varies}".encode()).hexdigest()[:32]
    return f"catalogue-page:{stamp(number)}:{digest}"


def shared_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a catalogue page from the shared cache to visitors who are not signed in.

    Only a page made for nobody in particular is stored: status 200, no cookie set, asked for
    without a session. A signed-in person's page (their flags, their CSRF token) is always made
    afresh and never stored. Every answer carries the edition-based validators, so a browser
    that already has this edition of the page gets a 304.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        number, changed = current()
        request.catalogue_edition = stamp(number)
        if request.method not in ("GET", "HEAD") or not _is_anonymous(request):
            return view(request, *args, **kwargs)
        key = _page_key(request, number)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            if response.status_code != 200 or response.streaming or personal:
                return response
            response["ETag"] = quote_etag(hashlib.md5(response.content).hexdigest())  # noqa: S324
            response["Last-Modified"] = http_date(changed or None)
            patch_vary_headers(response, ("Cookie", *CHOOSING_HEADERS))
            cache.set(key, response, PAGE_TIMEOUT)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(changed) or None,
            response=response,
        )

    return wrapper
