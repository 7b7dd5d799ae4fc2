import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from routines.calendar import build_calendar
from routines.models import Routine
from tests.factories import RoutineFactory, StepFactory, UserFactory

pytestmark = pytest.mark.django_db

# Tuesday 18 November 2025.
MADE = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=datetime.UTC)


def make_routine(owner, *, steps=(), created=MADE, **kwargs) -> Routine:
    routine = RoutineFactory(owner=owner, **kwargs)
    for hold, reps, side in steps:
        StepFactory(routine=routine, hold_seconds=hold, repetitions=reps, side=side)
    Routine.objects.filter(pk=routine.pk).update(created=created)
    routine.refresh_from_db()
    return routine


def feed(client, user) -> Calendar:
    response = client.get(reverse("calendar-feed", args=[user.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_summary(calendar: Calendar) -> dict:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_token_is_256_bits_of_url_safe_text(user):
    assert len(user.calendar_token) >= 43
    assert re.fullmatch(r"[A-Za-z0-9_-]+", user.calendar_token)
    assert UserFactory().calendar_token != user.calendar_token


def test_feed_needs_no_login_and_lists_routines(client, user):
    make_routine(user, name="Morning back", steps=[(30, 2, "both"), (60, 1, "midline")])
    calendar = feed(client, user)
    assert calendar["VERSION"] == "2.0"
    events = events_by_summary(calendar)
    assert list(events) == ["Acupressure: Morning back"]


def test_daily_routine_repeats_daily_at_its_time_in_the_users_zone(client):
    user = UserFactory(timezone="Europe/Paris")
    routine = make_routine(user, name="Daily", practice_time=datetime.time(7, 30))
    event = events_by_summary(feed(client, user))["Acupressure: Daily"]
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    start = event.decoded("DTSTART")
    assert start == datetime.datetime(2025, 11, 18, 7, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(event["UID"]) == f"routine-{routine.pk}@press-points"


def test_feed_carries_the_time_zone_definition(client):
    user = UserFactory(timezone="America/New_York")
    make_routine(user)
    calendar = feed(client, user)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_weekly_routine_has_byday_and_starts_on_an_occurrence(client, user):
    make_routine(user, name="MWF", schedule="weekly", weekdays="402")
    event = events_by_summary(feed(client, user))["Acupressure: MWF"]
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    # Made on Tuesday 18 November: the first occurrence is Wednesday 19 November.
    assert event.decoded("DTSTART").date() == datetime.date(2025, 11, 19)
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR" in event.to_ical()


def test_duration_is_session_time_with_a_five_minute_floor(client, user):
    # 60 s × 3 × both sides = 360 s; 30 s × 2 midline = 60 s: 7 minutes.
    make_routine(user, name="Long", steps=[(60, 3, "both"), (30, 2, "midline")])
    make_routine(user, name="Short", steps=[(10, 1, "left")])
    events = events_by_summary(feed(client, user))
    assert events["Acupressure: Long"].decoded("DURATION") == datetime.timedelta(minutes=7)
    assert events["Acupressure: Short"].decoded("DURATION") == datetime.timedelta(minutes=5)


def test_each_event_has_a_display_alarm(client, user):
    make_routine(user, name="Alarmed")
    event = events_by_summary(feed(client, user))["Acupressure: Alarmed"]
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0]["ACTION"] == "DISPLAY"
    assert "Alarmed" in str(alarms[0]["DESCRIPTION"])
    assert alarms[0].decoded("TRIGGER") == datetime.timedelta(0)


def test_event_links_to_starting_the_routine(client, user):
    routine = make_routine(user, name="Linked")
    event = events_by_summary(feed(client, user))["Acupressure: Linked"]
    assert str(event["URL"]) == "http://testserver" + reverse("practice:start", args=[routine.pk])


def test_archived_and_other_peoples_routines_are_left_out(client, user, other_user):
    make_routine(user, name="Active")
    make_routine(user, name="Old", archived=True)
    make_routine(other_user, name="Someone else's")
    assert list(events_by_summary(feed(client, user))) == ["Acupressure: Active"]


def test_uid_is_stable_between_fetches(client, user):
    make_routine(user, name="Stable")
    first = events_by_summary(feed(client, user))["Acupressure: Stable"]["UID"]
    second = events_by_summary(feed(client, user))["Acupressure: Stable"]["UID"]
    assert first == second


def test_unknown_token_is_404(client, user):
    response = client.get("/calendar/" + "A" * 43 + ".ics")
    assert response.status_code == 404


def test_inactive_user_has_no_feed(client):
    user = UserFactory(is_active=False)
    response = client.get(reverse("calendar-feed", args=[user.calendar_token]))
    assert response.status_code == 404


def test_feed_is_not_cached_or_indexed(client, user):
    response = client.get(reverse("calendar-feed", args=[user.calendar_token]))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_feed_refuses_post(client, user):
    response = client.post(reverse("calendar-feed", args=[user.calendar_token]))
    assert response.status_code == 405


def test_reset_token_makes_the_old_address_404(client, user):
    old_url = reverse("calendar-feed", args=[user.calendar_token])
    client.force_login(user)
    response = client.post(reverse("calendar-reset"))
    assert response.status_code == 302
    assert response["Location"] == reverse("settings") + "#calendar"
    user.refresh_from_db()
    new_url = reverse("calendar-feed", args=[user.calendar_token])
    assert new_url != old_url
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


def test_reset_needs_post_and_login(client, user):
    token = user.calendar_token
    assert client.post(reverse("calendar-reset")).status_code == 302  # to log in
    client.force_login(user)
    assert client.get(reverse("calendar-reset")).status_code == 405
    user.refresh_from_db()
    assert user.calendar_token == token


def test_build_calendar_directly_skips_archived():
    active = Routine(pk=1, name="A", created=MADE, updated=MADE)
    archived = Routine(pk=2, name="B", created=MADE, updated=MADE, archived=True)
    calendar = Calendar.from_ical(build_calendar([active, archived], zoneinfo.ZoneInfo("UTC")))
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Acupressure: A"]
