"""The body map page and each point's diagram as a PNG image."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from points import diagram
from points.lookup import resolve_label
from points.models import Point

# The map: the two standing figures first, then the close-up views.
MAP_FIGURES = ("back", "front")
MAP_CLOSE_UPS = (
    "leg-back",
    "leg-side",
    "leg-inner",
    "foot-top",
    "foot-inner",
    "hand-back",
    "hand-palm",
    "head",
)
# Two close-ups share a phone's width, some 155 pixels each: a dot of about 6.5 pixels in
# radius is then a 24th of the view's width.
CLOSE_UP_DOT_RADIUS = 1 / 24


@require_GET
@cache_control(public=True, max_age=86400)
def diagram_png(request: HttpRequest, code: str) -> HttpResponse:
    point = Point.objects.prefetch_related("marks").filter(code=code).first()
    if point is None:
        other = resolve_label(code)
        if other is None:
            raise Http404("No point has this code.")
        return redirect("points:diagram", code=other.code, permanent=True)
    views = diagram.primary_views(point)
    if not views:
        raise Http404("This point has no diagram yet.")
    view = views[0]
    markers = diagram.markers_for_point(point)[view]
    png = diagram.render_png(
        view,
        markers,
        scale=3,
        caption=f"{point.code} {point.pinyin} · {point.name}",
        frame=diagram.close_up(view, markers),
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{point.code}.png"'
    return response


@require_GET
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

    markers: dict[str, list[diagram.Marker]] = {}
    for point in points:
        for view, view_markers in diagram.markers_for_point(point, link=True).items():
            markers.setdefault(view, []).extend(view_markers)

    def figure(view: str, *, close_up: bool) -> dict:
        spec = diagram.VIEWS[view]
        shown = [
            diagram.Marker(m.x, m.y, m.label, m.url, highlight=False) for m in markers.get(view, [])
        ]
        scale = 1.0
        if close_up:
            # Drawn at about half the size of the standing figures, their dots would be too
            # small to see or tap on a phone.
            wanted = spec.width * CLOSE_UP_DOT_RADIUS / diagram.MARKER_RADIUS_MUTED
            scale = diagram.marker_scale(shown, wanted)
        codes = sorted({marker.label.split()[0] for marker in shown})
        description = f"Body regions on the {spec.title.lower()}, each a link to its points" + (
            f", and the points {', '.join(codes)}." if codes else "."
        )
        return {
            "view": spec,
            "svg": diagram.render_svg(
                view,
                shown,
                title=f"Body map: {spec.title.lower()}",
                description=description,
                css_class="body-map-svg",
                areas=diagram.region_areas(view, urls, labels),
                scale=scale,
            ),
        }

    context = {
        "figures": [figure(view, close_up=False) for view in MAP_FIGURES],
        "close_ups": [figure(view, close_up=True) for view in MAP_CLOSE_UPS],
        "regions": regions,
    }
    return render(request, "points/body_map.html", context)
