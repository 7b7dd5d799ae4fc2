"""Body diagram tags.

`{% point_diagram point %}` shows a point on its primary view(s);
`{% diagram view markers title description %}` draws any markers on any view.
"""

from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString

from points import diagrams
from points.models import Point

register = template.Library()


@register.inclusion_tag("points/_diagram.html")
def point_diagram(point: Point, css_class: str = "") -> dict:
    """The point's primary view(s), its marks highlighted, each in a figure with a caption."""
    markers = diagrams.markers_for_point(point)
    figures = []
    for view in diagrams.primary_views(point):
        spec = diagrams.VIEWS[view]
        figures.append(
            {
                "view": spec,
                "caption": diagrams.caption(point, view),
                "svg": diagrams.render_svg(
                    view,
                    markers[view],
                    title=f"{point.code} {point.pinyin} on the {spec.title.lower()}",
                    description=diagrams.describe(point, view),
                    css_class=css_class,
                    frame=diagrams.close_up(view, markers[view]),
                ),
            }
        )
    return {"point": point, "figures": figures}


@register.simple_tag
def diagram(
    view: str,
    markers: Sequence[diagrams.Marker],
    title: str,
    description: str,
    css_class: str = "",
) -> SafeString:
    """Any view with any markers, e.g. the points of a routine."""
    return diagrams.render_svg(
        view, markers, title=title, description=description, css_class=css_class
    )


def _thumbnail_view(point: Point) -> str | None:
    views = diagrams.primary_views(point)
    return views[0] if views else None


@register.simple_tag
def drawings_url() -> str:
    """The address of the drawings document that thumbnails draw their bodies from."""
    from points.diagram_views import drawings_url as url

    return url()


@register.simple_tag
def point_thumbnail(point: Point, drawings: str) -> SafeString:
    """A small, decorative picture of the point on its first view, its body drawn from the
    drawings document at `drawings` (`drawings_url`). Uses point.marks.all(), so prefetch the
    marks."""
    view = _thumbnail_view(point)
    if view is None:
        return SafeString("")
    return diagrams.render_thumbnail(view, diagrams.markers_for_point(point)[view], drawings)
