"""The body map: the standing figures, the close-ups and zooms, every marked point a link."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

from points.diagrams.art import VIEWS, Frame, View
from points.diagrams.marks import (
    MARKER_RADIUS_MUTED,
    Area,
    Marker,
    fits,
    markers_for_point,
)
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
    "head-side",
)
# Two close-ups share a phone's width, some 155 pixels each: a dot of about 6.5 pixels in
# radius is then a 24th of the view's width.
CLOSE_UP_DOT_RADIUS = 1 / 24

# Each dot is a tap target of at least TARGET_PX that no other dot's target overlaps (WCAG
# 2.5.8), so two dots' centres must be that far apart on the screen. The narrowest each kind
# of figure is drawn (points.css): a standing figure two abreast beside the close-ups on a
# wide screen, a close-up two abreast on a phone, a zoom across the whole column.
TARGET_PX = 24
NARROWEST_PX = {"figure": 240, "close-up": 150, "zoom": 300}


@dataclass(frozen=True)
class Zoom:
    """Part of a view drawn large, for dots too close together on the whole view."""

    key: str
    view: str
    title: str
    frame: Frame


# The lower back's points lie a cun apart on the standing figure, the knee's two on the leg.
ZOOMS = (
    Zoom("lower-back", "back", "Lower back, close up", (58.0, 148.0, 84.0, 104.0)),
    Zoom("knee", "leg-back", "Back of the knee, close up", (26.0, 118.0, 100.0, 84.0)),
)


@dataclass(frozen=True)
class MapFigure:
    view: View
    svg: SafeString
    key: str
    title: str
    wide: bool = False


def region_areas(view: str, urls: Mapping[str, str], labels: Mapping[str, str]) -> list[Area]:
    """Link areas for the body regions a view shows."""
    return [
        Area(tuple(polygon), urls[region], labels[region], label_at)
        for region, polygon, label_at in VIEWS[view].regions
        if region in urls
    ]


def min_gap(width: float, kind: str) -> float:
    """The least distance, in the view's units, between two dots on a figure `width` units
    wide drawn as a `kind` of figure."""
    return TARGET_PX * width / NARROWEST_PX[kind]


def crowded(marker: Marker, markers: Sequence[Marker], gap: float) -> bool:
    return any(
        m.url != marker.url and math.dist((m.x, m.y), (marker.x, marker.y)) < gap for m in markers
    )


def _zoomed(view: str, marker: Marker) -> bool:
    return any(zoom.view == view and fits(zoom.frame, [marker]) for zoom in ZOOMS)


def _figure(
    view: str,
    markers: list[Marker],
    urls: Mapping[str, str],
    labels: Mapping[str, str],
    *,
    kind: str,
    drawings: str,
    zoom: Zoom | None = None,
) -> MapFigure:
    spec = VIEWS[view]
    frame = zoom.frame if zoom else (0.0, 0.0, spec.width, spec.height)
    shown = [Marker(m.x, m.y, m.label, m.url, highlight=False) for m in markers]
    if zoom:
        shown = [m for m in shown if fits(frame, [m])]
    else:
        # A dot too close to another here is drawn in the zoom that holds it instead.
        gap = min_gap(spec.width, kind)
        shown = [m for m in shown if not (crowded(m, shown, gap) and _zoomed(view, m))]
    scale = 1.0
    if zoom:
        # Drawn large, a zoom's dots would be too: about the size they have on a close-up.
        scale = 1.3 * frame[2] / spec.width
    elif kind == "close-up":
        # Drawn at about half the size of the standing figures, their dots would be too small
        # to see or tap on a phone.
        wanted = frame[2] * CLOSE_UP_DOT_RADIUS / MARKER_RADIUS_MUTED
        scale = marker_scale(shown, wanted)
    title = zoom.title if zoom else spec.title
    codes = sorted({marker.label.split()[0] for marker in shown})
    description = f"Body regions on the {title.lower()}, each a link to its points" + (
        f", and the points {', '.join(codes)}." if codes else "."
    )
    svg = render_svg(
        view,
        shown,
        title=f"Body map: {title.lower()}",
        description=description,
        css_class="body-map-svg",
        areas=region_areas(view, urls, labels),
        frame=zoom.frame if zoom else None,
        scale=scale,
        names=True,
        drawings=drawings,
    )
    return MapFigure(spec, svg, zoom.key if zoom else view, title, wide=kind == "zoom")


def map_figures(
    points: Iterable[Point],
    urls: Mapping[str, str],
    labels: Mapping[str, str],
    drawings: str,
) -> tuple[list[MapFigure], list[MapFigure]]:
    """The standing figures, and the close-ups and zooms: each point a link on the figures
    where its dot has room to be tapped.

    `urls` and `labels` are the regions' links and names, by region value; `drawings` the
    address of the drawings document the figures draw their bodies from.
    """
    markers: dict[str, list[Marker]] = {}
    for point in points:
        for view, view_markers in markers_for_point(point, link=True).items():
            markers.setdefault(view, []).extend(view_markers)

    def with_zooms(views: Sequence[str], kind: str) -> list[MapFigure]:
        # Each view followed by its zooms.
        result = []
        for view in views:
            here = markers.get(view, [])
            result.append(_figure(view, here, urls, labels, kind=kind, drawings=drawings))
            result.extend(
                _figure(view, here, urls, labels, kind="zoom", drawings=drawings, zoom=zoom)
                for zoom in ZOOMS
                if zoom.view == view
            )
        return result

    return with_zooms(MAP_FIGURES, "figure"), with_zooms(MAP_CLOSE_UPS, "close-up")
