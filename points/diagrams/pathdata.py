"""SVG path data as cubic Bézier segments, and those segments flattened to polygons.

The drawings are SVG files, and Pillow draws polygons, not paths, so the PNG needs the path
data read and flattened. This reads the commands a drawing program writes for lines and
curves: M, L, H, V, C, S, Q, T and Z, absolute and relative (Inkscape saves relative data by
default). Arcs are refused with a message, rather than drawn wrong: in Inkscape, Path > Object
to Path turns an ellipse into curves, and drawings keep true ellipses as <ellipse> elements.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

XY = tuple[float, float]
Segment = tuple[XY, XY, XY, XY]  # start, two control points, end

_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2}


class PathDataError(ValueError):
    pass


@dataclass(frozen=True)
class Subpath:
    segments: tuple[Segment, ...]
    closed: bool


def _line(a: XY, b: XY) -> Segment:
    return (a, _lerp(a, b, 1 / 3), _lerp(a, b, 2 / 3), b)


def _lerp(a: XY, b: XY, t: float) -> XY:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _quadratic(a: XY, q: XY, b: XY) -> Segment:
    # The same curve as a cubic: each control point two thirds of the way to q.
    return (a, _lerp(a, q, 2 / 3), _lerp(b, q, 2 / 3), b)


def _reflect(point: XY | None, about: XY) -> XY:
    if point is None:
        return about
    return (2 * about[0] - point[0], 2 * about[1] - point[1])


def parse_path(d: str) -> tuple[Subpath, ...]:
    """The subpaths of SVG path data `d`, every segment a cubic Bézier curve."""
    leftover = _TOKEN.sub(" ", d).replace(",", " ").split()
    if leftover:
        raise PathDataError(f"Unsupported path data {leftover[0]!r} in {d[:40]!r}")
    tokens = _TOKEN.findall(d)
    subpaths: list[Subpath] = []
    segments: list[Segment] = []
    start = current = (0.0, 0.0)
    command = ""
    cubic: XY | None = None  # the last control point, for S and T
    quad: XY | None = None
    i = 0

    def close_run(closed: bool) -> None:
        if segments:
            subpaths.append(Subpath(tuple(segments), closed))
            segments.clear()

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if current != start:
                    segments.append(_line(current, start))
                close_run(True)
                current, cubic, quad = start, None, None
                continue
        elif command in ("", "Z", "z"):
            raise PathDataError(f"A number without a command in {d[:40]!r}")
        kind = command.upper()
        args = tokens[i : i + _ARITY[kind]]
        if len(args) < _ARITY[kind] or any(t.isalpha() for t in args):
            raise PathDataError(f"{command} needs {_ARITY[kind]} numbers in {d[:40]!r}")
        i += len(args)
        v = [float(t) for t in args]
        ox, oy = current if command.islower() else (0.0, 0.0)
        pts = [(ox + v[j], oy + v[j + 1]) for j in range(0, len(v) - 1, 2)]
        next_cubic = next_quad = None
        if kind == "M":
            close_run(False)
            current = start = pts[0]
            # Further pairs after a move are lines.
            command = "l" if command == "m" else "L"
            cubic = quad = None
            continue
        if kind == "H":
            end = (v[0] + ox, current[1])
            segment = _line(current, end)
        elif kind == "V":
            end = (current[0], v[0] + oy)
            segment = _line(current, end)
        elif kind == "L":
            end = pts[0]
            segment = _line(current, end)
        elif kind == "C":
            end, next_cubic = pts[2], pts[1]
            segment = (current, pts[0], pts[1], end)
        elif kind == "S":
            end, next_cubic = pts[1], pts[0]
            segment = (current, _reflect(cubic, current), pts[0], end)
        elif kind == "Q":
            end, next_quad = pts[1], pts[0]
            segment = _quadratic(current, pts[0], end)
        else:  # T
            end = pts[0]
            next_quad = _reflect(quad, current)
            segment = _quadratic(current, next_quad, end)
        segments.append(segment)
        current, cubic, quad = end, next_cubic, next_quad
    close_run(False)
    return tuple(subpaths)


def distance(a: XY, b: XY) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1]) or 1e-9


def _bezier_points(segment: Segment, steps: int) -> list[XY]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return points


def flatten(subpath: Subpath, k: float) -> list[XY]:
    """The subpath as one polyline, scaled by `k` (pixels per unit), about 4 pixels a step."""
    line: list[XY] = []
    for segment in subpath.segments:
        length = sum(distance(segment[i], segment[i + 1]) for i in range(3)) * k
        steps = max(2, min(64, int(length / 4)))
        points = [(x * k, y * k) for x, y in _bezier_points(segment, steps)]
        line.extend(points[1:] if line else points)
    return line


def inside(polygon: list[XY], x: float, y: float) -> bool:
    """Whether (x, y) lies inside the polygon (even-odd rule)."""
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result
