from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from acupressure.htmx_errors import htmx_error_response, not_found_message
from points.models import Point


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "acupressure/home.html")


# Points traditionally avoided in pregnancy, and those some lists add (see the safety page).
PREGNANCY_CODES = ["LI4", "SP6", "BL60", "GB21"]
PREGNANCY_EXTRA_CODES = ["BL67"]
NERVE_CAUTIONS = [
    ("BL40", "the tibial nerve and the large vessels behind the knee lie just beneath it"),
    ("GB30", "the sciatic nerve runs deep under this buttock point"),
    ("LR3", "it sits over an artery on the top of the foot, where you can often feel a pulse"),
]


@require_GET
def safety(request: HttpRequest) -> HttpResponse:
    # Only the points the catalogue holds get a link.
    codes = PREGNANCY_CODES + PREGNANCY_EXTRA_CODES + [code for code, _ in NERVE_CAUTIONS]
    urls = {point.code: point.get_absolute_url() for point in Point.objects.filter(code__in=codes)}

    def links(codes: list[str]) -> list[dict]:
        return [{"code": code, "url": urls.get(code)} for code in codes]

    context = {
        "pregnancy_links": links(PREGNANCY_CODES),
        "pregnancy_extra_links": links(PREGNANCY_EXTRA_CODES),
        "nerve_links": [
            {"code": code, "url": urls.get(code), "note": note} for code, note in NERVE_CAUTIONS
        ],
    }
    return render(request, "acupressure/safety.html", context)


@never_cache
@require_safe  # load balancers probe with GET or HEAD
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


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
