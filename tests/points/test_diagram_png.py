import io

import pytest
from PIL import Image

from points import diagrams as diagram
from points.models import Mark, Point
from tests.factories import AliasFactory, MarkFactory, PointFactory

ACCENT = (0xB4, 0x53, 0x1A)


def close_to(pixel, colour, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


@pytest.fixture
def bl23(db):
    point = PointFactory(code="BL23", pinyin="Shenshu", name="Kidney Shu")
    MarkFactory(point=point, view=Mark.View.BACK, x=90.2, y=178)
    MarkFactory(point=point, view=Mark.View.BACK, x=109.8, y=178)
    return point


def test_diagram_png_draws_the_point_on_its_view(client, bl23):
    response = client.get("/points/BL23/diagram.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    # The trunk of the back view at three pixels per unit, with a caption band underneath.
    left, top, width, height = diagram.VIEWS["back"].frame
    assert image.width == width * 3
    assert height * 3 < image.height < height * 3 + 400
    for x in (90.2, 109.8):
        assert close_to(image.getpixel((round((x - left) * 3), round((178 - top) * 3))), ACCENT)


def test_the_marker_colour_comes_from_the_marker():
    bare = diagram.draw("back", [], scale=2)
    marked = diagram.draw("back", [diagram.Marker(90.2, 178, "BL23")], scale=2)

    assert not close_to(bare.getpixel((180, 356)), ACCENT)
    assert close_to(marked.getpixel((180, 356)), ACCENT)


def test_diagram_png_is_cached_publicly_for_a_day(client, bl23):
    response = client.get("/points/BL23/diagram.png")

    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=86400"} <= cache


def test_diagram_png_of_an_unknown_code_is_not_found(client, db):
    assert client.get("/points/XX99/diagram.png").status_code == 404


def test_diagram_png_of_a_point_without_marks_is_not_found(client, db):
    PointFactory(code="LU1")
    assert client.get("/points/LU1/diagram.png").status_code == 404


def test_diagram_png_of_an_older_label_redirects_to_the_standard_code(client, bl23):
    AliasFactory(point=bl23, label="UB23")

    response = client.get("/points/UB23/diagram.png")

    assert response.status_code == 301
    assert response["Location"] == "/points/BL23/diagram.png"


def test_diagram_png_uses_the_primary_view(client, db):
    point = PointFactory(code="BL60", pinyin="Kunlun")
    MarkFactory(point=point, view=Mark.View.LEG_BACK, x=80, y=316, primary=False)
    MarkFactory(point=point, view=Mark.View.LEG_SIDE, x=58.5, y=317, primary=True)

    image = Image.open(io.BytesIO(client.get("/points/BL60/diagram.png").content))

    assert image.width == diagram.VIEWS["leg-side"].width * 3
    assert close_to(image.getpixel((round(58.5 * 3), 317 * 3)), ACCENT)


@pytest.mark.parametrize("view", sorted(diagram.VIEWS))
def test_every_view_draws_at_any_scale(view):
    spec = diagram.VIEWS[view]
    image = diagram.draw(view, [diagram.Marker(spec.width / 2, spec.height / 2, "x")], scale=1)
    assert image.mode == "RGB"
    assert image.size == (round(spec.width), round(spec.height))
    assert image.getpixel((0, 0))[:3] != (0, 0, 0)


def test_a_frame_keeps_part_of_the_view():
    marker = diagram.Marker(90.2, 178, "BL23")
    frame = diagram.close_up("back", [marker])
    image = diagram.draw("back", [marker], scale=2, frame=frame)

    assert image.size == (round(frame[2] * 2), round(frame[3] * 2))
    assert close_to(image.getpixel((round((90.2 - frame[0]) * 2), (178 - frame[1]) * 2)), ACCENT)
    # A marker near the crown does not fit the trunk's frame: the whole view is shown.
    assert diagram.close_up("back", [diagram.Marker(100, 12, "GV20")]) is None
    assert diagram.close_up("head", [diagram.Marker(80, 83, "EX-HN3")]) is None


def test_a_caption_adds_a_band_under_the_drawing():
    plain = Image.open(io.BytesIO(diagram.render_png("head", [])))
    captioned = Image.open(
        io.BytesIO(diagram.render_png("head", [], caption="EX-HN3 Yintang · Hall of Impression"))
    )
    assert captioned.width == plain.width
    assert captioned.height > plain.height


def test_a_downloaded_limb_diagram_says_which_limb_and_side_it_shows(db):
    point = PointFactory(code="BL40", pinyin="Weizhong", name="Middle of the Crook")
    MarkFactory(point=point, view=Mark.View.LEG_BACK, x=70.5, y=160)

    name, where, notice = diagram.download_caption(point, "leg-back")

    assert name == "BL40 Weizhong · Middle of the Crook"
    assert where.startswith("The back of the right leg, seen from behind")
    assert "inner side on the left, outer side on the right" in where
    assert "left leg" in where and "mirror" in where
    assert notice == "Self-care information, not treatment."


def test_a_downloaded_trunk_diagram_says_from_where_it_is_seen(db):
    bilateral = PointFactory(code="BL23", laterality=Point.Laterality.BILATERAL)
    midline = PointFactory(code="CV6", laterality=Point.Laterality.MIDLINE)

    assert (
        "seen from behind: the left side is on the left"
        in (diagram.download_caption(bilateral, "back")[1])
    )
    assert diagram.download_caption(bilateral, "back")[1].endswith("Marked on both sides.")
    front = diagram.download_caption(midline, "front")[1]
    assert "seen from the front: the left side is on the right" in front
    assert front.endswith("On the midline.")


def test_every_view_says_what_it_shows_and_every_limb_view_which_limb():
    for key, view in diagram.VIEWS.items():
        assert view.shows.startswith("The "), key
        assert view.limb == ("right" if key.split("-")[0] in ("leg", "foot", "hand") else "")
        if view.limb:
            assert "right" in view.shows


def test_the_back_of_the_leg_marks_its_inner_and_outer_side():
    view = diagram.VIEWS["leg-back"]
    notes = {s.text: s for s in view.shapes if isinstance(s, diagram.Label)}
    left, top, right, bottom = view.bounds()
    middle = (left + right) / 2
    # A right leg seen from behind: its inner side faces the other leg, on the viewer's left.
    assert notes["inner"].x < middle < notes["outer"].x
    assert "inner side on the left" in view.shows


def test_the_downloaded_png_carries_the_lines_under_the_drawing(client, bl23):
    image = Image.open(io.BytesIO(client.get("/points/BL23/diagram.png").content))
    one_line = Image.open(
        io.BytesIO(
            diagram.render_png(
                "back", [], scale=3, caption="BL23", frame=diagram.VIEWS["back"].frame
            )
        )
    )
    # The name, what the view shows (wrapped) and the self-care line: taller than one line.
    assert image.height > one_line.height + 3 * 11.5 * 3
