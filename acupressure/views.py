from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import cache

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_safe

from acupressure.htmx_errors import htmx_error_response, not_found_message


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "acupressure/home.html")


# Healthz gives the database this long, whatever its timeouts: a load balancer must hear
# within a second that this server cannot serve, not when its own probe gives up.
HEALTH_DEADLINE = 0.8
# Probes that outlive the deadline keep a thread until the database timeouts end them; a few
# threads, so that probing a hung database cannot pile them up.
_health_probes = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz")


def _database_answers() -> None:
    # A connection of the probe's own thread, closed after, so that every probe really reaches
    # the database.
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


@never_cache
@require_safe  # load balancers probe with GET or HEAD
def healthz(request: HttpRequest) -> HttpResponse:
    probe = _health_probes.submit(_database_answers)
    try:
        probe.result(timeout=HEALTH_DEADLINE)
    except FutureTimeout:
        response = HttpResponse(
            "database did not answer in time", content_type="text/plain", status=503
        )
        response["Retry-After"] = "30"
        return response
    return HttpResponse("ok", content_type="text/plain")


@cache_control(public=True, max_age=86400)
@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    # The catalogue is for everyone; a person's own pages are not for search engines.
    return HttpResponse(render_to_string("robots.txt"), content_type="text/plain; charset=utf-8")


@cache
def _favicon() -> bytes:
    return (settings.BASE_DIR / "static" / "images" / "favicon.ico").read_bytes()


@cache_control(public=True, max_age=7 * 86400)
@require_safe
def favicon_ico(request: HttpRequest) -> HttpResponse:
    # Browsers ask for /favicon.ico whatever the page says; answer it instead of a 404.
    return HttpResponse(_favicon(), content_type="image/x-icon")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if getattr(request, "htmx", False):
        # htmx would not show the page: say what went wrong in the alert instead.
        return htmx_error_response(not_found_message(request, exception), status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever broke may be in a context processor.
    return render(None, "500.html", status=500)
