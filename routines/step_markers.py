"""A routine's points on as few body diagrams as possible, numbered in the order they are pressed.

Each point is drawn on its primary view only (BL40 shows on the back of the leg, not also on
the whole back), so a routine of back and leg points gives one back diagram with every back
point numbered and one leg diagram. A point that appears twice carries both numbers.

points.diagrams draws plain dots; the step numbers are written over them here, in the SVG and
(by routines.card) in the PNG.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from acupressure.palette import colour
from points.diagrams import VIEWS, Marker, point_label, render_svg
from routines.models import Step


@dataclass
class Spot:
    """One place on one view, with the step numbers pressed there."""

    x: float
    y: float
    numbers: list[int] = field(default_factory=list)
    label: str = ""
    url: str | None = None

    @property
    def text(self) -> str:
        return ",".join(str(n) for n in self.numbers)

    def marker(self) -> Marker:
        which = "Points" if len(self.numbers) > 1 else "Point"
        return Marker(self.x, self.y, f"{which} {self.text}: {self.label}", url=self.url)


@dataclass
class RoutineDiagram:
    view: str
    title: str
    description: str
    spots: list[Spot]
    numbers: list[int]

    def markers(self) -> list[Marker]:
        return [spot.marker() for spot in self.spots]

    def svg(self) -> SafeString:
        svg = render_svg(
            self.view,
            self.markers(),
            title=self.title,
            description=self.description,
            css_class="routine-diagram",
        )
        if not svg.endswith("</svg>"):
            return svg
        return mark_safe(svg[: -len("</svg>")] + number_labels(self.spots) + "</svg>")  # noqa: S308


# A disc a little larger than the plain dot, so that the number is legible; smaller where
# two points lie close together (BL23 and BL52), so that neither covers the other's number.
DISC_RADIUS = 7.5
SMALLEST_DISC_RADIUS = 4.5


def disc_radius(spot: Spot, spots: Sequence[Spot]) -> float:
    """The radius of the disc behind a spot's number, in the view's units."""
    nearest = min(
        (math.dist((spot.x, spot.y), (other.x, other.y)) for other in spots if other is not spot),
        default=math.inf,
    )
    return max(SMALLEST_DISC_RADIUS, min(DISC_RADIUS, nearest / 2 - 0.25))


def number_labels(spots: Sequence[Spot]) -> SafeString:
    """The step numbers as SVG text centred on their dots (two numbers beside the dot)."""
    # The drawings keep light colours in both schemes (they sit on their own light panel).
    white, ink, accent = colour("on-brand"), colour("brand-dark"), colour("accent")
    items = []
    discs = []
    for spot in spots:
        text = spot.text
        if len(text) <= 2:
            radius = disc_radius(spot, spots)
            discs.append((spot.x, spot.y, radius))
            size = (9.5 if len(text) == 1 else 8) * radius / DISC_RADIUS
            items.append((spot.x, spot.y, "middle", f"{size:.3g}", white, "none", text))
        else:
            items.append((spot.x + 9, spot.y, "start", 9, ink, white, text))
    return format_html(
        '<g class="routine-numbers" aria-hidden="true" pointer-events="none" font-weight="700">'
        "{}{}</g>",
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="1.5"/>',
            ((f"{x:g}", f"{y:g}", f"{r:.3g}", accent, white) for x, y, r in discs),
        ),
        format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="central" font-size="{}" '
            'fill="{}" stroke="{}" stroke-width="3" paint-order="stroke">{}</text>',
            (
                (f"{x:g}", f"{y:g}", anchor, size, fill, stroke, text)
                for x, y, anchor, size, fill, stroke, text in items
            ),
        ),
    )


def primary_marks(point) -> list:
    """The point's marks on its primary view (uses point.marks.all(), so prefetch)."""
    marks = [mark for mark in point.marks.all() if mark.view in VIEWS]
    if not marks:
        return []
    view = next((mark.view for mark in marks if mark.primary), marks[0].view)
    return [mark for mark in marks if mark.view == view]


def spots_by_view(steps: Sequence[Step], *, link: bool = False) -> dict[str, list[Spot]]:
    """Numbered places per view (step numbers 1-based), views in the order first used."""
    places: dict[str, dict[tuple[float, float], Spot]] = {}
    for number, step in enumerate(steps, start=1):
        point = step.point
        for mark in primary_marks(point):
            spot = places.setdefault(mark.view, {}).setdefault(
                (mark.x, mark.y),
                Spot(
                    mark.x,
                    mark.y,
                    label=f"{point_label(point)} ({point.name})",
                    url=point.get_absolute_url() if link else None,
                ),
            )
            if number not in spot.numbers:
                spot.numbers.append(number)
    return {view: list(spots.values()) for view, spots in places.items()}


def routine_diagrams(steps: Sequence[Step], *, link: bool = False) -> list[RoutineDiagram]:
    diagrams = []
    for view, spots in spots_by_view(steps, link=link).items():
        title = VIEWS[view].title
        numbers = sorted({n for spot in spots for n in spot.numbers})
        codes = []
        for number in numbers:
            codes.append(f"{number} {steps[number - 1].point.code}")
        description = (
            f"{title}, with the points of this routine numbered in the order you press them: "
            + ", ".join(codes)
            + "."
        )
        diagrams.append(RoutineDiagram(view, title, description, spots, numbers))
    return diagrams
