"""A person's own pages are never kept by a shared cache or the browser's disk cache."""

import pytest

from tests.factories import EntryFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(user):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine)
    EntryFactory(user=user, routine=routine)
    return routine


@pytest.mark.parametrize(
    "path",
    [
        "/journal/",
        "/journal/summary/",
        "/journal/export.csv",
        "/journal/export.json",
        "/accounts/export.json",
        "/accounts/settings/",
        "/today/",
        "/routines/",
        "/routines/{pk}/",
        "/routines/{pk}/print/",
        "/routines/{pk}/card.png",
    ],
)
def test_private_pages_are_not_stored(user_client, routine, path):
    response = user_client.get(path.format(pk=routine.pk))

    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


def test_the_calendar_feed_is_private(client, user):
    response = client.get(f"/calendar/{user.calendar_token}.ics")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_public_catalogue_may_still_be_cached(client, db):
    response = client.get("/robots.txt")

    assert "no-store" not in response.get("Cache-Control", "")
