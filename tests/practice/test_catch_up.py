"""Catching up after the phone ran the session offline: every advance that fell due, from its
deadline, none early and none twice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practice import sessions
from practice.models import Practice
from tests.factories import RoutineFactory, StepFactory

T0 = datetime.datetime(2026, 12, 1, 21, 0, tzinfo=datetime.UTC)


def s(seconds: float) -> datetime.timedelta:
    return datetime.timedelta(seconds=seconds)


@pytest.fixture
def practice(user):
    """5 s get ready, then 20 s left and 20 s right; 5 s get ready, 30 s midline: 80 s."""
    user.get_ready_seconds = 5
    user.save()
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine, position=1, side="both", hold_seconds=20)
    StepFactory(routine=routine, position=2, side="left", hold_seconds=30)
    return sessions.start_practice(user, routine, 5, T0)


def test_catch_up_lands_where_the_phone_is(practice):
    sessions.catch_up(practice, T0 + s(52))
    practice.refresh_from_db()
    # Get ready 0-5, left 5-25, right 25-45, get ready 45-50: the last press began at 50 s.
    assert practice.index == 4
    assert practice.phases[4]["seconds"] == 30
    assert practice.deadline == T0 + s(80)  # 50 + 30, not 52 + 30: no drift


def test_nothing_moves_before_its_time(practice):
    sessions.catch_up(practice, T0 + s(4))
    practice.refresh_from_db()
    assert (practice.index, practice.deadline) == (0, T0 + s(5))
    sessions.catch_up(practice, T0 + s(24))
    practice.refresh_from_db()
    assert (practice.index, practice.deadline) == (1, T0 + s(25))


def test_asking_twice_applies_nothing_twice(practice):
    sessions.catch_up(practice, T0 + s(30))
    sessions.catch_up(practice, T0 + s(30.2))
    practice.refresh_from_db()
    assert (practice.index, practice.deadline) == (2, T0 + s(45))


def test_long_after_the_end_the_session_waits_for_the_score(practice):
    sessions.catch_up(practice, T0 + s(600))
    practice.refresh_from_db()
    assert sessions.is_complete(practice)
    assert practice.state == Practice.State.RUNNING and practice.deadline is None
    sessions.catch_up(practice, T0 + s(700))  # and stays there
    practice.refresh_from_db()
    assert practice.index == len(practice.phases)


def test_a_paused_session_stays_paused(practice):
    sessions.catch_up(practice, T0 + s(10))
    sessions.pause(practice, T0 + s(10))
    sessions.catch_up(practice, T0 + s(300))
    practice.refresh_from_db()
    assert practice.state == Practice.State.PAUSED and practice.index == 1
    assert practice.remaining_ms == 15_000


def test_a_finished_session_refuses(practice):
    sessions.finish(practice, T0 + s(100))
    with pytest.raises(sessions.PracticeClosed):
        sessions.catch_up(practice, T0 + s(101))


def test_the_timer_alone_still_starts_a_late_phase_from_now(practice):
    # Without catch_up (a phone that slept rather than ran offline) the person still gets the
    # next point's whole hold, as before.
    sessions.advance(practice, T0 + s(60))
    practice.refresh_from_db()
    assert (practice.index, practice.deadline) == (1, T0 + s(80))


def test_the_advance_url_catches_up_when_asked(user_client, practice):
    # The first lead-in ended 47 s ago: the phone is 2 s into the last press.
    due = timezone.now() - s(47)
    Practice.objects.filter(pk=practice.pk).update(deadline=due)
    url = reverse("practice:advance", args=[practice.pk])
    response = user_client.post(
        url, {"catch_up": "1", "index": "0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    practice.refresh_from_db()
    assert practice.index == 4
    assert practice.deadline == due + s(75)  # 5 + 20 + 20 + 5 + 30 from the first deadline
    assert 'data-index="4"' in response.content.decode()
