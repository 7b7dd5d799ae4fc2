"""Body diagrams: one set of shapes per view, drawn as inline SVG and as PNG with Pillow.

Every view is plain data in its own coordinate box. Outlines are written in a tiny path
language (see `curve`): points the smooth curve passes through, `*` before a point for a
corner. They become cubic Bézier segments once, at import; SVG prints the segments and Pillow
samples them, so both pictures come from the same numbers.
"""

from __future__ import annotations

import io
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from PIL import Image, ImageDraw, ImageFont

if TYPE_CHECKING:
    from points.models import Point as PointModel

XY = tuple[float, float]
Frame = tuple[float, float, float, float]  # x, y, width, height
Segment = tuple[XY, XY, XY, XY]


# Public types ------------------------------------------------------------------------------


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


# Shapes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    dash: tuple[float, float] | None = None
    opacity: float = 1.0


SKIN = "#f5e9de"
SKIN_SHADE = "#ecdccd"
OUTLINE = "#6d584a"
DETAIL = "#b59a86"
GUIDE = "#2c7a70"
INK = "#1b2530"
INK_SOFT = "#4a5663"
ACCENT = "#b4531a"
MUTED_MARKER = "#6b7785"
WHITE = "#ffffff"

STYLES: dict[str, Style] = {
    "body": Style(fill=SKIN, stroke=OUTLINE, width=1.3),
    "bone": Style(fill=SKIN_SHADE, stroke=DETAIL, width=0.7),
    "detail": Style(stroke=DETAIL, width=0.9),
    "fine": Style(stroke=DETAIL, width=0.6),
    "crease": Style(stroke=OUTLINE, width=0.8),
    "nail": Style(fill="#fbf4ee", stroke=DETAIL, width=0.6),
    "feature": Style(stroke=OUTLINE, width=1.1),
    "hair": Style(fill="#dcc7b3", stroke=OUTLINE, width=1.1),
    "guide": Style(stroke=GUIDE, width=0.8, dash=(3.0, 2.2)),
    "dot": Style(fill=DETAIL),
}


@dataclass(frozen=True)
class Path:
    style: str
    segments: tuple[Segment, ...]
    closed: bool


@dataclass(frozen=True)
class Ellipse:
    style: str
    cx: float
    cy: float
    rx: float
    ry: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # start, middle or end
    size: float = 6.5


Shape = Path | Ellipse | Label


@dataclass(frozen=True)
class View:
    key: str
    title: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    # Body regions this view shows, for the body map: (region value, polygon, label position).
    regions: tuple[tuple[str, tuple[XY, ...], XY], ...] = ()
    label_size: float = 9.0  # of the region labels
    # The part of the box worth showing for a single point (x, y, width, height), if not all.
    frame: Frame | None = None
    # Where a bilateral point is pressed, as seen on this view.
    both: str = "on both sides"

    def on_body(self, x: float, y: float) -> bool:
        """Whether (x, y) lies inside one of the body outlines of this view."""
        for shape in self.shapes:
            if isinstance(shape, Path) and shape.style == "body" and shape.closed:
                for polygon in _sample(shape, 1.0):
                    if _inside(polygon, x, y):
                        return True
        return False

    def bounds(self) -> tuple[float, float, float, float]:
        """The box around the body outlines (min x, min y, max x, max y), clipped to the view."""
        xs: list[float] = []
        ys: list[float] = []
        for shape in self.shapes:
            if isinstance(shape, Path) and shape.style == "body":
                for segment in shape.segments:
                    for x, y in segment:
                        xs.append(x)
                        ys.append(y)
        return (
            max(0.0, min(xs)),
            max(0.0, min(ys)),
            min(self.width, max(xs)),
            min(self.height, max(ys)),
        )


# The path language -------------------------------------------------------------------------


def _parse(spec: str) -> list[tuple[XY, bool]]:
    nodes = []
    for token in spec.split():
        corner = token.startswith("*")
        x, y = token.lstrip("*").split(",")
        nodes.append(((float(x), float(y)), corner))
    return nodes


def _distance(a: XY, b: XY) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1]) or 1e-9


def _tangent(before: XY, here: XY, after: XY) -> XY:
    # Chord-length weighted: stays calm where the points are unevenly spaced.
    total = _distance(before, here) + _distance(here, after)
    return ((after[0] - before[0]) / total, (after[1] - before[1]) / total)


def _segments(points: list[XY], tangents: list[XY], closed: bool) -> list[Segment]:
    count = len(points) if closed else len(points) - 1
    result = []
    for i in range(count):
        a, b = points[i], points[(i + 1) % len(points)]
        ta, tb = tangents[i], tangents[(i + 1) % len(points)]
        third = _distance(a, b) / 3
        result.append(
            (
                a,
                (a[0] + ta[0] * third, a[1] + ta[1] * third),
                (b[0] - tb[0] * third, b[1] - tb[1] * third),
                b,
            )
        )
    return result


def _open_run(points: list[XY]) -> list[Segment]:
    if len(points) == 2:
        a, b = points
        d = _distance(a, b)
        unit = ((b[0] - a[0]) / d, (b[1] - a[1]) / d)
        return _segments(points, [unit, unit], closed=False)
    tangents = [(0.0, 0.0)] + [
        _tangent(points[i - 1], points[i], points[i + 1]) for i in range(1, len(points) - 1)
    ]
    tangents.append((0.0, 0.0))
    # Ends bend as little as they can (a parabola through the first, or last, three points).
    for end, nxt, inner in ((0, 1, 1), (-1, -2, -2)):
        d = _distance(points[end], points[nxt])
        chord = ((points[nxt][0] - points[end][0]) / d, (points[nxt][1] - points[end][1]) / d)
        if end == -1:
            chord = (-chord[0], -chord[1])
        tangents[end] = (2 * chord[0] - tangents[inner][0], 2 * chord[1] - tangents[inner][1])
    return _segments(points, tangents, closed=False)


def _to_segments(nodes: list[tuple[XY, bool]], closed: bool) -> list[Segment]:
    points = [p for p, _ in nodes]
    corners = [i for i, (_, corner) in enumerate(nodes) if corner]
    if closed and not corners:
        n = len(points)
        tangents = [_tangent(points[i - 1], points[i], points[(i + 1) % n]) for i in range(n)]
        return _segments(points, tangents, closed=True)
    if closed:
        start = corners[0]
        nodes = nodes[start:] + nodes[:start] + [nodes[start]]
    elif nodes:
        nodes = [(nodes[0][0], True)] + nodes[1:-1] + [(nodes[-1][0], True)]
    result: list[Segment] = []
    run: list[XY] = []
    for i, (point, corner) in enumerate(nodes):
        run.append(point)
        if corner and i > 0:
            result.extend(_open_run(run))
            run = [point]
    return result


def curve(spec: str, style: str = "detail", *, closed: bool = False) -> Path:
    """A smooth path through the points in `spec` ("x,y x,y *x,y ..."; * marks a corner)."""
    return Path(style, tuple(_to_segments(_parse(spec), closed)), closed)


def outline(spec: str, style: str = "body") -> Path:
    return curve(spec, style, closed=True)


def polygon(spec: str, style: str) -> Path:
    """Straight edges only: every point is a corner."""
    return curve(" ".join("*" + t.lstrip("*") for t in spec.split()), style, closed=True)


def _mirror_spec(spec: str, axis: float) -> list[str]:
    tokens = []
    for token in spec.split():
        corner = "*" if token.startswith("*") else ""
        x, y = token.lstrip("*").split(",")
        tokens.append(f"{corner}{2 * axis - float(x):g},{y}")
    return tokens


def symmetric(half: str, axis: float, style: str = "body") -> Path:
    """A closed outline from its right half, drawn from the top of the midline to the bottom."""
    tokens = half.split()
    mirrored = _mirror_spec(" ".join(tokens[1:-1]), axis)
    return outline(" ".join(tokens + mirrored[::-1]), style)


def pair(spec: str, axis: float, style: str = "detail", *, closed: bool = False) -> list[Path]:
    """A path and its mirror image across x = axis (both sides of the body)."""
    return [
        curve(spec, style, closed=closed),
        curve(" ".join(_mirror_spec(spec, axis)), style, closed=closed),
    ]


def mirror_shapes(shapes: Iterable[Shape], width: float) -> list[Shape]:
    """The same drawing flipped left to right inside a box `width` wide."""

    def flip(p: XY) -> XY:
        return (width - p[0], p[1])

    result: list[Shape] = []
    for shape in shapes:
        if isinstance(shape, Path):
            segs = tuple((flip(a), flip(b), flip(c), flip(d)) for a, b, c, d in shape.segments)
            result.append(Path(shape.style, segs, shape.closed))
        elif isinstance(shape, Ellipse):
            result.append(Ellipse(shape.style, width - shape.cx, shape.cy, shape.rx, shape.ry))
        else:
            anchor = {"start": "end", "end": "start"}.get(shape.anchor, shape.anchor)
            result.append(Label(width - shape.x, shape.y, shape.text, anchor, shape.size))
    return result


def dots(spec: str, r: float = 1.0, style: str = "dot") -> list[Ellipse]:
    return [Ellipse(style, p[0], p[1], r, r) for p, _ in _parse(spec)]


# The views ---------------------------------------------------------------------------------
# Coordinates: x to the right, y down, in each view's own box. Standing figures are 200 x 360
# with the midline at x = 100. Limbs are drawn as the right limb.

MID = 100.0

# Half of the standing figure (viewer's right), from the crown down to the crotch. The same
# silhouette serves the back and the front.
_FIGURE_HALF = (
    "100,8 111,10 118.5,17 121,29 "
    "123,35 124.2,42 122.5,49 118.5,54 "
    "113.5,60 112.5,70 "
    "119,76 132,81 145,86 152,90 157,98.5 158.5,111 158.5,135 "
    "160.5,168 162,185 164,210 164.5,236 "
    "167,246 168.5,262 167.5,282 164,296 159,299 155.5,293 154.5,272 154.5,250 "
    "154,238 151.5,212 148.5,186 147,160 145,138 *141.5,122 "
    "140.5,132 139,150 136.5,166 135,178 136.5,190 141,202 145.5,216 148,232 148.5,248 "
    "147,272 145,300 143,330 *141.5,372 *103,372 103.5,330 104,296 103.5,272 *100,258"
)

# On the back: spinous processes of C7 (y 78), L2 (lower border y 178), L4 on the line across
# the top of the hip bones (y 198); the sacrum from y 212 with its second foramina at y 227.
# The medial border of the scapula is 3 cun from the midline, so one cun is 6.5 units.
_BACK_SHAPES: list[Shape] = [
    symmetric(_FIGURE_HALF, MID),
    # Scapulae (medial border, inferior angle, lateral border, acromion) and their spines.
    *pair(
        "*119.5,95 119,118 120.5,138 *124.5,148 132,135 138.5,121 *142,109 146,99 "
        "*151,92.5 141,94 *128,94.5",
        MID,
        "bone",
        closed=True,
    ),
    *pair("119.5,106 135,100 150,94", MID, "detail"),
    # Deltoids, elbows.
    *pair("141.5,122 146.5,108 152,97", MID, "fine"),
    *pair("153,180 156,183 159,181", MID, "fine"),
    # The long back muscles beside the spine, and the waist crease above the hip bone.
    *pair("105.5,140 110.5,160 112.5,182 110.5,204", MID, "fine"),
    *pair("124,203 132,197.8 139.5,199.5", MID, "fine"),
    # Sacrum with its foramina, and the dimples over the posterior iliac spines (level S2).
    curve("*87,212 *113,212 111.5,228 106,242 *100,250 94,242 88.5,228", "fine", closed=True),
    *dots("94.5,219 105.5,219 95,227 105,227 95.8,234 104.2,234 96.6,240.5 103.4,240.5", 0.8),
    *pair("110.5,223.5 113,226.5", MID, "crease"),
    # Gluteal cleft and folds.
    curve("100,250 100,258", "crease"),
    *pair("101.5,263 112,270 126,272 138,268 144,262", MID, "crease"),
    # Landmark guides: the spine and the line across the top of the hip bones.
    curve("100,78 100,212", "guide"),
    curve("64,198 136,198", "guide"),
    *dots("100,78 100,178", 1.5),
    Label(96, 80.5, "C7", "end"),
    Label(103.5, 169, "L2", "start"),
    Label(96, 196, "L4", "end"),
]

# On the front: the navel at y 188 and the top of the pubic bone at y 228 are 5 cun apart.
_FRONT_SHAPES: list[Shape] = [
    symmetric(_FIGURE_HALF, MID),
    # Collarbones, chest, the lower edge of the ribs.
    *pair("104,80 116,81.5 130,80 139.5,83.8", MID, "detail"),
    *pair("103,128 114,131 126,129.5 136,124", MID, "fine"),
    *pair("101.5,141 110,150 120,160 130,167", MID, "fine"),
    # Navel, the groin creases and the top of the pubic bone.
    Ellipse("crease", MID, 188, 1.8, 2.6),
    *pair("135,204 126,216 114,226 105,231", MID, "fine"),
    curve("96,229 100,229.6 104,229", "fine"),
    # Elbow creases.
    *pair("153,180 156,178 159,180", MID, "fine"),
    # The front midline, broken at the navel.
    curve("100,141 100,184", "guide"),
    curve("100,192.5 100,228", "guide"),
]

# The back of the leg: gluteal fold y 22, knee crease y 160, lateral malleolus y 318,
# sole y 352. Knee crease to malleolus is 16 cun, so one cun is about 9.9 units.
_LEG_BACK_SHAPES: list[Shape] = [
    outline(
        "*28,-6 *112,-6 111,10 109,40 106,75 102,110 98.5,138 96,152 95.5,162 97,172 "
        "100.5,186 102,200 100,218 95,238 89,258 84.5,278 82.5,296 85,308 86.5,318 "
        "84.5,328 84.5,338 81.5,348 74,353 66,353 59.5,349 56.5,340 57,330 54.5,318 "
        "54.5,306 57.5,296 57,282 53,266 46,248 41.5,228 41,208 43,188 46,170 "
        "46.5,155 44,140 40,110 35,75 31,40 29,10"
    ),
    curve("29,14 44,21 62,24 82,22 100,16 110,8", "crease"),
    # Hamstring tendons on either side of the knee.
    curve("58,96 52,130 49,156", "fine"),
    curve("84,96 90,130 92.5,158", "fine"),
    # The two calf bellies meeting the Achilles tendon in an inverted V.
    curve("71,172 70.5,204 70,234", "fine"),
    curve("55,270 62,252 *70,239 78,246 86,256", "fine"),
    curve("63.5,266 65.5,296 65,314", "fine"),
    curve("77.5,260 75,296 75.5,314", "fine"),
    # Ankle bones: the inner one higher.
    curve("58.5,300 60.5,306 58.5,313", "fine"),
    curve("83,310 81.5,317 83,324", "fine"),
    # Heel pad.
    curve("59.5,338 70,342 81.5,338", "fine"),
    curve("47,160 70.5,161.5 95,160", "guide"),
    Label(100, 163, "knee", "start", 6),
    Label(100, 170, "crease", "start", 6),
]

# The outer side of the leg, toes to the right: fibula head y 176, lateral malleolus y 318.
_LEG_SIDE_SHAPES: list[Shape] = [
    outline(
        "*24,-6 *102,-6 103.5,20 104.5,60 103,100 100,126 102,138 105.5,150 105.5,162 "
        "102.5,172 100,182 97,200 94,230 91,260 88.5,284 88,294 89.5,302 94,308 102,314 "
        "112,320.5 124,328 134,334 141,339 145,344.5 142.5,351 128,352.5 100,352.5 70,353 52,352 "
        "43,345 41,334 44,322 48,305 50,290 49,270 44,245 38,220 36,200 38,185 44,172 "
        "45,162 42,150 36,120 30,80 26,40 24,10"
    ),
    Ellipse("bone", 97, 150, 6, 9.5),
    Ellipse("bone", 68, 176, 4.5, 4),
    Ellipse("bone", 70, 316, 5, 6),
    # Iliotibial band, biceps tendon into the fibula head, the fibula, the Achilles tendon.
    curve("72,0 76,80 80,140", "fine"),
    curve("46,110 56,146 65,172", "fine"),
    curve("67.5,181 70,240 70.5,305", "fine"),
    curve("54,276 57,298 56,312", "fine"),
    # Toes and the base of the fifth metatarsal.
    curve("131,339 136,344.5 137,351", "fine"),
    curve("44,166 74,166.5 104,166", "guide"),
]

# The inner side of the leg, drawn toes-right like the outer side and then flipped:
# medial malleolus y 306, SP6 3 cun (about 30 units) above it behind the tibia.
_LEG_INNER_SHAPES: list[Shape] = mirror_shapes(
    [
        outline(
            "*24,-6 *102,-6 103.5,20 104.5,60 103.5,100 101.5,125 103.5,138 106.5,150 "
            "105.5,162 102.5,172 100,182 97,200 94,230 91,260 88.5,284 88,294 89.5,301.5 "
            "94.5,307.5 104,313.5 116,320.5 128,328 138,333.5 145,338.5 147.5,344.5 144,351 "
            "130,352.5 118,350 100,345.5 84,347 68,352 54,352 44,345.5 41.5,334 44,322 47.5,305 "
            "49.5,290 48.5,270 43,245 36,220 34,200 37,184 44,172 45,162 42,150 35,120 "
            "29,80 26,40 24,10"
        ),
        Ellipse("bone", 98, 151, 5.5, 9),
        # Inner knee (vastus medialis), the inner border of the tibia, medial malleolus.
        curve("70,100 84,128 92,150", "fine"),
        curve("86,180 81,240 77.5,296", "fine"),
        Ellipse("bone", 77, 306, 6, 6.5),
        curve("55,272 58,296 57,312", "fine"),
        # The arch, and where the skin of the sole begins.
        curve("60,347.5 80,342 100,341.5 118,346.5 142,347.5", "fine"),
        curve("44,166 74,166.5 104,166", "guide"),
    ],
    160,
)

# The top of the right foot, toes up, big toe on the left.
_FOOT_TOP_SHAPES: list[Shape] = [
    outline(
        "*50,246 49.5,226 46,214 38.5,205 34,192 34,176 35,150 31,118 28,90 28.5,66 29,40 32,24 "
        "38,15 45,12.5 52,15 56.5,24 58,40 *59.5,60 "
        "60.5,40 62,26 67,19.5 72.5,19.5 76.5,26 77.5,42 *78,61 "
        "79,44 81,33 86,28 91,29 94,36 94.5,50 *94.5,67 "
        "95.5,54 97.5,44 102,40 106.5,42 108.5,50 108.5,62 *108.5,75 "
        "109.5,66 112,57 116,54 120,57 122,66 122.5,78 124.5,92 126.5,108 126.5,130 "
        "125,158 122.5,182 123,198 120,209 113,218 110.5,230 *110.5,246"
    ),
    # Toenails.
    outline("38.5,24 44.5,18 51,22 51.5,33 44.5,36 38.5,33", "nail"),
    *[
        Ellipse("nail", x, y, rx, ry)
        for x, y, rx, ry in (
            (69.6, 27, 4.6, 4.8),
            (87, 35.5, 4.2, 4.3),
            (102.5, 47, 3.8, 3.9),
            (116.5, 61.5, 3.3, 3.5),
        )
    ],
    # Metatarsals, from the toe joints back to their bases; the ankle crease.
    curve("44,82 48,114 52.5,144", "fine"),
    curve("69,80 67.5,114 66,146", "fine"),
    curve("86.5,86 83,118 79.5,150", "fine"),
    curve("101.5,92 97,122 93,154", "fine"),
    curve("116,100 112,130 108,162 113,170", "fine"),
    curve("40,199 76,205 112,200", "fine"),
    # The web of the first two toes.
    curve("55.5,65 59.5,62.5 63.5,65", "fine"),
]

# The inner side of the right foot: toes on the left, heel on the right, sole at y 128.
_FOOT_INNER_SHAPES: list[Shape] = [
    outline(
        "*148,-6 147,20 146,42 138,52 122,62 102,73 80,84 60,92 44,96 30,97.5 18,100 "
        "10,105 7.5,112 9.5,119 16,123 32,124.5 50,127.5 70,127 92,121 116,118 140,120.5 "
        "166,127 190,129.5 210,128 221,119 224,100 217,78 211,52 209,22 *209,-6"
    ),
    outline("11,105 18,100.5 27,99.5 26,104.5 14,108", "nail"),
    Ellipse("bone", 177, 60, 8, 8.5),
    # First metatarsal: head at the ball of the foot, base at the middle of the arch.
    Ellipse("bone", 57, 113, 7.5, 6.5),
    curve("64,110.5 90,104.5 110,100", "fine"),
    Ellipse("bone", 114, 99.5, 5, 5),
    Ellipse("bone", 138, 96, 4.5, 4),
    # Tendon on the front of the ankle; the Achilles tendon; the crease under the big toe.
    curve("150,36 134,74 121,94", "fine"),
    curve("197,40 203,80", "fine"),
    curve("36,112 38,118 35,123", "fine"),
    # Where the sole's skin begins.
    curve("20,121 50,122 80,116 112,112 140,114 170,121 206,123", "fine"),
]

# The back of the right hand, fingers up, thumb on the left.
_HAND_BACK_OUTLINE = outline(
    "*58,246 57,222 56,204 46,190 36,174 27,156 19,138 13,122 12,112 16.5,105.5 23,106 "
    "29,115 36,128 43,136 49,132 52.5,122 53,100 53,70 54,42 57,31 62,27.5 67,28.5 70,33.5 "
    "71,60 *72,96 "
    "73.5,50 74.5,24 78,16 83,13.5 88,15 91,22 92,50 *93,98 "
    "94,55 95,32 98,26 103,23.5 108,25 111,31 111.5,60 *112,102 "
    "113,70 114,58 117,53 121,51 125,53 128,58 129,80 130,104 133,124 135,150 133,176 "
    "129,196 131,203 128,222 *127,246"
)

_HAND_BACK_SHAPES: list[Shape] = [
    _HAND_BACK_OUTLINE,
    # Nails.
    Ellipse("nail", 62.3, 36, 5, 6),
    Ellipse("nail", 83, 23, 5.3, 6.3),
    Ellipse("nail", 103.2, 32, 4.9, 5.9),
    Ellipse("nail", 121, 59, 4.4, 5.2),
    outline("14.5,110 18.5,106.5 23,108 22.5,116 17,118", "nail"),
    # Knuckle wrinkles over the middle joints.
    curve("56.5,70 62,68 67.5,70", "fine"),
    curve("77,58 83,56 89,58", "fine"),
    curve("97.5,64 103,62 108.5,64", "fine"),
    curve("116.5,82 121,80.5 125.5,82", "fine"),
    # Metacarpals from the knuckles to the wrist, and the thumb's.
    curve("62,114 64,150 67,186", "fine"),
    curve("83,110 84,150 85,188", "fine"),
    curve("103,114 102,152 101,188", "fine"),
    curve("121,124 118,158 116,190", "fine"),
    curve("55,192 44,170 35,152", "fine"),
    # Wrist crease on the back.
    curve("57,205 92,208.5 129,203", "fine"),
]

# The palm of the right hand: the same hand seen from the front (thumb on the right).
_HAND_PALM_SHAPES: list[Shape] = mirror_shapes(
    [
        _HAND_BACK_OUTLINE,
        # Finger creases.
        *[
            curve(f"{x1},{y} {(x1 + x2) / 2},{y + 1.5} {x2},{y}", "fine")
            for x1, x2, y in (
                (54, 70.5, 52),
                (54.5, 71, 76),
                (74, 91.5, 40),
                (73.5, 92, 66),
                (95, 111, 48),
                (94.5, 111.5, 72),
                (114, 128.5, 70),
                (113.5, 129, 88),
                (53.5, 71.5, 98),
                (73, 92.5, 94),
                (93.5, 112, 100),
                (113, 130, 106),
                (22, 32, 120),
            )
        ],
        # The three main palm creases.
        curve("133,132 116,128 96,123 78,116", "crease"),
        curve("53.5,127 76,136 100,146 120,150", "crease"),
        curve("53.5,129 60,150 64,170 66,192", "crease"),
        # Tendon on the little-finger side, ending at the pisiform bone.
        curve("121.5,246 122.5,226 123.5,210", "fine"),
        Ellipse("bone", 122.5, 199.5, 3.5, 3.5),
        curve("56.5,205 92,208.5 130,204", "guide"),
    ],
    180,
)

# The face from the front: eyebrows at y 83, Yintang between them.
_HEAD_SHAPES: list[Shape] = [
    outline(
        "*58,140 59,170 54,186 36,194 14,200 *-6,206 *-6,212 *166,212 *166,206 146,200 "
        "124,194 106,186 101,170 *102,140"
    ),
    *pair("122,88 130,85.5 134.5,94 133.5,108 129.5,121 122,126", 80, "body", closed=True),
    *pair("126,95 130,99 129,110 125.5,117", 80, "fine"),
    outline(
        "80,12 101,16 116,28 124,48 126.5,70 126,92 124.5,110 121,128 115,142 106,156 "
        "94,165.5 80,168.5 66,165.5 54,156 45,142 39,128 35.5,110 34,92 33.5,70 36,48 "
        "44,28 59,16"
    ),
    outline(
        "*33.4,78 33,58 38,38 50,22 66,13.5 80,11.5 94,13.5 110,22 122,38 127,58 "
        "*126.6,78 122,64 114,54 102,47 88,44 72,44 58,47 46,54 38,64",
        "hair",
    ),
    *pair("90,84 101,80.5 112.5,84", 80, "feature"),
    *pair("91,97.5 100,100.5 109,97.5", 80, "feature"),
    curve("77.5,100 76,113 73.5,120.5", "fine"),
    curve("72.5,122 75,126.3 80,127.8 85,126.3 87.5,122", "fine"),
    # A side parting and the sweep of the hair.
    curve("66,14.5 63,28 58.5,46.5", "fine"),
    curve("66,16 86,22 104,30 118,46", "fine"),
    curve("69,143 80,145.5 91,143", "feature"),
    curve("74,151 80,152.3 86,151", "fine"),
]

_BACK_REGIONS = (
    (
        "upper-back",
        ((68, 86), (132, 86), (150, 98), (150, 150), (50, 150), (50, 98)),
        (MID, 143),
    ),
    ("lower-back", ((58, 152), (142, 152), (142, 210), (58, 210)), (MID, 166)),
    ("buttock-hip", ((52, 212), (148, 212), (150, 280), (50, 280)), (MID, 288)),
)
_FRONT_REGIONS = (
    ("head", ((74, 4), (126, 4), (126, 64), (74, 64)), (MID, 34)),
    ("abdomen", ((62, 146), (138, 146), (146, 236), (54, 236)), (MID, 168)),
)


# Neck to upper thighs: the trunk points shown large.
_TRUNK = (14.0, 58.0, 172.0, 246.0)


def _view(key, title, width, height, shapes, regions=(), label_size=9.0, frame=None) -> View:
    both = {"leg": "on both legs", "foot": "on both feet", "hand": "on both hands"}.get(
        key.split("-")[0], "on both sides"
    )
    return View(key, title, width, height, tuple(shapes), tuple(regions), label_size, frame, both)


def _whole(region: str, width: float, height: float, label_at: XY):
    return (region, ((0, 0), (width, 0), (width, height), (0, height)), label_at)


VIEWS: dict[str, View] = {
    view.key: view
    for view in (
        _view("back", "Back", 200, 360, _BACK_SHAPES, _BACK_REGIONS, frame=_TRUNK),
        _view("front", "Front of the trunk", 200, 360, _FRONT_SHAPES, _FRONT_REGIONS, frame=_TRUNK),
        _view(
            "leg-back",
            "Back of the leg",
            140,
            360,
            _LEG_BACK_SHAPES,
            [
                ("leg", ((0, 0), (140, 0), (140, 290), (0, 290)), (70, 110)),
                ("foot", ((0, 292), (140, 292), (140, 360), (0, 360)), (70, 296)),
            ],
            10.5,
        ),
        _view(
            "leg-side",
            "Outer side of the leg",
            160,
            360,
            _LEG_SIDE_SHAPES,
            [
                ("leg", ((0, 0), (160, 0), (160, 290), (0, 290)), (70, 110)),
                ("foot", ((0, 292), (160, 292), (160, 360), (0, 360)), (112, 306)),
            ],
            12,
        ),
        _view(
            "leg-inner",
            "Inner side of the leg",
            160,
            360,
            _LEG_INNER_SHAPES,
            [
                ("leg", ((0, 0), (160, 0), (160, 290), (0, 290)), (90, 110)),
                ("foot", ((0, 292), (160, 292), (160, 360), (0, 360)), (48, 306)),
            ],
            12,
        ),
        _view(
            "foot-top",
            "Top of the foot",
            160,
            240,
            _FOOT_TOP_SHAPES,
            [_whole("foot", 160, 240, (80, 232))],
            13,
        ),
        _view(
            "foot-inner",
            "Inner side of the foot",
            240,
            140,
            _FOOT_INNER_SHAPES,
            [_whole("foot", 240, 140, (80, 40))],
            14,
        ),
        _view(
            "hand-back",
            "Back of the hand",
            180,
            240,
            _HAND_BACK_SHAPES,
            [_whole("hand", 180, 240, (92, 232))],
            13,
        ),
        _view(
            "hand-palm",
            "Palm and wrist",
            180,
            240,
            _HAND_PALM_SHAPES,
            [_whole("hand", 180, 240, (88, 232))],
            13,
        ),
        _view("head", "Head", 160, 200, _HEAD_SHAPES, [_whole("head", 160, 200, (80, 32))], 12),
    )
}


# SVG ---------------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{round(value, 2):g}"


def _path_d(path: Path) -> str:
    parts = []
    current: XY | None = None
    for a, b, c, d in path.segments:
        if current != a:
            parts.append(f"M{_n(a[0])} {_n(a[1])}")
        parts.append(f"C{_n(b[0])} {_n(b[1])} {_n(c[0])} {_n(c[1])} {_n(d[0])} {_n(d[1])}")
        current = d
    if path.closed:
        parts.append("Z")
    return "".join(parts)


def _paint_attrs(style: Style) -> str:
    attrs = [f'fill="{style.fill or "none"}"']
    if style.stroke:
        attrs.append(f'stroke="{style.stroke}" stroke-width="{_n(style.width)}"')
        attrs.append('stroke-linecap="round" stroke-linejoin="round"')
        if style.dash:
            attrs.append(f'stroke-dasharray="{_n(style.dash[0])} {_n(style.dash[1])}"')
    if style.opacity != 1:
        attrs.append(f'opacity="{_n(style.opacity)}"')
    return " ".join(attrs)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Label):
        anchor = shape.anchor
        return (
            f'<text class="diagram-note" x="{_n(shape.x)}" y="{_n(shape.y)}" '
            f'text-anchor="{anchor}" font-size="{_n(shape.size)}" fill="{INK_SOFT}">'
            f"{escape(shape.text)}</text>"
        )
    style = STYLES[shape.style]
    css = f"diagram-{shape.style}"
    if isinstance(shape, Ellipse):
        return (
            f'<ellipse class="{css}" cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" '
            f'rx="{_n(shape.rx)}" ry="{_n(shape.ry)}" {_paint_attrs(style)}/>'
        )
    return f'<path class="{css}" d="{_path_d(shape)}" {_paint_attrs(style)}/>'


MARKER_RADIUS = 5.5
MARKER_RADIUS_MUTED = 3.8
HIT_RADIUS = 11.0


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


def _svg_marker(marker: Marker, scale: float = 1.0) -> str:
    x, y = _n(marker.x), _n(marker.y)
    if marker.highlight:
        halo = (MARKER_RADIUS + 2.5) * scale
        dot = (
            f'<circle class="marker-halo" cx="{x}" cy="{y}" r="{_n(halo)}" '
            f'fill="{ACCENT}" fill-opacity="0.22"/>'
            f'<circle class="marker" cx="{x}" cy="{y}" r="{_n(MARKER_RADIUS * scale)}" '
            f'fill="{ACCENT}" stroke="{WHITE}" stroke-width="{_n(2 * scale)}"/>'
        )
        css = "diagram-marker diagram-marker-highlight"
        radius = MARKER_RADIUS
    else:
        dot = (
            f'<circle class="marker" cx="{x}" cy="{y}" r="{_n(MARKER_RADIUS_MUTED * scale)}" '
            f'fill="{MUTED_MARKER}" stroke="{WHITE}" stroke-width="{_n(1.4 * scale)}"/>'
        )
        css = "diagram-marker"
        radius = MARKER_RADIUS_MUTED
    label = escape(marker.label)
    if not marker.url:
        return f'<g class="{css}"><title>{label}</title>{dot}</g>'
    focus = max(MARKER_RADIUS, radius * scale) + 4
    return (
        f'<a class="{css} diagram-link" href="{escape(marker.url)}" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<circle class="marker-hit" cx="{x}" cy="{y}" r="{_n(HIT_RADIUS * scale)}" '
        f'fill="{WHITE}" fill-opacity="0"/>{dot}'
        f'<circle class="marker-focus" cx="{x}" cy="{y}" r="{_n(focus)}" '
        f'fill="none" stroke="{INK}" stroke-width="2" visibility="hidden"/></a>'
    )


def _svg_area(area: Area, size: float, clip: str) -> str:
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in area.points)
    label = escape(area.label)
    return (
        f'<a class="diagram-area" href="{escape(area.url)}" aria-label="{label}">'
        f'<polygon class="area-shape" points="{points}" fill="{GUIDE}" fill-opacity="0" '
        f'stroke="none" clip-path="url(#{clip})"/>'
        f'<text class="area-label" x="{_n(area.label_at[0])}" y="{_n(area.label_at[1])}" '
        f'text-anchor="middle" font-size="{_n(size)}" font-weight="600" fill="#0a4f48" '
        f'stroke="{WHITE}" stroke-width="{_n(size / 3)}" stroke-linejoin="round" '
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
) -> SafeString:
    """The view as an inline, accessible SVG: markers with a url are links named for the point.

    `areas` adds link areas (the body map); `frame` shows only that part of the view's box;
    `scale` enlarges the markers (see `marker_scale`).
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
            _n(x),
            _n(y),
            _n(width),
            _n(height),
            _n(width),
            _n(height),
            uid,
            uid,
            uid,
            title,
            uid,
            description,
        )
    ]
    parts.append('<g class="diagram-body">')
    parts.extend(_svg_shape(shape) for shape in spec.shapes)
    parts.append("</g>")
    if areas:
        # Areas light up on the body only, not on the paper around it.
        body = "".join(
            f'<path d="{_path_d(shape)}"/>'
            for shape in spec.shapes
            if isinstance(shape, Path) and shape.style == "body"
        )
        parts.append(f'<clipPath id="{uid}-body">{body}</clipPath><g class="diagram-areas">')
        parts.extend(_svg_area(area, spec.label_size, f"{uid}-body") for area in areas)
        parts.append("</g>")
    ordered = sorted(markers, key=lambda m: m.highlight)  # highlighted ones on top
    parts.append('<g class="diagram-markers">')
    parts.extend(_svg_marker(marker, scale) for marker in ordered)
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


# Thumbnails --------------------------------------------------------------------------------
# The catalogue's cards each carry a small picture. A view's shapes are written once per page
# (the sprite) and every thumbnail draws them with <use>: six cards on the back weigh one
# drawing of the back, plus a few circles each.

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


def render_sprite(views: Iterable[str]) -> SafeString:
    """The shapes of each view, once, for the thumbnails on the same page; not shown itself.

    The views' notes and finest lines are left out: at this size no one could read the one or
    see the other, and the page is lighter without them.
    """
    keys = [view for view in dict.fromkeys(views) if view in VIEWS]
    if not keys:
        return mark_safe("")
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="diagram-sprite" width="0" height="0" '
        'aria-hidden="true" focusable="false"><defs>'
    ]
    for key in keys:
        parts.append(f'<g id="{sprite_id(key)}">')
        parts.extend(_svg_shape(shape) for shape in VIEWS[key].shapes if _in_thumbnail(shape))
        parts.append("</g>")
    parts.append("</defs></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - the shapes are our own constants, escaped


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


def render_thumbnail(view: str, markers: Sequence[Marker]) -> SafeString:
    """A small picture of the view with the markers, drawn from the sprite (`render_sprite`).

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
        f'<circle cx="{_n(m.x)}" cy="{_n(m.y)}" r="{_n(r * 1.6)}" fill="{ACCENT}" '
        f'fill-opacity="0.25"/><circle class="marker" cx="{_n(m.x)}" cy="{_n(m.y)}" '
        f'r="{_n(r)}" fill="{ACCENT}" stroke="{WHITE}" stroke-width="{_n(1.2 * unit)}"/>'
        for m in markers
    )
    return mark_safe(  # noqa: S308 - numbers and our own constants only
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram-thumb diagram-thumb-{view}" '
        f'viewBox="{_n(x)} {_n(y)} {_n(width)} {_n(height)}" width="{THUMB_WIDTH}" '
        f'height="{THUMB_HEIGHT}" aria-hidden="true" focusable="false">'
        f'<use href="#{sprite_id(view)}"/>{dots}</svg>'
    )


# PNG ---------------------------------------------------------------------------------------

SUPERSAMPLE = 3


def _bezier_points(segment: Segment, steps: int) -> list[XY]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return points


def _sample(path: Path, k: float) -> list[list[XY]]:
    """The path as polylines in pixels (a new polyline wherever the path jumps)."""
    runs: list[list[XY]] = []
    current: XY | None = None
    for segment in path.segments:
        length = sum(_distance(segment[i], segment[i + 1]) for i in range(3)) * k
        steps = max(2, min(64, int(length / 4)))
        points = [(x * k, y * k) for x, y in _bezier_points(segment, steps)]
        if current != segment[0] or not runs:
            runs.append(points)
        else:
            runs[-1].extend(points[1:])
        current = segment[3]
    return runs


def _inside(polygon: list[XY], x: float, y: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _dashed(line: list[XY], on: float, off: float) -> list[list[XY]]:
    pieces: list[list[XY]] = []
    drawing, left = True, on
    piece: list[XY] = [line[0]]
    for a, b in zip(line, line[1:], strict=False):
        seg = _distance(a, b)
        pos = 0.0
        while seg - pos > left:
            pos += left
            t = pos / seg
            point = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            if drawing:
                piece.append(point)
                pieces.append(piece)
            piece = [point]
            drawing = not drawing
            left = on if drawing else off
        left -= seg - pos
        if drawing:
            piece.append(b)
        else:
            piece = [b]
    if drawing and len(piece) > 1:
        pieces.append(piece)
    return pieces


def _stroke(draw: ImageDraw.ImageDraw, line: list[XY], colour: str, width: int) -> None:
    if len(line) < 2:
        return
    draw.line(line, fill=colour, width=width, joint="curve")
    radius = width / 2
    if width > 2:
        for x, y in (line[0], line[-1]):
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=max(1, round(size)))


def _draw_shape(draw: ImageDraw.ImageDraw, shape: Shape, k: float) -> None:
    if isinstance(shape, Label):
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
        draw.text(
            (shape.x * k, shape.y * k),
            shape.text,
            fill=INK_SOFT,
            font=_font(shape.size * k),
            anchor=anchor,
        )
        return
    style = STYLES[shape.style]
    width = max(1, round(style.width * k))
    if isinstance(shape, Ellipse):
        box = (
            (shape.cx - shape.rx) * k,
            (shape.cy - shape.ry) * k,
            (shape.cx + shape.rx) * k,
            (shape.cy + shape.ry) * k,
        )
        draw.ellipse(box, fill=style.fill, outline=style.stroke, width=width if style.stroke else 0)
        return
    runs = _sample(shape, k)
    if shape.closed and style.fill:
        for run in runs:
            draw.polygon(run, fill=style.fill)
    if style.stroke:
        for run in runs:
            line = run + [run[0]] if shape.closed else run
            pieces = _dashed(line, style.dash[0] * k, style.dash[1] * k) if style.dash else [line]
            for piece in pieces:
                _stroke(draw, piece, style.stroke, width)


def _disc(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, **kwargs) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), **kwargs)


def _draw_marker(draw: ImageDraw.ImageDraw, marker: Marker, k: float) -> None:
    x, y = marker.x * k, marker.y * k
    if marker.highlight:
        _disc(draw, x, y, (MARKER_RADIUS + 2.5) * k, fill="#efcfba")
        _disc(draw, x, y, (MARKER_RADIUS + 1) * k, fill=WHITE)
        _disc(draw, x, y, MARKER_RADIUS * k - k, fill=ACCENT)
    else:
        _disc(draw, x, y, (MARKER_RADIUS_MUTED + 0.7) * k, fill=WHITE)
        _disc(draw, x, y, (MARKER_RADIUS_MUTED - 0.7) * k, fill=MUTED_MARKER)


def draw(
    view: str, markers: Sequence[Marker], *, scale: float = 2.0, frame: Frame | None = None
) -> Image.Image:
    """The view with its markers as an RGB image on white, `scale` pixels per unit.

    `frame` (x, y, width, height) keeps only that part of the view's box.
    """
    spec = VIEWS[view]
    x, y, width, height = frame or (0.0, 0.0, spec.width, spec.height)
    k = scale * SUPERSAMPLE
    image = Image.new("RGB", (round(spec.width * k), round(spec.height * k)), WHITE)
    canvas = ImageDraw.Draw(image)
    for shape in spec.shapes:
        _draw_shape(canvas, shape, k)
    for marker in sorted(markers, key=lambda m: m.highlight):
        _draw_marker(canvas, marker, k)
    if frame:
        image = image.crop(
            (round(x * k), round(y * k), round((x + width) * k), round((y + height) * k))
        )
    return image.resize((round(width * scale), round(height * scale)), Image.Resampling.LANCZOS)


def _wrap(text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def render_png(
    view: str,
    markers: Sequence[Marker],
    *,
    scale: float = 2.0,
    caption: str | None = None,
    frame: Frame | None = None,
) -> bytes:
    """The view as PNG bytes, with an optional caption line (e.g. "BL23 Shenshu") underneath."""
    picture = draw(view, markers, scale=scale, frame=frame)
    if caption:
        font = _font(11 * scale)
        pad = round(8 * scale)
        lines = _wrap(caption, font, picture.width - 2 * pad)
        line_height = round(15 * scale)
        band = pad * 2 + line_height * len(lines)
        framed = Image.new("RGB", (picture.width, picture.height + band), WHITE)
        framed.paste(picture, (0, 0))
        canvas = ImageDraw.Draw(framed)
        canvas.line(
            [(pad, picture.height), (picture.width - pad, picture.height)],
            fill="#d9dde2",
            width=max(1, round(scale / 2)),
        )
        for i, line in enumerate(lines):
            canvas.text(
                (picture.width / 2, picture.height + pad + line_height * (i + 0.5)),
                line,
                fill=INK,
                font=font,
                anchor="mm",
            )
        picture = framed
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# Points ------------------------------------------------------------------------------------


def point_label(point: PointModel) -> str:
    return f"{point.code} {point.pinyin}"


def markers_for_point(point: PointModel, *, link: bool = False) -> dict[str, list[Marker]]:
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


def primary_views(point: PointModel) -> list[str]:
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


def close_up(view: str, markers: Sequence[Marker]) -> Frame | None:
    """The view's close-up frame when every marker fits well inside it, else None (all of it)."""
    frame = VIEWS[view].frame
    if frame is None:
        return None
    x, y, width, height = frame
    margin = MARKER_RADIUS + 3
    for m in markers:
        if not (
            x + margin <= m.x <= x + width - margin and y + margin <= m.y <= y + height - margin
        ):
            return None
    return frame


def caption(point: PointModel, view: str) -> str:
    """A figure caption: "BL23 on the back, on both sides"."""
    spec = VIEWS[view]
    where = f"{point.code} on the {spec.title.lower()}"
    return where if point.is_midline else f"{where}, {spec.both}"


def describe(point: PointModel, view: str) -> str:
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


def region_areas(view: str, urls: Mapping[str, str], labels: Mapping[str, str]) -> list[Area]:
    """Link areas for the body regions a view shows."""
    return [
        Area(tuple(polygon), urls[region], labels[region], label_at)
        for region, polygon, label_at in VIEWS[view].regions
        if region in urls
    ]
