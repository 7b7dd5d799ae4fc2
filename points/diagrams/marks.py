"""A point's marks as markers on its views, and the words that go with its diagram."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from points.diagrams.art import VIEWS, Frame
from points.diagrams.pathdata import XY

if TYPE_CHECKING:
    from points.models import Point

MARKER_RADIUS = 5.5
MARKER_RADIUS_MUTED = 3.8
HIT_RADIUS = 11.0


@dataclass(frozen=True)
class Marker:
    """A point drawn on a view: where, its accessible name, and where it links to."""

    x: float
    y: float
    label: str
    url: str | None = None
    highlight: bool = True


@dataclass(frozen=True)
class Area:
    """A link drawn over part of a view (the body map's regions)."""

    points: tuple[XY, ...]
    url: str
    label: str
    label_at: XY


def point_label(point: Point) -> str:
    return f"{point.code} {point.pinyin}"


def markers_for_point(point: Point, *, link: bool = False) -> dict[str, list[Marker]]:
    """The point's markers by view, primary views first (uses point.marks.all(), so prefetch)."""
    url = point.get_absolute_url() if link else None
    label = point_label(point)
    primary: dict[str, list[Marker]] = {}
    other: dict[str, list[Marker]] = {}
    for mark in point.marks.all():
        if mark.view not in VIEWS:
            continue
        target = primary if mark.primary or mark.view in primary else other
        target.setdefault(mark.view, []).append(Marker(mark.x, mark.y, label, url))
    for view, markers in other.items():
        primary.setdefault(view, []).extend(markers)
    return primary


def primary_views(point: Point) -> list[str]:
    """The views to show first for a point: those marked primary, else the first one it has."""
    views: list[str] = []
    first: str | None = None
    for mark in point.marks.all():
        if mark.view not in VIEWS:
            continue
        first = first or mark.view
        if mark.primary and mark.view not in views:
            views.append(mark.view)
    if not views and first:
        views.append(first)
    return views


def fits(frame: Frame, markers: Sequence[Marker]) -> bool:
    """Whether every marker lies well inside `frame` (x, y, width, height), dot and all."""
    x, y, width, height = frame
    margin = MARKER_RADIUS + 3
    return all(
        x + margin <= m.x <= x + width - margin and y + margin <= m.y <= y + height - margin
        for m in markers
    )


def close_up(view: str, markers: Sequence[Marker]) -> Frame | None:
    """The view's close-up frame when every marker fits well inside it, else None (all of it)."""
    frame = VIEWS[view].frame
    return frame if frame is not None and fits(frame, markers) else None


def caption(point: Point, view: str) -> str:
    """A figure caption: "BL23 on the back, on both sides"."""
    spec = VIEWS[view]
    where = f"{point.code} on the {spec.title.lower()}"
    return where if point.is_midline else f"{where}, {spec.both}"


def describe(point: Point, view: str) -> str:
    """A text alternative for a point's diagram."""
    spec = VIEWS[view]
    count = sum(1 for mark in point.marks.all() if mark.view == view)
    sides = "on each side" if count > 1 else ""
    return " ".join(
        part
        for part in (
            f"{spec.title}, with {point.code} marked {sides}".strip() + ".",
            point.location,
        )
        if part
    )


NOT_TREATMENT = "Self-care information, not treatment."


def download_caption(point: Point, view: str) -> list[str]:
    """The lines under a downloaded picture: the point, what the drawing shows, and that it is
    self-care, not treatment. A picture saved to a phone travels without the page around it."""
    spec = VIEWS[view]
    shows = spec.shows or spec.title
    if point.is_midline:
        where = f"{shows}. On the midline."
    elif spec.limb:
        limb = spec.key.split("-")[0]
        other = "left" if spec.limb == "right" else "right"
        where = f"{shows}. On the {other} {limb} it lies in the mirror-image place."
    else:
        where = f"{shows}. Marked {spec.both}."
    return [f"{point.code} {point.pinyin} · {point.name}", where, NOT_TREATMENT]
