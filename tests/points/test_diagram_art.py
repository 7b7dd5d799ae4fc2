"""The drawings in points/diagrams/art: SVG files read once, their path data parsed for Pillow."""

import pytest

from points.diagrams import art
from points.diagrams.art import ArtError, load_view
from points.diagrams.pathdata import PathDataError, flatten, parse_path

SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>Test</title>'
    '<g id="drawing">'
)


def ends(d: str) -> list[tuple[float, float]]:
    (subpath,) = parse_path(d)
    return [s[0] for s in subpath.segments] + [subpath.segments[-1][3]]


def test_a_path_passes_through_its_points():
    assert ends("M0 0C3 2 7 5 10 5L20 0Q25 5 30 10") == [(0, 0), (10, 5), (20, 0), (30, 10)]


def test_relative_and_shorthand_commands_draw_the_same_path_as_absolute_ones():
    # What Inkscape writes by default: relative moves, h/v, implicit repeats, s and t.
    relative = parse_path(
        "m 10,10 h 10 v 10 l -5,5 5,5 c 0,5 5,5 5,0 s 5,-5 5,0 q 5,5 10,0 t 10,0 z"
    )
    absolute = parse_path(
        "M10 10 L20 10 L20 20 L15 25 L20 30 C20 35 25 35 25 30 C25 25 30 25 30 30 "
        "Q35 35 40 30 Q45 25 50 30 Z"
    )
    assert len(relative) == len(absolute) == 1
    assert relative[0].closed and absolute[0].closed
    for a, b in zip(relative[0].segments, absolute[0].segments, strict=True):
        assert [c for point in a for c in point] == pytest.approx([c for p in b for c in p])


def test_a_quadratic_curve_becomes_the_same_cubic():
    (subpath,) = parse_path("M0 0Q30 60 60 0")
    start, c1, c2, end = subpath.segments[0]
    assert (c1, c2) == (pytest.approx((20, 40)), pytest.approx((40, 40)))
    # Its highest point is halfway to the control point, as a quadratic's is.
    assert max(y for _, y in flatten(subpath, 1.0)) == pytest.approx(30, abs=0.1)


def test_a_move_starts_a_new_subpath_and_z_closes_it():
    first, second = parse_path("M0 0L10 0L10 10ZM20 20L30 20")
    assert first.closed and not second.closed
    # Closing adds the edge back to the start.
    assert first.segments[-1][3] == (0, 0)
    assert second.segments[0][0] == (20, 20)


@pytest.mark.parametrize("d", ["M0 0A5 5 0 0 1 10 10", "M0 0L10", "10 10", "M0 0 L10 10 x"])
def test_path_data_it_cannot_draw_is_refused(d):
    with pytest.raises(PathDataError):
        parse_path(d)


def test_a_drawing_with_a_transform_is_refused(tmp_path):
    file = tmp_path / "moved.svg"
    file.write_text(
        f'{SVG_HEAD}<path class="diagram-body" transform="translate(5 0)" d="M0 0L9 9Z"/></g></svg>'
    )
    with pytest.raises(ArtError, match="transform"):
        load_view(file)


def test_a_moved_layer_is_refused(tmp_path):
    file = tmp_path / "moved-layer.svg"
    file.write_text(
        SVG_HEAD.replace('<g id="drawing">', '<g id="drawing" transform="translate(0 4)">')
        + '<path class="diagram-body" d="M0 0L9 9Z"/></g></svg>'
    )
    with pytest.raises(ArtError, match="transform"):
        load_view(file)


def test_a_shape_without_a_known_kind_is_refused(tmp_path):
    file = tmp_path / "plain.svg"
    file.write_text(f'{SVG_HEAD}<path class="outline" d="M0 0L9 9Z"/></g></svg>')
    with pytest.raises(ArtError, match="class"):
        load_view(file)


def test_a_drawing_saved_by_inkscape_loads(tmp_path):
    """Styles in a style attribute, tspans in text, nested groups, circles: as Inkscape saves."""
    file = tmp_path / "hand-side.svg"
    file.write_text(
        f'{SVG_HEAD}<g id="g12"><path class="diagram-body" style="fill:#f5e9de" '
        'd="m 10,10 h 80 v 80 h -80 z"/>'
        '<circle class="diagram-dot" cx="50" cy="50" r="2"/></g>'
        '<text class="diagram-note" x="5" y="95" style="font-size:6px;text-anchor:end">'
        '<tspan x="5" y="95">wrist</tspan></text></g>'
        '<g id="regions"><polygon data-region="hand" points="0,0 100,0 100,100"/>'
        '<text data-region="hand" x="50" y="20" font-size="12">hand</text></g>'
        '<g id="close-up"><rect x="10" y="20" width="30" height="40"/></g></svg>'
    )
    view = load_view(file)
    assert (view.key, view.title, view.width, view.height) == ("hand-side", "Test", 100, 100)
    body, dot, note = view.shapes
    assert body.style == "body" and view.on_body(50, 50) and not view.on_body(95, 95)
    assert (dot.rx, dot.ry) == (2, 2)
    assert (note.text, note.anchor, note.size) == ("wrist", "end", 6)
    assert view.regions == (("hand", ((0, 0), (100, 0), (100, 100)), (50, 20)),)
    assert view.label_size == 12
    assert view.frame == (10, 20, 30, 40)
    assert view.both == "on both hands"


def test_every_drawing_in_the_art_folder_is_a_view():
    files = sorted(file.stem for file in art.ART.glob("*.svg"))
    assert files == sorted(art.VIEWS)


def test_the_standing_figures_are_their_own_mirror_image():
    for key in ("back", "front"):
        (outline,) = art.VIEWS[key].body_paths()
        ends = {
            (round(x, 1), round(y, 1))
            for sub in outline.subpaths
            for segment in sub.segments
            for x, y in (segment[0], segment[3])
        }
        assert ends == {(round(2 * art.MID - x, 1), y) for x, y in ends}


def test_the_drawings_are_read_once():
    assert art.VIEWS["back"] is art.VIEWS["back"]
    # Every output draws from this one dictionary: the SVG, the thumbnails and the PNG.
    from points.diagrams import png, svg, thumbnails

    assert png.VIEWS is svg.VIEWS is thumbnails.VIEWS is art.VIEWS


def test_the_side_of_the_head_shows_behind_the_ear_between_te17_and_gb20():
    """Anmian lies behind the ear, midway between TE17 (behind the earlobe) and GB20 (under
    the base of the skull): the side view draws both landmarks and the skin between them."""
    view = art.VIEWS["head-side"]
    notes = {s.text: s for s in view.shapes if isinstance(s, art.Label)}
    te17, gb20 = notes["TE17"], notes["GB20"]
    ear = [s for s in view.body_paths() if s is not view.body_paths()[0]][0]
    ear_xs = [p[0] for sub in ear.subpaths for segment in sub.segments for p in segment]
    # The face is to the right, so behind the ear is to its left.
    assert gb20.x < te17.x < min(ear_xs) + 6
    dots = [s for s in view.shapes if isinstance(s, art.Ellipse) and s.style == "dot"]
    (a, b) = sorted(dots, key=lambda d: d.cx)
    assert view.on_body((a.cx + b.cx) / 2, (a.cy + b.cy) / 2)
