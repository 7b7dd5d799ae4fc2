"""Inline SVG: a view with its markers (links named for their points) and the body map's areas.

The shapes come from the drawings (art.py), their path data as written there; the colours from
palette.py. Colours sit on the elements as attributes, and points.css adds hover and focus.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from points.diagrams.art import VIEWS, Ellipse, Frame, Label, Path, Shape
from points.diagrams.marks import HIT_RADIUS, MARKER_RADIUS, MARKER_RADIUS_MUTED, Area, Marker
from points.diagrams.palette import (
    ACCENT,
    GUIDE,
    GUIDE_INK,
    INK,
    INK_SOFT,
    MUTED_MARKER,
    STYLES,
    WHITE,
    Style,
)


def fmt(value: float) -> str:
    return f"{round(value, 2):g}"


def _paint_attrs(style: Style) -> str:
    attrs = [f'fill="{style.fill or "none"}"']
    if style.stroke:
        attrs.append(f'stroke="{style.stroke}" stroke-width="{fmt(style.width)}"')
        attrs.append('stroke-linecap="round" stroke-linejoin="round"')
        if style.dash:
            attrs.append(f'stroke-dasharray="{fmt(style.dash[0])} {fmt(style.dash[1])}"')
    if style.opacity != 1:
        attrs.append(f'opacity="{fmt(style.opacity)}"')
    return " ".join(attrs)


def svg_shape(shape: Shape) -> str:
    if isinstance(shape, Label):
        anchor = shape.anchor
        return (
            f'<text class="diagram-note" x="{fmt(shape.x)}" y="{fmt(shape.y)}" '
            f'text-anchor="{anchor}" font-size="{fmt(shape.size)}" fill="{INK_SOFT}">'
            f"{escape(shape.text)}</text>"
        )
    style = STYLES[shape.style]
    css = f"diagram-{shape.style}"
    if isinstance(shape, Ellipse):
        return (
            f'<ellipse class="{css}" cx="{fmt(shape.cx)}" cy="{fmt(shape.cy)}" '
            f'rx="{fmt(shape.rx)}" ry="{fmt(shape.ry)}" {_paint_attrs(style)}/>'
        )
    return f'<path class="{css}" d="{escape(shape.d)}" {_paint_attrs(style)}/>'


def marker_scale(markers: Sequence[Marker], wanted: float) -> float:
    """How much to enlarge the (muted) markers of a view that is drawn small on the page.

    `wanted`, unless dots that large would touch their nearest neighbour; never below 1.
    """
    gaps = [
        math.dist((a.x, a.y), (b.x, b.y))
        for i, a in enumerate(markers)
        for b in markers[i + 1 :]
        if (a.x, a.y) != (b.x, b.y)
    ]
    if gaps:
        # Two dots of the largest size still leave a tenth of the distance between them.
        wanted = min(wanted, 0.45 * min(gaps) / MARKER_RADIUS_MUTED)
    return max(1.0, wanted)


def hit_radius(marker: Marker, markers: Sequence[Marker], wanted: float) -> float:
    """The radius of a linked marker's tap target: `wanted`, but never past halfway to a dot
    that opens another page, so a tap always opens the point of the dot nearest to it."""
    gaps = [math.dist((marker.x, marker.y), (m.x, m.y)) for m in markers if m.url != marker.url]
    return min([wanted, *(gap / 2 for gap in gaps)])


Name = tuple[float, str]  # font size and text-anchor of a marker's name, shown on focus


def _name_anchor(x: float, frame: Frame) -> str:
    # Away from the nearer edge, so the name stays inside the picture.
    where = (x - frame[0]) / frame[2]
    return "start" if where < 0.3 else "end" if where > 0.7 else "middle"


def _svg_name(marker: Marker, radius: float, name: Name) -> str:
    size, anchor = name
    return (
        f'<text class="marker-name" x="{fmt(marker.x)}" y="{fmt(marker.y - radius - size * 0.3)}" '
        f'text-anchor="{anchor}" font-size="{fmt(size)}" font-weight="600" fill="{INK}" '
        f'stroke="{WHITE}" stroke-width="{fmt(size / 4)}" stroke-linejoin="round" '
        f'paint-order="stroke" visibility="hidden" aria-hidden="true">{escape(marker.label)}</text>'
    )


def _svg_marker(
    marker: Marker, scale: float = 1.0, hit: float = HIT_RADIUS, name: Name | None = None
) -> str:
    x, y = fmt(marker.x), fmt(marker.y)
    if marker.highlight:
        halo = (MARKER_RADIUS + 2.5) * scale
        dot = (
            f'<circle class="marker-halo" cx="{x}" cy="{y}" r="{fmt(halo)}" '
            f'fill="{ACCENT}" fill-opacity="0.22"/>'
            f'<circle class="marker" cx="{x}" cy="{y}" r="{fmt(MARKER_RADIUS * scale)}" '
            f'fill="{ACCENT}" stroke="{WHITE}" stroke-width="{fmt(2 * scale)}"/>'
        )
        css = "diagram-marker diagram-marker-highlight"
        radius = MARKER_RADIUS
    else:
        dot = (
            f'<circle class="marker" cx="{x}" cy="{y}" r="{fmt(MARKER_RADIUS_MUTED * scale)}" '
            f'fill="{MUTED_MARKER}" stroke="{WHITE}" stroke-width="{fmt(1.4 * scale)}"/>'
        )
        css = "diagram-marker"
        radius = MARKER_RADIUS_MUTED
    label = escape(marker.label)
    if not marker.url:
        return f'<g class="{css}"><title>{label}</title>{dot}</g>'
    # A zoom draws its markers smaller than a unit (scale < 1): its focus ring shrinks with them.
    shrink = min(scale, 1.0)
    focus = max(MARKER_RADIUS * shrink, radius * scale) + 4 * shrink
    return (
        f'<a class="{css} diagram-link" href="{escape(marker.url)}" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<circle class="marker-hit" cx="{x}" cy="{y}" r="{fmt(hit)}" '
        f'fill="{WHITE}" fill-opacity="0"/>{dot}'
        f'<circle class="marker-focus" cx="{x}" cy="{y}" r="{fmt(focus)}" '
        f'fill="none" stroke="{INK}" stroke-width="{fmt(2 * shrink)}" visibility="hidden"/>'
        f"{_svg_name(marker, focus, name) if name else ''}</a>"
    )


def _svg_area(area: Area, size: float, clip: str) -> str:
    points = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in area.points)
    label = escape(area.label)
    return (
        f'<a class="diagram-area" href="{escape(area.url)}" aria-label="{label}">'
        f'<polygon class="area-shape" points="{points}" fill="{GUIDE}" fill-opacity="0" '
        f'stroke="none" clip-path="url(#{clip})"/>'
        f'<text class="area-label" x="{fmt(area.label_at[0])}" y="{fmt(area.label_at[1])}" '
        f'text-anchor="middle" font-size="{fmt(size)}" font-weight="600" fill="{GUIDE_INK}" '
        f'stroke="{WHITE}" stroke-width="{fmt(size / 3)}" stroke-linejoin="round" '
        f'paint-order="stroke">'
        f"{label}</text></a>"
    )


def render_svg(
    view: str,
    markers: Sequence[Marker],
    *,
    title: str,
    description: str,
    css_class: str = "",
    areas: Sequence[Area] = (),
    frame: Frame | None = None,
    scale: float = 1.0,
    names: bool = False,
    drawings: str = "",
) -> SafeString:
    """The view as an inline, accessible SVG: markers with a url are links named for the point.

    `areas` adds link areas (the body map); `frame` shows only that part of the view's box;
    `scale` enlarges the markers (see `marker_scale`); `names` writes each linked marker's
    name beside it, shown on focus, hover and tap (points.css). With `drawings`, the address
    of the drawings document (`drawings_document`), the body is drawn from there by reference
    instead of written into the page: a page of many figures then weighs little more than its
    markers, and the browser keeps the drawings.
    """
    spec = VIEWS[view]
    x, y, width, height = frame or (0.0, 0.0, spec.width, spec.height)
    uid = f"diagram-{view}-{uuid.uuid4().hex[:8]}"
    interactive = bool(areas) or any(m.url for m in markers)
    # An img's children are hidden from assistive technology, so a diagram holding links is a
    # named group instead.
    role = "group" if interactive else "img"
    classes = " ".join(c for c in ("diagram", f"diagram-{view}", css_class) if c)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="{}" role="{}" '
            'viewBox="{} {} {} {}" width="{}" height="{}" aria-labelledby="{}-title {}-desc">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            classes,
            role,
            fmt(x),
            fmt(y),
            fmt(width),
            fmt(height),
            fmt(width),
            fmt(height),
            uid,
            uid,
            uid,
            title,
            uid,
            description,
        )
    ]
    parts.append('<g class="diagram-body">')
    if drawings:
        parts.append(f'<use href="{escape(drawings)}#{view_id(view)}"/>')
    else:
        parts.extend(svg_shape(shape) for shape in spec.shapes)
    parts.append("</g>")
    if areas:
        # Areas light up on the body only, not on the paper around it.
        if drawings:
            body = "".join(
                f'<use href="{escape(drawings)}#{outline_id(view, i)}"/>'
                for i, _shape in enumerate(_outlines(view))
            )
        else:
            body = "".join(f'<path d="{escape(shape.d)}"/>' for shape in _outlines(view))
        parts.append(f'<clipPath id="{uid}-body">{body}</clipPath><g class="diagram-areas">')
        size = spec.label_size * width / spec.width
        parts.extend(_svg_area(area, size, f"{uid}-body") for area in areas)
        parts.append("</g>")
    ordered = sorted(markers, key=lambda m: m.highlight)  # highlighted ones on top
    parts.append('<g class="diagram-markers">')
    linked = [m for m in markers if m.url]
    # Names as large on screen as the region labels, in a close frame too.
    size = spec.label_size * width / spec.width
    for marker in ordered:
        hit = hit_radius(marker, linked, HIT_RADIUS * scale) if marker.url else 0.0
        name = (size, _name_anchor(marker.x, (x, y, width, height))) if names else None
        parts.append(_svg_marker(marker, scale, hit, name))
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def view_id(view: str) -> str:
    return f"diagram-view-{view}"


def outline_id(view: str, index: int) -> str:
    return f"diagram-outline-{view}-{index}"


def _outlines(view: str) -> list[Path]:
    return [
        shape for shape in VIEWS[view].shapes if isinstance(shape, Path) and shape.style == "body"
    ]


def drawings_document(thumbnail_groups: dict[str, list[str]]) -> str:
    """One SVG document holding every view's drawing, each under an id that figures on the
    pages draw by reference: the whole view, its body outlines (for clipping the body map's
    areas) and the lighter thumbnail drawing (`thumbnail_groups`, by id)."""
    parts = ['<svg xmlns="http://www.w3.org/2000/svg"><defs>']
    for key in VIEWS:
        parts.append(f'<g id="{view_id(key)}">')
        parts.extend(svg_shape(shape) for shape in VIEWS[key].shapes)
        parts.append("</g>")
        parts.extend(
            f'<path id="{outline_id(key, i)}" d="{escape(shape.d)}"/>'
            for i, shape in enumerate(_outlines(key))
        )
    for group_id, shapes in thumbnail_groups.items():
        parts.append(f'<g id="{group_id}">{"".join(shapes)}</g>')
    parts.append("</defs></svg>")
    return "".join(parts)
