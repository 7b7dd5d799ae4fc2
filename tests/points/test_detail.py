import re

import pytest

from points.models import Claim, Point
from tests.factories import (
    AliasFactory,
    ClaimFactory,
    ComplaintFactory,
    MarkFactory,
    PointFactory,
    SourceFactory,
    UserFactory,
)
from tests.support.html import element

pytestmark = pytest.mark.django_db


@pytest.fixture
def bl40():
    point = PointFactory(
        code="BL40",
        number=40,
        pinyin="Weizhong",
        name="Middle of the Crook",
        region=Point.Region.LEG,
        location="Midpoint of the crease behind the knee.",
        how_to_find="Bend the knee slightly.\nFind the crease.\nPress its midpoint.",
        cautions="Nerve and vessels lie beneath: gentle pressure only.",
        hold_seconds=90,
        reach=Point.Reach.HELPER,
    )
    point.complaints.add(ComplaintFactory(slug="sciatica", name="Sciatica"))
    AliasFactory(point=point, label="UB40", kind="code")
    AliasFactory(point=point, label="Middle Crook", kind="name")
    MarkFactory(point=point, view="leg-back", x=50, y=120)
    retailer = SourceFactory(slug="retailer", title="Acupressure Points For Lower Back Pain")
    ClaimFactory(
        source=retailer,
        point=point,
        label="UB40",
        hold="1 minute",
        repetitions="3 times",
        benefits="Back and knee pain",
        verdict=Claim.Verdict.WRONG,
        location_as_described="It is Control Vessel 4.",
        correction="There is no such vessel; the point is BL40 behind the knee.",
    )
    ClaimFactory(source=SourceFactory(slug="guide", title="A careful guide"), point=point)
    return point


def test_shows_how_to_find_and_press_the_point(client, bl40):
    response = client.get("/points/BL40/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Weizhong" in html
    assert "Bladder channel" in html and "Knee and leg" in html
    assert "Midpoint of the crease behind the knee." in html
    assert (
        "<li>Bend the knee slightly.</li><li>Find the crease.</li><li>Press its midpoint.</li>"
        in html
    )
    assert "1 min 30 s" in html
    assert "Needs a helper" in html
    assert "Nerve and vessels lie beneath" in html
    assert 'class="alert alert-warn"' in html
    cautions = element(html, "section[aria-labelledby=cautions-heading] .alert-warn")
    assert "/safety/" in cautions.hrefs()
    assert "Sciatica" in html


def test_shows_the_diagram_and_the_link_to_save_it(client, bl40):
    html = client.get("/points/BL40/").content.decode()
    assert element(html, "main").select("figure.diagram-figure svg")
    # Linked under the catalogue's edition, so the browser may keep it until the next edit.
    assert re.search(r'href="/points/BL40/diagram.png\?v=\d+\.\w+"', html)
    assert "Save or print the diagram" in html


def test_lists_aliases(client, bl40):
    html = client.get("/points/BL40/").content.decode()
    assert "Also known as" in html
    assert "UB40" in html and "Middle Crook" in html


def test_what_the_articles_say_with_verdicts_and_corrections(client, bl40):
    html = client.get("/points/BL40/").content.decode()
    assert 'href="/sources/retailer/"' in html
    assert "Acupressure Points For Lower Back Pain" in html
    assert "1 minute" in html and "3 times" in html and "Back and knee pain" in html
    assert 'class="badge verdict-wrong"' in html
    assert "It is Control Vessel 4." in html
    assert "There is no such vessel" in html
    assert 'class="badge verdict-agrees"' in html


def test_pregnancy_warning(client, db):
    PointFactory(code="LI4", channel="LI", avoid_in_pregnancy=True)
    html = client.get("/points/LI4/").content.decode()
    warning = element(html, "section[aria-labelledby=cautions-heading] .alert-danger")
    assert "Traditionally avoided in pregnancy: LI4." in warning.text
    assert "You told us you are pregnant" not in html


def test_pregnancy_warning_is_stronger_for_a_pregnant_user(client, db):
    PointFactory(code="LI4", channel="LI", avoid_in_pregnancy=True)
    client.force_login(UserFactory(pregnant=True))
    html = client.get("/points/LI4/").content.decode()
    assert "alert-pregnancy-strong" in html
    assert "You told us you are pregnant" in html


def test_no_pregnancy_warning_on_other_points(client, db):
    PointFactory(code="BL23")
    client.force_login(UserFactory(pregnant=True))
    html = client.get("/points/BL23/").content.decode()
    assert "alert-pregnancy-strong" not in html
    assert "Avoid in pregnancy." not in html


def test_uncertain_mapping_is_flagged(client, db):
    PointFactory(code="LR2", channel="LR", mapping_uncertain=True)
    html = client.get("/points/LR2/").content.decode()
    assert "Uncertain mapping" in html


def test_query_count_does_not_grow_with_claims_and_aliases(client, django_assert_num_queries):
    point = PointFactory(code="BL23")
    MarkFactory(point=point)
    ClaimFactory(point=point)
    AliasFactory(point=point)
    # The edition, the point, then its aliases, marks, complaints and claims with sources.
    with django_assert_num_queries(6):
        assert client.get("/points/BL23/").status_code == 200
    for _ in range(6):
        ClaimFactory(point=point)
        AliasFactory(point=point)
    point.complaints.add(ComplaintFactory())
    with django_assert_num_queries(6):
        response = client.get("/points/BL23/")
    assert len(response.context["point"].claims.all()) == 7
