"""Body diagrams: SVG drawings (art/) read once, drawn as inline SVG, thumbnails and PNG.

- art.py: the drawings as views (shapes, regions, close-up frame), loaded at start-up;
- pathdata.py: SVG path data as Bézier segments, flattened to polygons for Pillow;
- palette.py: the colours and line styles;
- marks.py: a point's marks as markers, and the words for its figure;
- svg.py, thumbnails.py, png.py, bodymap.py: the outputs, all drawn from the same shapes.
"""

from points.diagrams import drawings
from points.diagrams.art import MID, VIEWS, Ellipse, Label, Path, View
from points.diagrams.bodymap import map_figures, region_areas
from points.diagrams.marks import (
    HIT_RADIUS,
    MARKER_RADIUS,
    MARKER_RADIUS_MUTED,
    Area,
    Marker,
    caption,
    close_up,
    describe,
    download_caption,
    markers_for_point,
    point_label,
    primary_views,
)
from points.diagrams.png import draw, render_png
from points.diagrams.svg import marker_scale, render_svg
from points.diagrams.thumbnails import (
    THUMB_ASPECT,
    THUMB_DOT,
    THUMB_HEIGHT,
    THUMB_WIDTH,
    render_thumbnail,
    thumbnail_frame,
)

__all__ = [
    "HIT_RADIUS",
    "MARKER_RADIUS",
    "MARKER_RADIUS_MUTED",
    "MID",
    "THUMB_ASPECT",
    "THUMB_DOT",
    "THUMB_HEIGHT",
    "THUMB_WIDTH",
    "VIEWS",
    "Area",
    "Ellipse",
    "Label",
    "Marker",
    "Path",
    "View",
    "caption",
    "close_up",
    "describe",
    "download_caption",
    "draw",
    "drawings",
    "map_figures",
    "marker_scale",
    "markers_for_point",
    "point_label",
    "primary_views",
    "region_areas",
    "render_png",
    "render_svg",
    "render_thumbnail",
    "thumbnail_frame",
]
