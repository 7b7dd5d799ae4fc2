"""A long session keeps to its schedule although every request arrives a little late."""

import datetime
import random

import pytest

from practice import sessions
from practice.models import Practice
from tests.factories import RoutineFactory, StepFactory, UserFactory

T0 = datetime.datetime(2025, 3, 3, 7, 0, tzinfo=datetime.UTC)


@pytest.fixture
def half_hour_routine(db):
    """Five points, both sides, three rounds of 60 s: 30 minutes of pressing, no lead-ins."""
    user = UserFactory(get_ready_seconds=0)
    routine = RoutineFactory(owner=user)
    for position in range(5):
        StepFactory(routine=routine, position=position, hold_seconds=60, repetitions=3)
    return user, routine


def run_to_the_end(practice: Practice, now: datetime.datetime, rng: random.Random, pause_at=None):
    """Follow the timer as a browser would: ask when told, each answer 0.3 to 0.9 s late.

    Each request first arrives once too early (and is refused), as a second device might.
    Returns the time the last phase ended, how long the session was paused, and the lateness
    of all the requests added up (enough to break the promise if it accumulated).
    """
    paused_for = datetime.timedelta(0)
    lateness = 0.0
    while not sessions.is_complete(practice):
        due = now + datetime.timedelta(seconds=sessions.remaining_seconds(practice, now))
        with pytest.raises(sessions.TooEarly):
            sessions.advance(practice, due - datetime.timedelta(seconds=2))
        if pause_at is not None and practice.index == pause_at:
            pause_at = None
            halfway = now + (due - now) / 2
            sessions.pause(practice, halfway)
            gap = datetime.timedelta(minutes=7, seconds=13)
            sessions.resume(practice, halfway + gap)
            paused_for += gap
            due += gap
        late = rng.uniform(0.3, 0.9)
        lateness += late
        now = due + datetime.timedelta(seconds=late)
        sessions.advance(practice, now)
        practice.refresh_from_db()
    return now, paused_for, lateness


def test_thirty_minutes_end_within_two_seconds_of_thirty_minutes(half_hour_routine):
    user, routine = half_hour_routine
    practice = sessions.start_practice(user, routine, 5, T0)
    assert sessions.total_seconds(practice) == 30 * 60
    assert len(practice.phases) == 30

    ended, paused_for, lateness = run_to_the_end(practice, T0, random.Random(1234))

    assert lateness > 10
    running = ended - T0 - paused_for
    assert abs(running.total_seconds() - 30 * 60) < 2


def test_no_drift_across_a_pause(half_hour_routine):
    user, routine = half_hour_routine
    practice = sessions.start_practice(user, routine, None, T0)

    ended, paused_for, lateness = run_to_the_end(practice, T0, random.Random(99), pause_at=12)

    assert paused_for > datetime.timedelta(minutes=7)
    assert lateness > 10
    running = ended - T0 - paused_for
    assert abs(running.total_seconds() - 30 * 60) < 2
