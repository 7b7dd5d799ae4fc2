"""The diagrams' colours, by name, and the look of each kind of line in a drawing.

One place for them, so that the inline SVG, the PNG and the routine card agree, and so that
they can later be read from the site's shared palette. A drawing's shapes name their kind by
class (`diagram-body`, `diagram-fine`, ...); the colours written in the SVG files are only for
viewing them in a drawing program.
"""

from dataclasses import dataclass

SKIN = "#f5e9de"
SKIN_SHADE = "#ecdccd"
NAIL = "#fbf4ee"
HAIR = "#dcc7b3"
OUTLINE = "#6d584a"
DETAIL = "#b59a86"
GUIDE = "#2c7a70"
GUIDE_INK = "#0a4f48"  # the body map's region names
INK = "#1b2530"
INK_SOFT = "#4a5663"
ACCENT = "#b4531a"
ACCENT_HALO = "#efcfba"  # the PNG's halo: the accent at a fifth over white
MUTED_MARKER = "#6b7785"
RULE = "#d9dde2"  # the line above a PNG's caption
WHITE = "#ffffff"


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
