"""Download all my data: the account as one JSON file, at /accounts/export.json."""

import datetime
import json

import pytest
from django.urls import reverse

from journal.account_export import export_user_data
from practice.models import Practice
from tests.factories import (
    EntryFactory,
    PointFactory,
    PracticeFactory,
    RoutineFactory,
    StepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/accounts/export.json"


@pytest.fixture
def filled(user, other_user):
    """A user with a routine of two steps, a finished session and its journal entry."""
    user.pregnant = True
    user.timezone = "Europe/Berlin"
    user.save()
    routine = RoutineFactory(
        owner=user,
        name="Sciatica evening",
        schedule="weekly",
        weekdays="135",
        practice_time=datetime.time(19, 30),
    )
    StepFactory(
        routine=routine, position=0, point=PointFactory(code="GB30"), hold_seconds=45, note="Firm"
    )
    StepFactory(routine=routine, position=1, point=PointFactory(code="BL40"), side="left")
    practice = PracticeFactory(
        owner=user,
        routine=routine,
        state=Practice.State.FINISHED,
        pain_before=6,
        ended_at=datetime.datetime(2025, 11, 19, 20, 0, tzinfo=datetime.UTC),
    )
    EntryFactory(
        user=user,
        practice=practice,
        routine=routine,
        routine_name=routine.name,
        pain_before=6,
        pain_after=3,
        areas=1 << 8,  # below the knee, right
        note="Better after the second point — 😊",
    )
    # Someone else's data must never appear.
    RoutineFactory(owner=other_user, name="Other person's routine")
    EntryFactory(user=other_user, note="Other person's note")
    return user


def test_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_download_is_a_json_attachment(user_client, filled):
    response = user_client.get(reverse("export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="press-points-')
    assert response["Content-Disposition"].endswith('.json"')
    assert "no-store" in response["Cache-Control"]


def test_export_holds_everything_of_the_user(user_client, filled):
    data = json.loads(user_client.get(URL).content)
    assert data["format"] == "press-points-export"
    assert data["profile"] == {
        "username": filled.username,
        "email": filled.email,
        "date_joined": filled.date_joined.isoformat(),
        "last_login": filled.last_login.isoformat() if filled.last_login else None,
        "pregnant": True,
        "sound_on": True,
        "voice_on": True,
        "vibrate_on": True,
        "theme": "auto",
        "get_ready_seconds": 5,
        "emergency_number": "999",
        "timezone": "Europe/Berlin",
    }
    [routine] = data["routines"]
    assert routine["name"] == "Sciatica evening"
    assert routine["schedule"] == "weekly"
    assert routine["weekdays"] == ["Tuesday", "Thursday", "Saturday"]
    assert routine["practice_time"] == "19:30"
    assert [step["point"] for step in routine["steps"]] == ["GB30", "BL40"]
    assert routine["steps"][0]["hold_seconds"] == 45
    assert routine["steps"][0]["note"] == "Firm"
    assert routine["steps"][1]["side"] == "left"
    [practice] = data["practices"]
    assert practice["state"] == "finished"
    assert practice["pain_before"] == 6
    assert practice["ended_at"] == "2025-11-19T20:00:00+00:00"
    [entry] = data["journal"]
    assert entry["pain_after"] == 3
    assert entry["areas"] == ["below-knee-right"]
    assert entry["note"] == "Better after the second point — 😊"
    assert entry["practice_id"] == practice["id"]


def test_export_leaves_out_secrets_and_other_people(user_client, filled):
    body = user_client.get(URL).content.decode()
    filled.refresh_from_db()
    assert filled.calendar_token not in body
    assert filled.password not in body
    assert "pbkdf2" not in body
    assert "Other person" not in body


def test_export_of_an_empty_account(user_client, user):
    data = json.loads(user_client.get(URL).content)
    assert data["profile"]["username"] == user.username
    assert (data["routines"], data["practices"], data["journal"]) == ([], [], [])


def test_export_queries_do_not_grow(django_assert_num_queries):
    def fill(user, n):
        for _ in range(n):
            routine = RoutineFactory(owner=user)
            StepFactory.create_batch(3, routine=routine)
            PracticeFactory(owner=user, routine=routine)
            EntryFactory(user=user)

    small, big = UserFactory(), UserFactory()
    fill(small, 1)
    fill(big, 5)
    # routines, steps with their points, practices, the two lists, entries with their
    # medicines and activity scores
    with django_assert_num_queries(8):
        export_user_data(small)
    with django_assert_num_queries(8):
        data = export_user_data(big)
    assert len(data["routines"]) == 5
    assert len(data["journal"]) == 5
