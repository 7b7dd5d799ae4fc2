import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.template import Context, Template

from points import diagrams as diagram
from points.diagrams import Marker, markers_for_point, render_svg
from points.models import Mark, Point
from tests.factories import MarkFactory, PointFactory

CATALOGUE = Path(__file__).resolve().parents[2] / "fixtures" / "catalogue"
MARKS = json.loads((CATALOGUE / "marks.json").read_text())
TRUNK_VIEWS = {"back", "front"}
SVG = "{http://www.w3.org/2000/svg}"


def marks_of(code: str, view: str) -> list[dict]:
    return [mark for mark in MARKS[code] if mark["view"] == view]


# Geometry ----------------------------------------------------------------------------------


@pytest.mark.parametrize("view", Mark.View.values)
def test_every_view_of_the_model_has_a_drawing(view):
    spec = diagram.VIEWS[view]
    assert spec.key == view
    assert spec.title
    assert spec.width > 0 and spec.height > 0
    left, top, right, bottom = spec.bounds()
    # The outline fills most of its box.
    assert (right - left) > spec.width / 3 and (bottom - top) > spec.height / 3


def test_on_body_tells_the_body_from_the_background():
    back = diagram.VIEWS["back"]
    assert back.on_body(100, 180)
    assert not back.on_body(5, 5)
    # Between the arm and the waist.
    assert not back.on_body(142, 185)


def test_marks_cover_every_point_of_the_catalogue():
    codes = {point["code"] for point in json.loads((CATALOGUE / "points.json").read_text())}
    assert codes <= set(MARKS)
    assert all(MARKS[code] for code in codes)


@pytest.mark.parametrize("code", sorted(MARKS))
def test_each_mark_lies_on_the_body_inside_its_view(code):
    for mark in MARKS[code]:
        spec = diagram.VIEWS[mark["view"]]
        assert 0 <= mark["x"] <= spec.width and 0 <= mark["y"] <= spec.height
        left, top, right, bottom = spec.bounds()
        assert left <= mark["x"] <= right and top <= mark["y"] <= bottom
        assert spec.on_body(mark["x"], mark["y"]), mark


@pytest.mark.parametrize("code", sorted(MARKS))
def test_each_point_has_one_primary_view(code):
    assert len({mark["view"] for mark in MARKS[code] if mark["primary"]}) == 1


def test_bilateral_trunk_marks_mirror_each_other_about_the_midline():
    points = {p["code"]: p for p in json.loads((CATALOGUE / "points.json").read_text())}
    checked = 0
    for code, marks in MARKS.items():
        for view in TRUNK_VIEWS:
            here = [m for m in marks if m["view"] == view]
            if not here:
                continue
            if points[code]["laterality"] == "midline":
                assert [m["x"] for m in here] == [diagram.MID]
                continue
            assert len(here) == 2, code
            left, right = sorted(here, key=lambda m: m["x"])
            assert left["y"] == right["y"]
            assert left["x"] + right["x"] == pytest.approx(2 * diagram.MID)
            checked += 1
    assert checked >= 5


def test_the_lower_back_points_follow_the_standard():
    """BL23, BL52 and GV4 share the L2 level; BL52 (3 cun) is twice as far out as BL23."""
    level = {m["y"] for code in ("BL23", "BL52", "GV4") for m in marks_of(code, "back")}
    assert len(level) == 1
    bl23 = max(m["x"] for m in marks_of("BL23", "back")) - diagram.MID
    bl52 = max(m["x"] for m in marks_of("BL52", "back")) - diagram.MID
    assert bl52 == pytest.approx(2 * bl23, abs=0.2)
    # BL53 lies 3 cun out like BL52, lower down over the sacrum; GB30 further out.
    bl53 = marks_of("BL53", "back")
    assert max(m["x"] for m in bl53) - diagram.MID == pytest.approx(bl52)
    assert bl53[0]["y"] > level.pop()
    assert max(m["x"] for m in marks_of("GB30", "back")) > max(m["x"] for m in bl53)


def test_the_knee_points_sit_on_the_knee_crease():
    bl40, bl39 = marks_of("BL40", "leg-back")[0], marks_of("BL39", "leg-back")[0]
    assert bl40["y"] == bl39["y"]
    # BL39 is on the outer side, which is on the right of the back of a right leg.
    assert bl39["x"] > bl40["x"]
    assert marks_of("BL57", "leg-back")[0]["y"] > bl40["y"]


# SVG ---------------------------------------------------------------------------------------


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own markup


def test_svg_is_an_accessible_image():
    svg = render_svg(
        "back", [Marker(90, 178, "BL23 Shenshu")], title="BL23", description="Lower back."
    )
    root = parse(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "BL23" and desc.text == "Lower back."
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert root.get("viewBox") == "0 0 200 360"


def test_svg_ids_are_unique_on_a_page():
    first = render_svg("head", [], title="a", description="b")
    second = render_svg("head", [], title="a", description="b")
    ids = re.findall(r' id="([^"]+)"', first + second)
    assert len(ids) == 4 == len(set(ids))


def test_linked_markers_are_named_links():
    svg = render_svg(
        "back",
        [Marker(90, 178, "BL23 Shenshu", "/points/BL23/"), Marker(100, 178, "GV4 Mingmen")],
        title="Lower back",
        description="Two points.",
    )
    root = parse(svg)
    links = root.findall(f".//{SVG}a")
    assert [(a.get("href"), a.get("aria-label")) for a in links] == [
        ("/points/BL23/", "BL23 Shenshu")
    ]
    assert links[0].find(f"{SVG}title").text == "BL23 Shenshu"
    assert links[0].find(f"{SVG}circle[@class='marker']") is not None
    # A picture that holds links is a group: an img would hide them from screen readers.
    assert root.get("role") == "group"


def test_svg_has_no_inline_styles_and_escapes_text():
    svg = render_svg(
        "front",
        [Marker(100, 200, '<b>"CV6"</b>', "/points/CV6/?a=1&b=2")],
        title="<script>alert(1)</script>",
        description="A & B",
        css_class="extra",
    )
    assert "style=" not in svg
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)  # well-formed
    assert root.find(f".//{SVG}a").get("href") == "/points/CV6/?a=1&b=2"
    assert "extra" in root.get("class").split()


def test_highlighted_markers_are_larger_than_the_others():
    root = parse(
        render_svg(
            "back",
            [Marker(90, 178, "a"), Marker(110, 178, "b", highlight=False)],
            title="t",
            description="d",
        )
    )
    radii = {
        c.get("cx"): float(c.get("r"))
        for c in root.iter(f"{SVG}circle")
        if c.get("class") == "marker"
    }
    assert radii["90"] > radii["110"]


def test_areas_are_named_links():
    area = diagram.Area(((0, 0), (10, 0), (10, 10)), "/points/?region=head", "Head", (5, 5))
    root = parse(render_svg("head", [], title="t", description="d", areas=[area]))
    link = root.find(f".//{SVG}a[@class='diagram-area']")
    assert link.get("href") == "/points/?region=head"
    assert link.find(f"{SVG}text").text == "Head"


# Points ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_markers_for_point_groups_marks_by_view_primary_first(django_assert_num_queries):
    point = PointFactory(code="BL60", pinyin="Kunlun")
    MarkFactory(point=point, view=Mark.View.LEG_BACK, x=80, y=316, primary=False)
    MarkFactory(point=point, view=Mark.View.LEG_SIDE, x=58.5, y=317, primary=True)
    point = Point.objects.prefetch_related("marks").get(pk=point.pk)
    with django_assert_num_queries(0):
        markers = markers_for_point(point, link=True)
    assert list(markers) == ["leg-side", "leg-back"]
    assert markers["leg-side"] == [Marker(58.5, 317, "BL60 Kunlun", "/points/BL60/")]
    assert markers_for_point(point)["leg-back"][0].url is None


@pytest.mark.django_db
def test_point_diagram_tag_shows_the_primary_view():
    point = PointFactory(code="BL23", pinyin="Shenshu")
    MarkFactory(point=point, view=Mark.View.BACK, x=90.2, y=178)
    MarkFactory(point=point, view=Mark.View.BACK, x=109.8, y=178)
    MarkFactory(point=point, view=Mark.View.FRONT, x=100, y=178, primary=False)
    html = Template("{% load diagrams %}{% point_diagram point %}").render(
        Context({"point": point})
    )
    assert html.count("<figure") == 1
    assert "<figcaption>BL23 on the back, on both sides</figcaption>" in html
    assert html.count('class="marker"') == 2
    assert "<title" in html and "<desc" in html


@pytest.mark.django_db
def test_point_diagram_tag_without_marks_says_so():
    point = PointFactory(code="LU1")
    html = Template("{% load diagrams %}{% point_diagram point %}").render(
        Context({"point": point})
    )
    assert "<svg" not in html
    assert "No diagram for LU1" in html


def test_diagram_tag_wraps_render_svg():
    html = Template(
        "{% load diagrams %}{% diagram 'hand-back' markers 'Hand points' 'LI4 and TE3.' %}"
    ).render(Context({"markers": [Marker(57.5, 150, "LI4 Hegu", "/points/LI4/")]}))
    root = parse(html)
    assert root.find(f"{SVG}title").text == "Hand points"
    assert root.find(f".//{SVG}a").get("aria-label") == "LI4 Hegu"


@pytest.mark.django_db
def test_point_diagram_tag_frames_the_trunk_unless_a_marker_is_outside():
    low = PointFactory(code="BL23")
    MarkFactory(point=low, view=Mark.View.BACK, x=90.2, y=178)
    high = PointFactory(code="GV20")
    MarkFactory(point=high, view=Mark.View.BACK, x=100, y=12)
    template = Template("{% load diagrams %}{% point_diagram point %}")

    framed = parse(re.search(r"<svg.*</svg>", template.render(Context({"point": low})), re.S)[0])
    whole = parse(re.search(r"<svg.*</svg>", template.render(Context({"point": high})), re.S)[0])

    x, y, width, height = map(float, framed.get("viewBox").split())
    assert y > 0 and height < 360
    assert whole.get("viewBox") == "0 0 200 360"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("laterality", "view", "expected"),
    [
        (Point.Laterality.MIDLINE, "front", "CV6 on the front of the trunk"),
        (Point.Laterality.BILATERAL, "back", "CV6 on the back, on both sides"),
        (Point.Laterality.BILATERAL, "leg-inner", "CV6 on the inner side of the leg, on both legs"),
        (Point.Laterality.BILATERAL, "foot-top", "CV6 on the top of the foot, on both feet"),
        (Point.Laterality.BILATERAL, "hand-palm", "CV6 on the palm and wrist, on both hands"),
    ],
)
def test_captions_say_where_to_press(laterality, view, expected):
    assert diagram.caption(PointFactory(code="CV6", laterality=laterality), view) == expected
