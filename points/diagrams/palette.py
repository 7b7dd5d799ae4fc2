"""The diagrams' colours, by name, and the look of each kind of line in a drawing.

One place for them, so that the inline SVG, the PNG and the routine card agree; the values are
the site's own palette (static/css/tokens.css, read by acupressure/palette.py), so a colour
changed in the stylesheet changes every drawing too. A drawing's shapes name their kind by
class (`diagram-body`, `diagram-fine`, ...); the colours written in the SVG files are only for
viewing them in a drawing program.
"""

from dataclasses import dataclass

from acupressure.palette import colour

SKIN = colour("skin")
SKIN_SHADE = colour("skin-shade")
NAIL = colour("nail")
HAIR = colour("hair")
OUTLINE = colour("outline")
DETAIL = colour("detail")
GUIDE = colour("guide")
GUIDE_INK = colour("brand-dark")  # the body map's region names
INK = colour("ink")
INK_SOFT = colour("ink-soft")
ACCENT = colour("accent")
ACCENT_HALO = colour("accent-halo")  # the PNG's halo: the accent at a fifth over white
MUTED_MARKER = colour("muted-marker")
RULE = colour("line")  # the line above a PNG's caption
WHITE = colour("card")


@dataclass(frozen=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    dash: tuple[float, float] | None = None
    opacity: float = 1.0


STYLES: dict[str, Style] = {
    "body": Style(fill=SKIN, stroke=OUTLINE, width=1.3),
    "bone": Style(fill=SKIN_SHADE, stroke=DETAIL, width=0.7),
    "detail": Style(stroke=DETAIL, width=0.9),
    "fine": Style(stroke=DETAIL, width=0.6),
    "crease": Style(stroke=OUTLINE, width=0.8),
    "nail": Style(fill=NAIL, stroke=DETAIL, width=0.6),
    "feature": Style(stroke=OUTLINE, width=1.1),
    "hair": Style(fill=HAIR, stroke=OUTLINE, width=1.1),
    "guide": Style(stroke=GUIDE, width=0.8, dash=(3.0, 2.2)),
    "dot": Style(fill=DETAIL),
}
