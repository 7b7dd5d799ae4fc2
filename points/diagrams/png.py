"""The views as pictures with Pillow: diagram.png and the routine card.

Pillow fills and strokes polygons, so each path of a drawing is flattened (pathdata.flatten)
into polylines first; the picture is drawn three times larger and scaled down, for smooth edges.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from points.diagrams.art import VIEWS, Ellipse, Frame, Label, Shape
from points.diagrams.marks import MARKER_RADIUS, MARKER_RADIUS_MUTED, Marker
from points.diagrams.palette import (
    ACCENT,
    ACCENT_HALO,
    INK,
    INK_SOFT,
    MUTED_MARKER,
    RULE,
    STYLES,
    WHITE,
)
from points.diagrams.pathdata import XY, distance, flatten

SUPERSAMPLE = 3


def _dashed(line: list[XY], on: float, off: float) -> list[list[XY]]:
    pieces: list[list[XY]] = []
    drawing, left = True, on
    piece: list[XY] = [line[0]]
    for a, b in zip(line, line[1:], strict=False):
        seg = distance(a, b)
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
    runs = [(flatten(sub, k), sub.closed) for sub in shape.subpaths]
    if style.fill:
        for run, _ in runs:
            draw.polygon(run, fill=style.fill)
    if style.stroke:
        for run, closed in runs:
            line = run + [run[0]] if closed else run
            pieces = _dashed(line, style.dash[0] * k, style.dash[1] * k) if style.dash else [line]
            for piece in pieces:
                _stroke(draw, piece, style.stroke, width)


def _disc(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, **kwargs) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), **kwargs)


def _draw_marker(draw: ImageDraw.ImageDraw, marker: Marker, k: float) -> None:
    x, y = marker.x * k, marker.y * k
    if marker.highlight:
        _disc(draw, x, y, (MARKER_RADIUS + 2.5) * k, fill=ACCENT_HALO)
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
    caption: str | Sequence[str] = (),
    frame: Frame | None = None,
) -> bytes:
    """The view as PNG bytes, with a caption underneath: its first paragraph large (e.g.
    "BL23 Shenshu"), any others smaller; each wraps to the picture's width."""
    picture = draw(view, markers, scale=scale, frame=frame)
    paragraphs = [caption] if isinstance(caption, str) else list(caption)
    if paragraphs:
        pad = round(8 * scale)
        lines: list[tuple[str, ImageFont.FreeTypeFont | ImageFont.ImageFont, str, int]] = []
        for i, paragraph in enumerate(paragraphs):
            size, colour, height = (11, INK, 15) if i == 0 else (8.5, INK_SOFT, 11.5)
            font = _font(size * scale)
            for line in _wrap(paragraph, font, picture.width - 2 * pad):
                lines.append((line, font, colour, round(height * scale)))
        band = pad * 2 + sum(height for *_, height in lines)
        framed = Image.new("RGB", (picture.width, picture.height + band), WHITE)
        framed.paste(picture, (0, 0))
        canvas = ImageDraw.Draw(framed)
        canvas.line(
            [(pad, picture.height), (picture.width - pad, picture.height)],
            fill=RULE,
            width=max(1, round(scale / 2)),
        )
        top = picture.height + pad
        for line, font, colour, height in lines:
            canvas.text(
                (picture.width / 2, top + height / 2), line, fill=colour, font=font, anchor="mm"
            )
            top += height
        picture = framed
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
