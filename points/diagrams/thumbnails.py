"""Thumbnails on the catalogue's cards.

A view's shapes are drawn once, in the drawings document the browser keeps
(`drawings.py`), and every thumbnail draws them with <use>: a card weighs a few circles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from points.diagrams.art import VIEWS, Frame, Label, Shape
from points.diagrams.marks import MARKER_RADIUS, Marker, close_up
from points.diagrams.palette import ACCENT, WHITE
from points.diagrams.svg import fmt, svg_shape

# The thumbnail's box on the page, in CSS pixels (.diagram-thumb in points.css), and the radius
# its marker should have there.
THUMB_WIDTH = 88
THUMB_HEIGHT = 96
THUMB_DOT = 4.0
# The narrowest and the widest part of a view a thumbnail shows (width / height): a whole leg
# or a whole foot in the box would leave the marker a speck.
THUMB_ASPECT = (0.6, 1.3)


def sprite_id(view: str) -> str:
    return f"diagram-shapes-{view}"


def _in_thumbnail(shape: Shape) -> bool:
    return not isinstance(shape, Label) and shape.style != "fine"


def thumbnail_shapes() -> dict[str, list[str]]:
    """Each view's thumbnail drawing, by id, for the drawings document.

    The views' notes and finest lines are left out: at this size no one could read the one or
    see the other.
    """
    return {
        sprite_id(key): [svg_shape(shape) for shape in spec.shapes if _in_thumbnail(shape)]
        for key, spec in VIEWS.items()
    }


def _window(
    centre: float, span: float, size: float, start: float, length: float
) -> tuple[float, float]:
    """A stretch of `size` (at least `span`) around `centre`, kept within start..start+length."""
    size = min(length, max(size, span))
    return min(max(centre - size / 2, start), start + length - size), size


def thumbnail_frame(view: str, markers: Sequence[Marker]) -> Frame:
    """The part of the view a thumbnail shows: the close-up or the body, its long side cut
    down around the markers to fit THUMB_ASPECT."""
    spec = VIEWS[view]
    frame = close_up(view, markers)
    if frame is None:
        pad = 4.0
        left, top, right, bottom = spec.bounds()
        left, top = max(0.0, left - pad), max(0.0, top - pad)
        right, bottom = min(spec.width, right + pad), min(spec.height, bottom + pad)
        frame = (left, top, right - left, bottom - top)
    x, y, width, height = frame
    if not markers:
        return frame
    margin = 2 * (MARKER_RADIUS + 3)
    xs, ys = [m.x for m in markers], [m.y for m in markers]
    narrowest, widest = THUMB_ASPECT
    if width / height < narrowest:
        centre, span = (min(ys) + max(ys)) / 2, max(ys) - min(ys) + margin
        y, height = _window(centre, span, width / narrowest, y, height)
    elif width / height > widest:
        centre, span = (min(xs) + max(xs)) / 2, max(xs) - min(xs) + margin
        x, width = _window(centre, span, height * widest, x, width)
    return (x, y, width, height)


def render_thumbnail(view: str, markers: Sequence[Marker], drawings: str) -> SafeString:
    """A small picture of the view with the markers, its body drawn by reference from the
    drawings document at the address `drawings`.

    Decorative: hidden from assistive technology, as the card around it names the point.
    """
    x, y, width, height = thumbnail_frame(view, markers)
    # Units per CSS pixel once the frame is fitted into the box, to size the marker on screen.
    unit = max(width / THUMB_WIDTH, height / THUMB_HEIGHT)
    r = THUMB_DOT * unit
    gaps = [
        math.dist((a.x, a.y), (b.x, b.y)) for i, a in enumerate(markers) for b in markers[i + 1 :]
    ]
    if gaps:
        # The two sides of a point near the midline stay two dots.
        r = min(r, 0.4 * min(gaps))
    dots = "".join(
        f'<circle cx="{fmt(m.x)}" cy="{fmt(m.y)}" r="{fmt(r * 1.6)}" fill="{ACCENT}" '
        f'fill-opacity="0.25"/><circle class="marker" cx="{fmt(m.x)}" cy="{fmt(m.y)}" '
        f'r="{fmt(r)}" fill="{ACCENT}" stroke="{WHITE}" stroke-width="{fmt(1.2 * unit)}"/>'
        for m in markers
    )
    return mark_safe(  # noqa: S308 - numbers and our own constants only
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram-thumb diagram-thumb-{view}" '
        f'viewBox="{fmt(x)} {fmt(y)} {fmt(width)} {fmt(height)}" width="{THUMB_WIDTH}" '
        f'height="{THUMB_HEIGHT}" aria-hidden="true" focusable="false">'
        f'<use href="{escape(drawings)}#{sprite_id(view)}"/>{dots}</svg>'
    )
