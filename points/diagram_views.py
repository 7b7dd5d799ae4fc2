"""The body map page and each point's diagram as a PNG image."""

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from points import diagrams, edition
from points.lookup import resolve_label
from points.models import Point

# A drawing asked for under its edition (?v=, as the point page links it) never changes.
IMMUTABLE = 365 * 86400


@require_GET
def diagram_png(request: HttpRequest, code: str) -> HttpResponse:
    version = edition.stamp(edition.current()[0])
    # The code comes from the address: hashed, so any text makes a well-formed key.
    key = f"diagram-png:{version}:{hashlib.sha256(code.encode()).hexdigest()[:24]}"
    png = cache.get(key)
    if png is None:
        point = Point.objects.prefetch_related("marks").filter(code=code).first()
        if point is None:
            other = resolve_label(code)
            if other is None:
                raise Http404("No point has this code.")
            return redirect("points:diagram", code=other.code, permanent=True)
        png = draw_png(point)
        if png is None:
            raise Http404("This point has no diagram yet.")
        cache.set(key, png, edition.PAGE_TIMEOUT)
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{code}.png"'
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=IMMUTABLE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=86400)
    return response


def draw_png(point: Point) -> bytes | None:
    views = diagrams.primary_views(point)
    if not views:
        return None
    view = views[0]
    markers = diagrams.markers_for_point(point)[view]
    return diagrams.render_png(
        view,
        markers,
        scale=3,
        caption=diagrams.download_caption(point, view),
        frame=diagrams.close_up(view, markers),
    )


@require_GET
@edition.shared_page
def body_map(request: HttpRequest) -> HttpResponse:
    points = list(Point.objects.prefetch_related("marks"))
    list_url = reverse("points:list")
    regions = [
        {
            "value": value,
            "label": label,
            "url": f"{list_url}?region={value}",
            "count": sum(1 for point in points if point.region == value),
        }
        for value, label in Point.Region.choices
    ]
    urls = {region["value"]: region["url"] for region in regions}
    labels = {region["value"]: region["label"] for region in regions}

    figures, close_ups = diagrams.map_figures(points, urls, labels, drawings_url())
    context = {
        "figures": figures,
        "close_ups": close_ups,
        "regions": regions,
    }
    return render(request, "points/body_map.html", context)


def drawings_url() -> str:
    """The drawings document's address, under the version of its content."""
    return f"{reverse('points:drawings')}?v={diagrams.drawings.version()}"


@require_GET
def drawings_svg(request: HttpRequest) -> HttpResponse:
    """Every view's drawing in one SVG document, for the figures that draw by reference."""
    response = HttpResponse(diagrams.drawings.document(), content_type="image/svg+xml")
    if request.GET.get("v") == diagrams.drawings.version():
        patch_cache_control(response, public=True, max_age=IMMUTABLE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
