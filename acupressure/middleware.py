import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from acupressure.htmx_errors import htmx_error_response

logger = logging.getLogger(__name__)


class UserTimezoneMiddleware:
    """Show dates and times in the signed-in user's own time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# A person's own pages: journal, summary, exports, routines and their cards, sessions, settings,
# the calendar feed. No shared cache may keep them, nor the browser's disk cache on a shared
# computer. The starter routines are the same for everyone.
PRIVATE_PREFIXES = ("/journal/", "/today/", "/routines/", "/practice/", "/accounts/", "/calendar/")
PUBLIC_UNDER_PRIVATE = ("/routines/starters/",)


class PrivatePagesMiddleware:
    """Send ``Cache-Control: private, no-store`` with every private page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path_info
        if path.startswith(PRIVATE_PREFIXES) and not path.startswith(PUBLIC_UNDER_PRIVATE):
            response.headers.pop("Cache-Control", None)
            add_never_cache_headers(response)
        return response


class RejectNulBytesMiddleware:
    """Answer 404 to a NUL byte in the address: no page has one.

    PostgreSQL refuses NUL in text, so a NUL reaching a lookup such as ``code=<the URL's
    part>`` would be a 500 there (SQLite just finds nothing). Checked here once for every view.
    Form and query values are the forms' business (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info:
            # Raised, so that the project's own 404 page answers.
            raise Http404("No address contains a NUL character.")
        return self.get_response(request)


def is_database_unavailable(exception: BaseException | None) -> bool:
    """True for errors that mean the database cannot be reached or is busy, not bad data."""
    if isinstance(exception, OperationalError | InterfaceError):
        return True
    return isinstance(exception, DatabaseError) and "connect" in str(exception).lower()


DATABASE_UNAVAILABLE = (
    "The app cannot reach its database just now, so nothing was saved. Try again in a minute."
)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        # htmx would leave the page as it was: say so in the alert htmx requests get.
        response = htmx_error_response(DATABASE_UNAVAILABLE, 503)
    else:
        # Rendered without context processors: they may need the database that is missing.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response.headers["Retry-After"] = "30"
    response.headers["Cache-Control"] = "no-store"
    # Made outside the middleware that would add it.
    response.headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    return response


def _remember_database_error(sender: object, request: HttpRequest | None = None, **kwargs) -> None:
    # Django turns an exception raised by a middleware (loading the session or the user) into
    # a 500 before an outer middleware sees it; mark the request so the 500 becomes a 503.
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        request._database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Answer 503 with a page in the app's look when the database cannot be reached.

    The failed statement's transaction has been rolled back (views that write several rows
    do so inside ``transaction.atomic``), so nothing is half written.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(
            _remember_database_error, dispatch_uid="acupressure-database-unavailable"
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_unavailable", False):
            return database_unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_unavailable(exception):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable_response(request)
        return None
