"""Recording pain without a guided session (journal:new)."""

import datetime

import pytest
from django.utils import timezone

from journal.models import Entry
from tests.factories import RoutineFactory


def local_now(user) -> datetime.datetime:
    return timezone.now().astimezone(user.zone).replace(second=0, microsecond=0)


def when(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def valid(user):
    return {"pain_after": "5", "recorded_at": when(local_now(user) - datetime.timedelta(hours=2))}


def test_form_offers_the_scale_and_defaults_to_now(user_client, user):
    user.timezone = "Asia/Tokyo"
    user.save()
    html = user_client.get("/journal/new/").content.decode()
    assert html.count('name="pain_after"') == 11
    assert 'type="datetime-local"' in html
    assert (
        f'value="{when(local_now(user))}"' in html or f'value="{when(local_now(user))[:-1]}' in html
    )


def test_recording_pain_on_its_own(user_client, user):
    user.timezone = "Europe/Paris"
    user.save()
    response = user_client.post(
        "/journal/new/",
        {
            "pain_after": "4",
            "recorded_at": "2026-03-10T21:15",
            "areas": ["thigh-right"],
            "note": "Sat too long",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    entry = Entry.objects.get()
    assert entry.user == user
    assert entry.pain_after == 4
    assert entry.pain_before is None
    assert entry.practice is None and entry.routine is None and entry.routine_name == ""
    assert entry.area_codes() == ["thigh-right"]
    # 21:15 in Paris (UTC+1 in March before the clocks change) is 20:15 UTC.
    assert entry.recorded_at == datetime.datetime(2026, 3, 10, 20, 15, tzinfo=datetime.UTC)


def test_saved_message(user_client, valid):
    response = user_client.post("/journal/new/", valid, follow=True)
    assert "Saved: pain 5 out of 10" in response.content.decode()


def test_a_session_done_without_the_player_names_the_routine(user_client, user, valid):
    routine = RoutineFactory(owner=user, name="Tennis ball routine")
    user_client.post("/journal/new/", {**valid, "routine": routine.pk, "pain_before": "7"})
    entry = Entry.objects.get()
    assert entry.routine == routine
    assert entry.routine_name == "Tennis ball routine"
    assert entry.change == -2


def test_someone_elses_routine_is_refused(user_client, other_user, valid):
    routine = RoutineFactory(owner=other_user)
    response = user_client.post("/journal/new/", {**valid, "routine": routine.pk})
    assert response.status_code == 200
    assert "Choose one of your own routines" in response.content.decode()
    assert not Entry.objects.exists()


@pytest.mark.parametrize("value", ["11", "-1", "2.5", "abc", "", "10 ", "٣"])
def test_bad_pain_is_refused(user_client, valid, value):
    response = user_client.post("/journal/new/", {**valid, "pain_after": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing is saved yet" in html
    assert "from 0 (no pain) to 10 (worst imaginable)" in html
    assert not Entry.objects.exists()


@pytest.mark.parametrize("value", ["11", "-3", "x"])
def test_bad_pain_before_is_refused(user_client, valid, value):
    response = user_client.post("/journal/new/", {**valid, "pain_before": value})
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_missing_pain_is_refused(user_client, valid):
    response = user_client.post("/journal/new/", {"recorded_at": valid["recorded_at"]})
    assert "Choose how much it hurts" in response.content.decode()
    assert not Entry.objects.exists()


def test_future_time_is_refused(user_client, user, valid):
    tomorrow = when(local_now(user) + datetime.timedelta(days=1))
    response = user_client.post("/journal/new/", {**valid, "recorded_at": tomorrow})
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    "value, message",
    [
        ("0001-01-01T00:00", "from 2000 onwards"),
        ("9999-12-31T23:59", "cannot be in the future"),
        ("1999-12-31T23:59", "from 2000 onwards"),
        ("yesterday", "Enter a valid date and time"),
        ("2026-02-30T10:00", "Enter a valid date and time"),
        ("", "Enter the date and time"),
    ],
)
def test_impossible_times_are_refused_not_a_crash(user_client, user, valid, value, message):
    user.timezone = "Pacific/Kiritimati"  # UTC+14: year 1 would overflow converting to UTC
    user.save()
    response = user_client.post("/journal/new/", {**valid, "recorded_at": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_a_time_that_does_not_exist_on_the_clock_change_is_refused(user_client, user, valid):
    user.timezone = "Europe/London"
    user.save()
    # Clocks jump from 01:00 to 02:00 on 29 March 2026.
    response = user_client.post("/journal/new/", {**valid, "recorded_at": "2026-03-29T01:30"})
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_note_too_long_is_refused(user_client, valid):
    response = user_client.post("/journal/new/", {**valid, "note": "é" * 2001})
    assert "at most 2000 characters" in response.content.decode()
    assert not Entry.objects.exists()


def test_an_unknown_feel_is_refused(user_client, valid):
    response = user_client.post("/journal/new/", {**valid, "feel": "agony"})
    assert "Choose too light, about right or too hard." in response.content.decode()
    assert not Entry.objects.exists()


def test_anonymous_cannot_record(client, db):
    response = client.post("/journal/new/", {"pain_after": "3"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Entry.objects.exists()
