import math
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from points import diagram_views, diagrams
from points import diagrams as diagram
from points.diagrams import Marker, bodymap
from points.models import Mark, Point
from tests.factories import MarkFactory, PointFactory


def make_point(code: str, view: str = Mark.View.BACK, region: str = Point.Region.LOWER_BACK):
    point = PointFactory(code=code, pinyin=f"Pinyin{code}", region=region)
    MarkFactory(point=point, view=view, x=90, y=178)
    MarkFactory(point=point, view=view, x=110, y=178)
    return point


def test_the_map_has_its_own_address_before_point_codes():
    assert reverse("points:map") == "/points/map/"
    assert resolve("/points/map/").func is diagram_views.body_map


@pytest.mark.django_db
def test_each_region_is_a_link_to_the_filtered_catalogue(client):
    response = client.get("/points/map/")

    assert response.status_code == 200
    html = response.content.decode()
    for value, label in Point.Region.choices:
        # Drawn on a diagram, and again in the plain list below.
        assert f'class="diagram-area" href="/points/?region={value}" aria-label="{label}"' in html
        assert f'<a href="/points/?region={value}">{label}</a>' in html


@pytest.mark.django_db
def test_every_marked_point_links_to_its_page(client):
    make_point("BL23")
    foot = PointFactory(code="LR3", pinyin="Taichong", region=Point.Region.FOOT)
    MarkFactory(point=foot, view=Mark.View.FOOT_TOP, x=59.5, y=134)

    html = client.get("/points/map/").content.decode()

    back = figure(html, "back")
    assert back.count('href="/points/BL23/" aria-label="BL23 PinyinBL23"') == 2
    assert 'href="/points/LR3/" aria-label="LR3 Taichong"' in figure(html, "foot-top")
    assert "style=" not in html


@pytest.mark.django_db
def test_region_list_counts_points(client):
    make_point("BL23")
    make_point("BL52")
    PointFactory(code="HT7", region=Point.Region.HAND)

    response = client.get("/points/map/")

    regions = {r["value"]: r["count"] for r in response.context["regions"]}
    assert regions["lower-back"] == 2
    assert regions["hand"] == 1
    assert regions["head"] == 0


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_catalogue(client, django_assert_num_queries):
    make_point("BL23")
    with CaptureQueriesContext(connection) as few:
        client.get("/points/map/")
    for code in ("BL52", "BL53", "GB30", "GV4", "SI11"):
        make_point(code)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/points/map/")

    assert response.status_code == 200
    assert len(few.captured_queries) <= 3


def figure(html: str, key: str) -> str:
    match = re.search(
        rf'<figure class="body-map-view body-map-view-{key}[ "].*?</figure>', html, re.S
    )
    assert match, key
    return match[0]


def marker_radius(html: str, code: str) -> float:
    match = re.search(
        rf'aria-label="{code} [^"]*">.*?<circle class="marker" cx="[^"]*" cy="[^"]*" r="([\d.]+)"',
        html,
    )
    assert match, code
    return float(match.group(1))


@pytest.mark.django_db
def test_close_up_dots_are_enlarged_to_be_seen_and_tapped_on_a_phone(client):
    make_point("BL23")  # on the standing figure
    foot = PointFactory(code="SP4", pinyin="Gongsun", region=Point.Region.FOOT)
    MarkFactory(point=foot, view=Mark.View.FOOT_INNER, x=100, y=95)

    html = client.get("/points/map/").content.decode()

    assert marker_radius(html, "BL23") == diagram.MARKER_RADIUS_MUTED
    # The foot close-up is 240 units wide and drawn some 155 pixels wide on a phone.
    assert marker_radius(html, "SP4") == pytest.approx(240 / 24, abs=0.01)


def test_marker_scale_is_the_wanted_one_when_the_dots_have_room():
    far_apart = [Marker(10, 10, "A"), Marker(100, 10, "B")]

    assert diagram.marker_scale(far_apart, 2.5) == 2.5
    assert diagram.marker_scale([Marker(10, 10, "A")], 2.5) == 2.5
    assert diagram.marker_scale([], 2.5) == 2.5


def test_marker_scale_keeps_neighbouring_dots_apart():
    close = [Marker(10, 10, "A"), Marker(23, 10, "B"), Marker(80, 10, "C")]

    scale = diagram.marker_scale(close, 3.0)

    assert 2 * diagram.MARKER_RADIUS_MUTED * scale < 13
    assert scale == pytest.approx(0.45 * 13 / diagram.MARKER_RADIUS_MUTED)


def test_marker_scale_never_shrinks_the_dots():
    touching = [Marker(10, 10, "A"), Marker(12, 10, "B")]

    assert diagram.marker_scale(touching, 3.0) == 1.0
    assert diagram.marker_scale([Marker(10, 10, "A")], 0.5) == 1.0


def lower_back(client) -> dict[str, str]:
    make_point("BL23")  # x 90 and 110
    spine = PointFactory(code="GV4", pinyin="Mingmen", region=Point.Region.LOWER_BACK)
    MarkFactory(point=spine, view=Mark.View.BACK, x=100, y=178)
    gluteal = PointFactory(code="GB30", pinyin="Huantiao", region=Point.Region.BUTTOCK_HIP)
    MarkFactory(point=gluteal, view=Mark.View.BACK, x=131.3, y=242)
    html = client.get("/points/map/").content.decode()
    return {key: figure(html, key) for key in ("back", "lower-back")}


@pytest.mark.django_db
def test_dots_too_close_to_tap_apart_move_to_a_close_up(client):
    figures = lower_back(client)

    # GV4 lies 10 units from each BL23 dot: on a phone, less than a fingertip.
    assert "/points/GV4/" not in figures["back"]
    assert "/points/BL23/" not in figures["back"]
    # GB30 has room on the standing figure, and is in the close-up too.
    assert "/points/GB30/" in figures["back"]
    for code in ("GV4", "BL23", "GB30"):
        assert f'href="/points/{code}/"' in figures["lower-back"]
    assert "Lower back, close up" in figures["lower-back"]


def hits(svg: str) -> list[tuple[str, float, float, float]]:
    return [
        (href, float(x), float(y), float(r))
        for href, x, y, r in re.findall(
            r'href="([^"]+)".*?<circle class="marker-hit" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"',
            svg,
        )
    ]


@pytest.mark.django_db
def test_no_dot_reaches_into_another_points_target(client):
    for svg in lower_back(client).values():
        targets = hits(svg)
        assert targets
        for i, (href, x, y, r) in enumerate(targets):
            for other, ox, oy, orad in targets[i + 1 :]:
                if other != href:
                    assert math.dist((x, y), (ox, oy)) >= r + orad - 0.02, (href, other)


@pytest.mark.django_db
def test_each_dot_is_named_beside_it_for_focus_and_touch(client):
    back = lower_back(client)["back"]

    name = re.search(r'href="/points/GB30/".*?<text class="marker-name"[^>]*>([^<]+)</text>', back)
    assert name and name[1] == "GB30 Huantiao"


@pytest.mark.django_db
def test_on_the_real_catalogue_every_dot_has_room_for_a_fingertip(client, catalogue):
    """On every figure, at the narrowest it is drawn, no two points' dots are closer than a
    24-pixel target, and every mark of the catalogue is on some figure."""
    figures, close_ups = diagrams.map_figures(Point.objects.prefetch_related("marks"), {}, {}, "")
    shown = set()
    for fig in figures + close_ups:
        svg = str(fig.svg)
        x, y, width, height = map(float, re.search(r'viewBox="([^"]+)"', svg)[1].split())
        kind = "figure" if fig in figures else "zoom" if fig.wide else "close-up"
        gap = bodymap.min_gap(width, kind)
        targets = hits(svg)
        for i, (href, x1, y1, r) in enumerate(targets):
            shown.add((fig.view.key, href, x1, y1))
            for other, x2, y2, _ in targets[i + 1 :]:
                if other != href:
                    assert math.dist((x1, y1), (x2, y2)) >= gap - 0.01, (fig.key, href, other)
            assert r >= gap / 2 - 0.01
    marks = {
        (mark.view, f"/points/{mark.point.code}/", round(mark.x, 2), round(mark.y, 2))
        for mark in Mark.objects.select_related("point")
    }
    assert marks <= shown
