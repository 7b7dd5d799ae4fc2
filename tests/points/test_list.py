import re

import pytest

from points import diagrams
from points.lookup import narrow
from points.models import Point
from tests.factories import AliasFactory, ComplaintFactory, MarkFactory, PointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def points():
    back = ComplaintFactory(slug="lower-back", name="Lower back")
    sciatica = ComplaintFactory(slug="sciatica", name="Sciatica")
    bl23 = PointFactory(code="BL23", number=23, pinyin="Shenshu", name="Kidney Shu")
    bl23.complaints.add(back)
    bl40 = PointFactory(
        code="BL40",
        number=40,
        pinyin="Weizhong",
        name="Middle of the Crook",
        region=Point.Region.LEG,
        reach=Point.Reach.HELPER,
    )
    bl40.complaints.add(back, sciatica)
    AliasFactory(point=bl40, label="UB40", kind="code")
    AliasFactory(point=bl40, label="B54", kind="code")
    li4 = PointFactory(
        code="LI4",
        channel=Point.Channel.LI,
        number=4,
        pinyin="Hegu",
        name="Joining Valley",
        region=Point.Region.HAND,
        avoid_in_pregnancy=True,
    )
    AliasFactory(point=li4, label="Hoku", kind="name")
    return {"BL23": bl23, "BL40": bl40, "LI4": li4}


def codes(response) -> list[str]:
    return [point.code for point in response.context["points"]]


def test_lists_every_point_with_its_facts(client, points):
    response = client.get("/points/")
    assert response.status_code == 200
    assert codes(response) == ["BL23", "BL40", "LI4"]
    html = response.content.decode()
    assert "Weizhong" in html and "Middle of the Crook" in html
    assert 'href="/points/BL40/"' in html
    assert "Avoid in pregnancy" in html
    assert "Needs a helper" in html
    assert "3 points" in html


def test_the_full_page_has_the_search_form_wired_for_htmx(client, points):
    html = client.get("/points/").content.decode()
    assert 'action="/points/"' in html
    assert 'hx-get="/points/"' in html
    assert 'hx-target="#results"' in html
    assert 'hx-push-url="true"' in html
    assert "hx-on" not in html


def test_htmx_request_gets_only_the_results_fragment(client, points):
    response = client.get("/points/", {"region": "leg"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert "Weizhong" in html and "Shenshu" not in html
    # The count travels out of band into the live region, which stays in place.
    assert 'id="result-count" hx-swap-oob="true"' in html
    assert "1 point with these filters" in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_history_restore_gets_the_whole_page(client, points):
    response = client.get(
        "/points/",
        {"region": "leg"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "leg"}, ["BL40"]),
        ({"region": "hand"}, ["LI4"]),
        ({"complaint": "sciatica"}, ["BL40"]),
        ({"complaint": "lower-back"}, ["BL23", "BL40"]),
        ({"reach_alone": "on"}, ["BL23", "LI4"]),
        ({"pregnancy_safe": "on"}, ["BL23", "BL40"]),
        ({"reach_alone": "on", "pregnancy_safe": "on"}, ["BL23"]),
    ],
)
def test_filters(client, points, params, expected):
    response = client.get("/points/", params, HTTP_HX_REQUEST="true")
    assert codes(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ub40", ["BL40"]), ("hoku", ["LI4"]), ("B54", ["BL40"]), ("crook", ["BL40"]), ("BL", None)],
)
def test_search_by_code_alias_or_name(client, points, query, expected):
    response = client.get("/points/", {"q": query}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert codes(response) == (expected or ["BL23", "BL40"])


def test_exact_label_on_a_full_page_search_goes_straight_to_the_point(client, points):
    response = client.get("/points/", {"q": "UB40"}, follow=True)
    assert response.redirect_chain == [("/points/BL40/", 302)]
    assert "“UB40” is BL40 Weizhong." in response.content.decode()


def test_exact_label_with_a_filter_stays_on_the_list(client, points):
    response = client.get("/points/", {"q": "UB40", "region": "leg"})
    assert response.status_code == 200
    assert codes(response) == ["BL40"]


def test_partial_search_does_not_redirect(client, points):
    response = client.get("/points/", {"q": "Weiz"})
    assert response.status_code == 200
    assert codes(response) == ["BL40"]


def test_no_match_explains_and_offers_to_clear(client, points):
    response = client.get("/points/", {"q": "elbow"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert codes(response) == []
    assert "No point matches “elbow”" in html
    assert "No points matching “elbow”</span>" in html
    assert 'href="/points/"' in html
    assert "Show all points" in html


@pytest.mark.parametrize(
    "params",
    [
        {"region": "elbow"},
        {"complaint": "toothache"},
        {"region": ["leg", "nonsense"]},
        {"q": "x" * 500},
    ],
)
def test_bad_filter_values_are_ignored_with_a_note(client, points, params):
    response = client.get("/points/", params)
    assert response.status_code == 200
    assert "We could not use the value given for" in response.content.decode()
    assert len(codes(response)) >= 1


def test_the_form_keeps_the_chosen_filters(client, points):
    html = client.get("/points/", {"region": "leg", "reach_alone": "on"}).content.decode()
    assert '<option value="leg" selected>' in html
    assert 'name="reach_alone" id="id_reach_alone" checked' in html


def test_query_count_does_not_grow_with_the_catalogue(client, django_assert_num_queries):
    complaint = ComplaintFactory()

    def add_points(count: int) -> None:
        for _ in range(count):
            point = PointFactory()
            point.complaints.add(complaint)
            MarkFactory(point=point, view="back", x=88)
            MarkFactory(point=point, view="back", x=112)

    add_points(3)
    # The edition, complaints for the form, the points, their complaints, their marks.
    with django_assert_num_queries(5):
        small = client.get("/points/")
    add_points(17)
    with django_assert_num_queries(5):
        large = client.get("/points/")
    assert len(small.context["points"]) == 3
    assert len(large.context["points"]) == 20
    assert large.content.decode().count('class="diagram-thumb ') == 20


def test_each_card_has_a_decorative_thumbnail_of_its_point(client, points):
    MarkFactory(point=points["BL40"], view="leg-back", x=70, y=170)
    MarkFactory(point=points["BL23"], view="back", x=88, y=200)
    html = client.get("/points/").content.decode()
    cards = re.findall(r'<article class="card point-card">.*?</article>', html, re.S)
    assert len(cards) == 3
    bl23, bl40, li4 = cards
    drawings = f"/points/drawings.svg?v={diagrams.drawings.version()}"
    assert f'<use href="{drawings}#diagram-shapes-back"/>' in bl23
    assert f'<use href="{drawings}#diagram-shapes-leg-back"/>' in bl40
    assert 'cx="70" cy="170"' in bl40
    # The card's link names the point; the picture stays out of the way of screen readers.
    assert re.search(r'<svg [^>]*class="diagram-thumb [^>]*aria-hidden="true"', bl40)
    # No marks yet: no picture, and nothing broken.
    assert "diagram-thumb" not in li4
    # The drawings themselves are not in the page: the browser keeps them in one file.
    assert 'id="diagram-shapes-' not in html


def test_the_htmx_fragment_draws_from_the_same_drawings(client, points):
    MarkFactory(point=points["BL40"], view="leg-back", x=70, y=170)
    MarkFactory(point=points["BL23"], view="back", x=88, y=200)
    html = client.get("/points/", {"region": "leg"}, HTTP_HX_REQUEST="true").content.decode()
    drawings = f"/points/drawings.svg?v={diagrams.drawings.version()}"
    assert f'<use href="{drawings}#diagram-shapes-leg-back"/>' in html
    assert "diagram-shapes-back" not in html


def test_the_drawings_document_is_kept_for_a_year_under_its_version(client, db):
    response = client.get(f"/points/drawings.svg?v={diagrams.drawings.version()}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "immutable" in response["Cache-Control"]
    assert 'id="diagram-shapes-leg-back"' in response.content.decode()
    stale = client.get("/points/drawings.svg?v=old")
    assert "immutable" not in stale["Cache-Control"]


def test_the_whole_catalogue_page_stays_light(client, catalogue):
    response = client.get("/points/")
    html = response.content.decode()
    assert html.count('class="diagram-thumb ') == len(response.context["points"]) == 23
    assert len(response.content) < 150_000
    assert "style=" not in html


@pytest.mark.parametrize(
    ("query", "code"), [("ub40", "BL40"), ("hoku", "LI4"), ("B48", "BL53"), ("lv 3", "LR3")]
)
def test_search_finds_the_real_catalogue_by_alias(client, catalogue, query, code):
    response = client.get("/points/", {"q": query}, HTTP_HX_REQUEST="true")
    assert codes(response) == [code]


def test_null_character_in_the_search_is_ignored(client, points):
    response = client.get("/points/", {"q": "BL\x0040"})
    assert response.status_code == 200
    assert len(codes(response)) == 3


def test_narrow_combines_filters(points):
    found = narrow(Point.objects.all(), complaint="lower-back", reach_alone=True)
    assert [point.code for point in found] == ["BL23"]


@pytest.mark.parametrize("complaint", ["sciatica", "knee", "hip", "leg"])
def test_typing_a_complaint_finds_every_point_the_filter_finds(client, catalogue, complaint):
    typed = client.get("/points/", {"q": complaint}, HTTP_HX_REQUEST="true")
    filtered = client.get("/points/", {"complaint": complaint}, HTTP_HX_REQUEST="true")
    assert set(codes(filtered)) <= set(codes(typed))
    assert len(codes(filtered)) >= 2
