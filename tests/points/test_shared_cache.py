"""Catalogue pages come from the shared cache for visitors, and never carry one person's page."""

import re

import pytest
from django.core.management import call_command

from points import edition
from points.models import Point
from tests.factories import UserFactory

LI4 = "/points/LI4/"
BANNER = "You told us you are pregnant"


@pytest.fixture
def pregnant_client(client_factory, catalogue):
    return client_factory(UserFactory(pregnant=True))


@pytest.fixture
def plain_client(client_factory, catalogue):
    return client_factory(UserFactory(pregnant=False))


@pytest.fixture
def client_factory(db):
    from django.test import Client

    def make(user):
        made = Client()
        made.force_login(user)
        return made

    return make


def test_a_visitor_is_served_from_the_cache_at_the_cost_of_one_query(
    client, catalogue, django_assert_num_queries
):
    first = client.get("/points/")
    with django_assert_num_queries(1):  # the edition number, nothing else
        again = client.get("/points/")
    assert again.status_code == 200
    assert again.content == first.content
    assert "BL40" in again.content.decode()


def test_a_browser_with_this_edition_gets_304(client, catalogue):
    first = client.get("/points/BL40/")
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert client.get("/points/BL40/", headers={"If-None-Match": etag}).status_code == 304
    Point.objects.filter(code="BL40").first().save()  # an edit, as the admin makes
    assert client.get("/points/BL40/", headers={"If-None-Match": etag}).status_code == 200


def test_an_edit_in_the_admin_shows_at_once(client, catalogue):
    assert "Kneel and feel" not in client.get("/points/BL40/").content.decode()
    point = Point.objects.get(code="BL40")
    point.how_to_find = point.how_to_find + "\nKneel and feel the crease."
    point.save()
    assert "Kneel and feel" in client.get("/points/BL40/").content.decode()


def test_loading_the_catalogue_starts_a_new_edition(catalogue):
    before = edition.current()[0]
    call_command("load_catalogue", verbosity=0)
    assert edition.current()[0] == before + 1


def test_the_page_and_its_fragment_are_kept_apart(client, catalogue):
    page = client.get("/points/?region=leg").content.decode()
    fragment = client.get("/points/?region=leg", headers={"HX-Request": "true"}).content.decode()
    assert "<html" in page
    assert "<html" not in fragment
    assert "<html" in client.get("/points/?region=leg").content.decode()


def test_a_visitors_page_carries_no_csrf_token(client, catalogue):
    html = client.get(LI4).content.decode()
    assert "x-csrftoken" not in html
    assert "csrftoken" not in client.get(LI4).cookies


@pytest.mark.parametrize("visitor_first", [True, False])
def test_nobody_is_served_another_persons_page(
    client, pregnant_client, plain_client, visitor_first
):
    # Whoever asks first, each gets their own: the pregnancy banner only for the pregnant
    # person, a CSRF token only for the signed-in, the visitor's page from the cache.
    order = ["visitor", "pregnant", "plain"] if visitor_first else ["pregnant", "plain", "visitor"]
    clients = {"visitor": client, "pregnant": pregnant_client, "plain": plain_client}
    served = {}
    for who in order * 2:
        served.setdefault(who, []).append(clients[who].get(LI4).content.decode())
    for pages in served.values():
        assert len(pages) == 2
    assert all(BANNER in page for page in served["pregnant"])
    assert not any(BANNER in page for page in served["plain"] + served["visitor"])
    assert not any("x-csrftoken" in page for page in served["visitor"])
    tokens = {
        who: {re.search(r'"x-csrftoken": "([^"]+)"', page).group(1) for page in served[who]}
        for who in ("pregnant", "plain")
    }
    # Each signed-in page is made afresh (a new masked token each time), never stored.
    assert len(tokens["pregnant"]) == 2 and len(tokens["plain"]) == 2
    assert not tokens["pregnant"] & tokens["plain"]
    assert served["visitor"][0] == served["visitor"][1]


def test_the_diagram_is_drawn_once_and_kept_by_the_browser_under_its_edition(
    client, catalogue, django_assert_num_queries
):
    number = edition.current()[0]
    link = f"/points/BL40/diagram.png?v={edition.stamp(number)}"
    assert f'href="{link}"' in client.get("/points/BL40/").content.decode()
    first = client.get(link)
    assert first["Content-Type"] == "image/png"
    assert "immutable" in first["Cache-Control"]
    assert "max-age=31536000" in first["Cache-Control"]
    with django_assert_num_queries(1):
        again = client.get(link)
    assert again.content == first.content
    # An old edition's address is still answered, but not kept for a year.
    stale = client.get(f"/points/BL40/diagram.png?v={edition.stamp(number - 1)}")
    assert stale.status_code == 200
    assert "immutable" not in stale["Cache-Control"]


def test_a_new_release_is_never_answered_from_the_last_ones_cache(client, catalogue, monkeypatch):
    before = client.get("/points/BL40/").content.decode()
    assert f"v={edition.stamp(edition.current()[0])}" in before
    # As if a deploy had retouched a template or a drawing: the same edition, a new release.
    monkeypatch.setattr(edition, "release", lambda: "retouched")
    after = client.get("/points/BL40/").content.decode()
    assert re.search(r'diagram.png\?v=\d+\.retouched"', after)
