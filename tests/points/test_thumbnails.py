"""The small pictures on the catalogue's cards: drawn from the drawings document, a light SVG
per card."""

import xml.etree.ElementTree as ET

import pytest

from points import diagrams as diagram
from points.diagrams import Marker, drawings, render_thumbnail, thumbnail_frame

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own markup


def viewbox(svg: str) -> list[float]:
    return [float(n) for n in parse(svg).get("viewBox").split()]


def inside(frame, marker: Marker) -> bool:
    x, y, width, height = frame
    return x <= marker.x <= x + width and y <= marker.y <= y + height


DRAWINGS = "/points/drawings.svg?v=abc"


def thumbnail_group(view: str) -> ET.Element:
    root = parse(drawings.document())
    found = root.findall(f"{SVG}defs/{SVG}g[@id='diagram-shapes-{view}']")
    assert len(found) == 1
    return found[0]


def test_the_drawings_document_holds_each_views_thumbnail_once():
    root = parse(drawings.document())
    ids = [group.get("id") for group in root.findall(f"{SVG}defs/{SVG}g")]
    for view in diagram.VIEWS:
        assert ids.count(f"diagram-shapes-{view}") == 1
        assert ids.count(f"diagram-view-{view}") == 1
    assert "style=" not in drawings.document()


def test_the_thumbnail_drawing_leaves_out_what_is_too_small_to_see():
    shapes = diagram.VIEWS["leg-back"].shapes
    assert any(isinstance(s, diagram.Label) for s in shapes)
    assert any(getattr(s, "style", "") == "fine" for s in shapes)
    group = ET.tostring(thumbnail_group("leg-back"), encoding="unicode")
    assert "<ns0:text" not in group and "<text" not in group
    assert "diagram-fine" not in group
    assert 'class="diagram-body"' in group


def test_the_drawings_version_follows_their_content():
    assert drawings.version() == drawings.version()
    assert len(drawings.version()) == 12


def test_a_thumbnail_draws_its_view_from_the_drawings_with_the_marker():
    marker = Marker(100, 170, "BL40 Weizhong")
    svg = render_thumbnail("leg-back", [marker], DRAWINGS)
    root = parse(svg)
    assert root.get("aria-hidden") == "true"
    assert root.get("focusable") == "false"
    assert root.find(f"{SVG}use").get("href") == f"{DRAWINGS}#diagram-shapes-leg-back"
    dot = root.find(f"{SVG}circle[@class='marker']")
    assert (float(dot.get("cx")), float(dot.get("cy"))) == (100, 170)
    # Decorative: the card names the point, the picture adds no text of its own.
    assert "<title" not in svg and "BL40" not in svg
    assert len(svg) < 700


def test_a_tall_view_is_cut_down_around_the_marker():
    marker = Marker(70, 170, "BL40 Weizhong")
    x, y, width, height = frame = thumbnail_frame("leg-back", [marker])
    narrowest, _ = diagram.THUMB_ASPECT
    assert width / height == pytest.approx(narrowest)
    assert height < diagram.VIEWS["leg-back"].height / 2
    assert inside(frame, marker)


def test_a_wide_view_is_cut_down_around_the_marker():
    marker = Marker(200, 100, "SP3 Taibai")
    x, y, width, height = frame = thumbnail_frame("foot-inner", [marker])
    _, widest = diagram.THUMB_ASPECT
    assert width / height == pytest.approx(widest)
    assert inside(frame, marker)
    assert x + width <= diagram.VIEWS["foot-inner"].width


def test_the_window_stays_inside_the_view_near_its_edge():
    x, y, width, height = thumbnail_frame("leg-back", [Marker(70, 10, "near the top")])
    assert y >= 0
    assert y + height <= diagram.VIEWS["leg-back"].height


def test_markers_far_apart_all_stay_in_the_window():
    markers = [Marker(70, 60, "thigh"), Marker(70, 300, "ankle")]
    frame = thumbnail_frame("leg-back", markers)
    assert all(inside(frame, marker) for marker in markers)


def test_the_trunk_keeps_its_close_up():
    markers = [Marker(88, 200, "BL23 Shenshu"), Marker(112, 200, "BL23 Shenshu")]
    assert thumbnail_frame("back", markers) == diagram.VIEWS["back"].frame


def test_the_two_sides_of_a_point_stay_two_dots():
    markers = [Marker(95, 200, "left"), Marker(105, 200, "right")]
    root = parse(render_thumbnail("back", markers, DRAWINGS))
    radii = [float(c.get("r")) for c in root.findall(f"{SVG}circle[@class='marker']")]
    assert len(radii) == 2
    assert all(2 * r < 10 for r in radii)


def test_the_marker_is_about_the_same_size_on_screen_on_every_view():
    sizes = []
    for view, marker in [("back", Marker(88, 200, "a")), ("foot-top", Marker(80, 120, "b"))]:
        svg = render_thumbnail(view, [marker], DRAWINGS)
        x, y, width, height = viewbox(svg)
        unit = max(width / diagram.THUMB_WIDTH, height / diagram.THUMB_HEIGHT)
        dot = parse(svg).find(f"{SVG}circle[@class='marker']")
        sizes.append(float(dot.get("r")) / unit)
    assert sizes == pytest.approx([diagram.THUMB_DOT] * 2, rel=0.01)
