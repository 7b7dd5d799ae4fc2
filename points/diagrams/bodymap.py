"""The body map: the standing figures and the close-ups, every marked point a link on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

from points.diagrams.art import VIEWS, View
from points.diagrams.marks import MARKER_RADIUS_MUTED, Area, Marker, markers_for_point
from points.diagrams.svg import marker_scale, render_svg

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class MapFigure:
    view: View
    svg: SafeString


def region_areas(view: str, urls: Mapping[str, str], labels: Mapping[str, str]) -> list[Area]:
    """Link areas for the body regions a view shows."""
    return [
        Area(tuple(polygon), urls[region], labels[region], label_at)
        for region, polygon, label_at in VIEWS[view].regions
        if region in urls
    ]


def _figure(
    view: str, markers: list[Marker], urls: Mapping[str, str], labels: Mapping[str, str]
) -> MapFigure:
    spec = VIEWS[view]
    shown = [Marker(m.x, m.y, m.label, m.url, highlight=False) for m in markers]
    scale = 1.0
    if view in MAP_CLOSE_UPS:
        # Drawn at about half the size of the standing figures, their dots would be too small
        # to see or tap on a phone.
        scale = marker_scale(shown, spec.width * CLOSE_UP_DOT_RADIUS / MARKER_RADIUS_MUTED)
    codes = sorted({marker.label.split()[0] for marker in shown})
    description = f"Body regions on the {spec.title.lower()}, each a link to its points" + (
        f", and the points {', '.join(codes)}." if codes else "."
    )
    svg = render_svg(
        view,
        shown,
        title=f"Body map: {spec.title.lower()}",
        description=description,
        css_class="body-map-svg",
        areas=region_areas(view, urls, labels),
        scale=scale,
    )
    return MapFigure(spec, svg)


def map_figures(
    points: Iterable[Point], urls: Mapping[str, str], labels: Mapping[str, str]
) -> tuple[list[MapFigure], list[MapFigure]]:
    """The standing figures and the close-ups, each point a link on every view it is marked.

    `urls` and `labels` are the regions' links and names, by region value.
    """
    markers: dict[str, list[Marker]] = {}
    for point in points:
        for view, view_markers in markers_for_point(point, link=True).items():
            markers.setdefault(view, []).extend(view_markers)
    return (
        [_figure(view, markers.get(view, []), urls, labels) for view in MAP_FIGURES],
        [_figure(view, markers.get(view, []), urls, labels) for view in MAP_CLOSE_UPS],
    )
