import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from points import diagram_views
from points import diagrams as diagram
from points.diagrams import Marker
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

    assert html.count('href="/points/BL23/" aria-label="BL23 PinyinBL23"') == 2
    assert 'href="/points/LR3/" aria-label="LR3 Taichong"' in html
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
