import pytest
from django.test import override_settings

from points.lookup import channel_of, suggestions
from tests.factories import PointFactory
from tests.support.html import element

pytestmark = pytest.mark.django_db


@pytest.fixture
def bladder_points():
    return [PointFactory(code=f"BL{n}", number=n) for n in (23, 40, 60)]


def test_unknown_point_code_is_a_404_with_search_and_suggestions(client, bladder_points):
    response = client.get("/points/BL99/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "No point called “BL99”" in html
    assert '<form class="card not-found-search" method="get" action="/points/"' in html
    assert 'name="q" value="BL99"' in html
    assert "Did you mean" in html
    assert 'href="/points/BL23/"' in html and 'href="/points/BL60/"' in html


def test_old_channel_letters_suggest_the_standard_channel(client, bladder_points):
    PointFactory(code="LR3", channel="LR", number=3)
    html = client.get("/points/UB99/").content.decode()
    assert 'href="/points/BL40/"' in html
    assert 'href="/points/LR3/"' not in html


def test_nothing_like_it_still_offers_the_search_box(client, bladder_points):
    response = client.get("/points/zzz/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'action="/points/"' in html
    assert "Did you mean" not in html


def test_a_null_character_in_the_address_is_a_plain_404(client, bladder_points):
    response = client.get("/points/BL%0040/")
    assert response.status_code == 404
    assert 'action="/points/"' in response.content.decode()


@override_settings(DEBUG=False)
def test_any_missing_page_renders_the_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/points/"' in html
    assert "/safety/" in element(html, "main .not-found-links").hrefs()


@pytest.mark.parametrize(
    ("label", "channel"),
    [("UB99", "BL"), ("b7", "BL"), ("lv9", "LR"), ("G40", "GB"), ("SJ5", "TE"), ("xx1", None)],
)
def test_channel_of(label, channel):
    assert channel_of(label) == channel


def test_suggestions_prefer_matches_over_the_channel(bladder_points):
    assert [p.code for p in suggestions("BL4")] == ["BL40"]
    assert [p.code for p in suggestions("BL9")] == ["BL23", "BL40", "BL60"]
    assert suggestions("") == []
