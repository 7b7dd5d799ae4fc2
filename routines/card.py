"""A routine as one PNG card: title, schedule, the points on their diagrams, and the steps.

Made for a phone's photo gallery or the fridge door: large type, black on white, each point
numbered on its body diagram and again in the list below.
"""

import io
from collections.abc import Sequence
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from acupressure.templatetags.ui import duration
from points.diagrams import VIEWS, draw
from routines.describe import schedule_text, step_text
from routines.duration import routine_seconds
from routines.models import Routine, Step
from routines.step_markers import DISC_RADIUS, Spot, disc_radius, spots_by_view

CARD_WIDTH = 1200
MARGIN = 56
GAP = 32
DIAGRAM_MAX_HEIGHT = 560
ROW_HEIGHT = 84
TWO_COLUMNS_FROM = 9  # steps

INK = (27, 37, 48)
INK_SOFT = (74, 86, 99)
BRAND = (10, 79, 72)
LINE = (217, 221, 226)
WARN = (122, 82, 0)
ACCENT = (180, 83, 26)
PAPER = (255, 255, 255)

FONT_FILES = {
    "regular": ["DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
    "bold": ["DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
}


@cache
def font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in FONT_FILES[weight]:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    # Pillow's own scalable font, so the card renders on hosts without DejaVu.
    return ImageFont.load_default(size)


def _text_width(text: str, face) -> float:
    return face.getlength(text)


def _wrap(text: str, face, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if _text_width(candidate, face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(text: str, face, width: float) -> str:
    if _text_width(text, face) <= width:
        return text
    while text and _text_width(text + "…", face) > width:
        text = text[:-1]
    return text.rstrip() + "…"


DIAGRAM_SCALE = 2.0


def _number_spots(image: Image.Image, spots: Sequence[Spot], scale: float) -> None:
    """Write each spot's step number in a disc over its dot, as on the web page."""
    pen = ImageDraw.Draw(image)
    full = max(14, round(8 * scale))
    for spot in spots:
        x, y = spot.x * scale, spot.y * scale
        text = spot.text
        radius = round(full * disc_radius(spot, spots) / DISC_RADIUS)
        face = font(round(radius * 1.15), "bold")
        small = font(round(radius * 0.95), "bold")
        if len(text) <= 2:
            pen.ellipse(
                (x - radius, y - radius, x + radius, y + radius),
                fill=ACCENT,
                outline=PAPER,
                width=3,
            )
            pen.text((x, y), text, font=face if len(text) == 1 else small, fill=PAPER, anchor="mm")
        else:
            pen.ellipse(
                (x - radius / 2, y - radius / 2, x + radius / 2, y + radius / 2), fill=ACCENT
            )
            pen.text(
                (x + radius, y),
                text,
                font=small,
                fill=BRAND,
                anchor="lm",
                stroke_width=3,
                stroke_fill=PAPER,
            )


def _diagram_images(steps: Sequence[Step]) -> list[tuple[str, Image.Image, list[Spot]]]:
    images = []
    for view, spots in spots_by_view(steps).items():
        markers = [spot.marker() for spot in spots]
        image = draw(view, markers, scale=DIAGRAM_SCALE).convert("RGB")
        images.append((VIEWS[view].title, image, spots))
    return images


def _diagram_rows(
    images: list[tuple[str, Image.Image, list[Spot]]], width: int
) -> list[list[tuple[str, Image.Image]]]:
    """Up to three diagrams side by side, each scaled to its share of the width, numbered."""
    per_row = 1 if len(images) == 1 else 2 if len(images) in (2, 4) else 3
    rows = []
    for start in range(0, len(images), per_row):
        chunk = images[start : start + per_row]
        cell = (width - GAP * (per_row - 1)) // per_row
        scaled = []
        for title, image, spots in chunk:
            ratio = min(cell / image.width, DIAGRAM_MAX_HEIGHT / image.height)
            size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
            resized = image.resize(size, Image.Resampling.LANCZOS)
            _number_spots(resized, spots, DIAGRAM_SCALE * ratio)
            scaled.append((title, resized))
        rows.append(scaled)
    return rows


def render_card(routine: Routine, steps: Sequence[Step], *, flag_pregnancy: bool = False) -> bytes:
    """The card as PNG bytes. ``steps`` in order, with point and point.marks loaded."""
    inner = CARD_WIDTH - 2 * MARGIN
    title_face = font(60, "bold")
    sub_face = font(30)
    caption_face = font(24)
    code_face = font(28, "bold")
    body_face = font(24)
    number_face = font(26, "bold")

    title_lines = _wrap(routine.name, title_face, inner)
    subtitle = (
        f"{schedule_text(routine)} · {len(steps)} points · {duration(routine_seconds(steps))}"
    )
    diagram_rows = _diagram_rows(_diagram_images(steps), inner)
    columns = 2 if len(steps) >= TWO_COLUMNS_FROM else 1
    rows_per_column = -(-len(steps) // columns) if steps else 1

    height = MARGIN + len(title_lines) * 72 + 12 + 44 + GAP
    for row in diagram_rows:
        height += max(image.height for _, image in row) + 40 + GAP
    height += rows_per_column * ROW_HEIGHT + GAP + 80

    card = Image.new("RGB", (CARD_WIDTH, height), PAPER)
    pen = ImageDraw.Draw(card)
    y = MARGIN
    for line in title_lines:
        pen.text((MARGIN, y), line, font=title_face, fill=INK)
        y += 72
    y += 12
    pen.text((MARGIN, y), _fit(subtitle, sub_face, inner), font=sub_face, fill=BRAND)
    y += 44 + GAP

    for row in diagram_rows:
        row_width = sum(image.width for _, image in row) + GAP * (len(row) - 1)
        x = MARGIN + (inner - row_width) // 2
        row_height = max(image.height for _, image in row)
        for title, image in row:
            card.paste(image, (x, y))
            pen.rectangle((x, y, x + image.width - 1, y + image.height - 1), outline=LINE, width=2)
            caption = _fit(title, caption_face, image.width)
            caption_x = x + (image.width - _text_width(caption, caption_face)) / 2
            pen.text((caption_x, y + image.height + 8), caption, font=caption_face, fill=INK_SOFT)
            x += image.width + GAP
        y += row_height + 40 + GAP

    column_width = (inner - GAP * (columns - 1)) // columns
    if not steps:
        pen.text((MARGIN, y), "No points yet.", font=body_face, fill=INK_SOFT)
    for index, step in enumerate(steps):
        column, row = divmod(index, rows_per_column)
        x = MARGIN + column * (column_width + GAP)
        top = y + row * ROW_HEIGHT
        radius = 24
        centre = (x + radius, top + radius + 4)
        pen.ellipse(
            (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius),
            fill=BRAND,
        )
        pen.text(centre, str(index + 1), font=number_face, fill=PAPER, anchor="mm")
        text_x = x + 2 * radius + 16
        text_width = column_width - 2 * radius - 16
        heading = f"{step.point.code} {step.point.name}"
        pen.text((text_x, top), _fit(heading, code_face, text_width), font=code_face, fill=INK)
        detail = step_text(step)
        colour = INK_SOFT
        if flag_pregnancy and step.point.avoid_in_pregnancy:
            detail = "Avoid in pregnancy · " + detail
            colour = WARN
        pen.text(
            (text_x, top + 38), _fit(detail, body_face, text_width), font=body_face, fill=colour
        )

    footer_y = height - MARGIN - 10
    pen.line((MARGIN, footer_y - 16, CARD_WIDTH - MARGIN, footer_y - 16), fill=LINE, width=2)
    footer = (
        "Press Points · self-care, not treatment · press gently, stop if pain shoots down a leg"
    )
    pen.text(
        (MARGIN, footer_y), _fit(footer, caption_face, inner), font=caption_face, fill=INK_SOFT
    )

    buffer = io.BytesIO()
    card.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
