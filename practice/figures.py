"""The point's diagram in the player, with the side being pressed now picked out.

On the back the body is seen from behind, so the person's left is on the viewer's left; on the
front it is the other way round. Other views show one limb, so there is no side to pick.
"""

from dataclasses import dataclass, replace

from django.utils.safestring import SafeString

from points import diagrams
from points.models import Point

# Which half of each two-sided view holds the person's left side.
LEFT_HALF = {"back": "low", "front": "high"}


@dataclass(frozen=True)
class Figure:
    svg: SafeString
    caption: str


def _on_side(view: str, x: float, side: str) -> bool:
    middle = diagrams.VIEWS[view].width / 2
    left_is_low = LEFT_HALF[view] == "low"
    on_left = x < middle if left_is_low else x > middle
    return on_left if side == "left" else not on_left


def player_figures(point: Point, side: str) -> list[Figure]:
    """One figure per primary view; for a left or right press the other side's mark is muted."""
    markers = diagrams.markers_for_point(point)
    figures = []
    for view in diagrams.primary_views(point):
        spec = diagrams.VIEWS[view]
        view_markers = markers[view]
        caption = f"{point.code} on the {spec.title.lower()}"
        description = diagrams.describe(point, view)
        two_sided = (
            side in ("left", "right")
            and view in LEFT_HALF
            and any(_on_side(view, m.x, "left") for m in view_markers)
            and any(_on_side(view, m.x, "right") for m in view_markers)
        )
        if two_sided:
            view_markers = [
                replace(m, label=f"{m.label}, {side} side")
                if _on_side(view, m.x, side)
                else replace(m, highlight=False)
                for m in view_markers
            ]
            seen_from = "seen from behind" if view == "back" else "seen from the front"
            caption += f", {seen_from}: your {side} side is the bright mark"
            description += f" The {side} side is highlighted."
        figures.append(
            Figure(
                svg=diagrams.render_svg(
                    view,
                    view_markers,
                    title=f"{point.code} {point.pinyin} on the {spec.title.lower()}",
                    description=description,
                    css_class="diagram-player",
                    frame=diagrams.close_up(view, view_markers),
                ),
                caption=caption,
            )
        )
    return figures
