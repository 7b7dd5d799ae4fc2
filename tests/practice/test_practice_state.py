"""The session state machine, called directly with explicit times."""

import datetime

import pytest

from practice import sessions
from practice.access import get_practice_for_user
from practice.models import Practice
from practice.sessions import Phase
from routines.models import Step
from tests.factories import PointFactory, RoutineFactory, StepFactory, UserFactory

T0 = datetime.datetime(2025, 3, 3, 8, 0, tzinfo=datetime.UTC)


def at(seconds: float) -> datetime.datetime:
    return T0 + datetime.timedelta(seconds=seconds)


@pytest.fixture
def user(db):
    return UserFactory(get_ready_seconds=5)


@pytest.fixture
def routine(user):
    """Two steps: BL23 both sides 30 s, then GV4 on the midline 20 s twice."""
    routine = RoutineFactory(owner=user, name="Morning back")
    StepFactory(
        routine=routine, position=1, point=PointFactory(code="BL23"), side="both", hold_seconds=30
    )
    StepFactory(
        routine=routine,
        position=2,
        point=PointFactory(code="GV4", laterality="midline"),
        side="midline",
        hold_seconds=20,
        repetitions=2,
    )
    return routine


@pytest.fixture
def practice(user, routine):
    return sessions.start_practice(user, routine, 6, at(0))


def kinds(practice: Practice) -> list[tuple]:
    return [(p["kind"], p["code"], p["side"], p["seconds"]) for p in practice.phases]


def test_phases_have_a_lead_in_before_each_point_and_both_sides_expand(practice):
    assert kinds(practice) == [
        ("ready", "BL23", "left", 5),
        ("press", "BL23", "left", 30),
        ("press", "BL23", "right", 30),
        ("ready", "GV4", "midline", 5),
        ("press", "GV4", "midline", 20),
        ("press", "GV4", "midline", 20),
    ]
    assert [p["repetition"] for p in practice.phases[3:]] == [1, 1, 2]
    assert {p["steps"] for p in practice.phases} == {2}
    assert practice.phases[4]["step"] == 2


def test_stored_phases_are_exactly_the_typed_phase(practice):
    # What the database holds (and the player's script reads) is what Phase describes.
    practice.refresh_from_db()
    # A new session stores every key, the optional ones too (older ones may lack those).
    every_key = Phase.__required_keys__ | Phase.__optional_keys__
    assert all(set(phase) == every_key for phase in practice.phases)
    step = practice.routine.steps.get(position=1)
    pressed = practice.phases[1]
    assert (pressed["point"], pressed["name"], pressed["note"], pressed["repetitions"]) == (
        step.point_id,
        step.point.name,
        step.note,
        step.repetitions,
    )


def test_repetitions_alternate_sides(user):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine, side="both", hold_seconds=10, repetitions=2)
    phases = sessions.build_phases(routine, 0)
    assert [(p["side"], p["repetition"]) for p in phases] == [
        ("left", 1),
        ("right", 1),
        ("left", 2),
        ("right", 2),
    ]


def test_single_side_step_is_timed_once(user):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine, side=Step.Side.RIGHT, hold_seconds=10)
    phases = sessions.build_phases(routine, 0)
    assert [(p["kind"], p["side"]) for p in phases] == [("press", "right")]


def test_no_lead_in_when_get_ready_is_zero(routine):
    phases = sessions.build_phases(routine, 0)
    assert all(p["kind"] == "press" for p in phases)
    assert len(phases) == 4


def test_start_records_the_snapshot_and_first_deadline(practice, routine):
    practice.refresh_from_db()
    assert practice.state == Practice.State.RUNNING
    assert practice.index == 0
    assert practice.deadline == at(5)
    assert practice.pain_before == 6
    assert practice.routine_name == "Morning back"
    # A later edit to the routine does not change the session under way.
    routine.steps.all().delete()
    practice.refresh_from_db()
    assert len(practice.phases) == 6


def test_a_routine_without_steps_cannot_start(user):
    with pytest.raises(sessions.PracticeError):
        sessions.start_practice(user, RoutineFactory(owner=user), None, at(0))


def test_remaining_counts_down(practice):
    assert sessions.remaining_seconds(practice, at(2)) == 3
    assert sessions.remaining_seconds(practice, at(9)) == 0


def test_advance_when_time_is_up(practice):
    sessions.advance(practice, at(5.2))
    practice.refresh_from_db()
    assert practice.index == 1
    # Counted from the previous deadline, not from when the request came.
    assert practice.deadline == at(35)


def test_early_advance_is_refused(practice):
    with pytest.raises(sessions.TooEarly) as error:
        sessions.advance(practice, at(2))
    assert error.value.message.startswith("3 seconds left")
    practice.refresh_from_db()
    assert practice.index == 0
    assert practice.deadline == at(5)


def test_advance_a_moment_early_is_within_tolerance(practice):
    sessions.advance(practice, at(4.7))
    assert practice.index == 1
    assert practice.deadline == at(35)


def test_very_late_advance_gives_the_next_phase_its_whole_time(practice):
    sessions.advance(practice, at(300))
    assert practice.deadline == at(330)


def test_pause_freezes_and_resume_restarts_from_the_remainder(practice):
    sessions.advance(practice, at(5))
    sessions.pause(practice, at(15))
    practice.refresh_from_db()
    assert practice.state == Practice.State.PAUSED
    assert practice.deadline is None
    assert practice.remaining_ms == 20_000
    assert sessions.remaining_seconds(practice, at(500)) == 20
    with pytest.raises(sessions.PracticeError):
        sessions.advance(practice, at(600))

    sessions.resume(practice, at(600))
    practice.refresh_from_db()
    assert practice.state == Practice.State.RUNNING
    assert practice.deadline == at(620)
    assert practice.remaining_ms is None


def test_pause_and_resume_twice_change_nothing(practice):
    sessions.pause(practice, at(1))
    sessions.pause(practice, at(3))
    assert practice.remaining_ms == 4000
    sessions.resume(practice, at(10))
    sessions.resume(practice, at(12))
    assert practice.deadline == at(14)


def test_skip_starts_the_next_phase_whole(practice):
    sessions.skip(practice, at(1))
    assert practice.index == 1
    assert practice.deadline == at(31)


def test_skip_while_paused_stays_paused(practice):
    sessions.pause(practice, at(1))
    sessions.skip(practice, at(2))
    assert practice.state == Practice.State.PAUSED
    assert practice.index == 1
    assert practice.remaining_ms == 30_000


def test_back_goes_to_the_previous_press_over_the_lead_in(practice):
    for _ in range(4):  # to GV4's first press
        sessions.skip(practice, at(1))
    assert practice.phases[practice.index]["code"] == "GV4"
    sessions.back(practice, at(10))
    assert practice.index == 2  # BL23 right, passing GV4's lead-in
    assert practice.deadline == at(40)
    sessions.back(practice, at(11))
    assert practice.index == 1
    sessions.back(practice, at(12))
    assert practice.index == 0
    sessions.back(practice, at(13))
    assert practice.index == 0
    assert practice.deadline == at(18)


def test_past_the_last_phase_the_session_is_complete(practice):
    for _ in range(6):
        sessions.skip(practice, at(1))
    practice.refresh_from_db()
    assert practice.index == 6
    assert practice.state == Practice.State.RUNNING
    assert sessions.is_complete(practice)
    assert sessions.current_phase(practice) is None
    assert practice.deadline is None
    with pytest.raises(sessions.PracticeError):
        sessions.advance(practice, at(100))
    with pytest.raises(sessions.PracticeError):
        sessions.skip(practice, at(100))
    sessions.back(practice, at(100))
    assert practice.index == 5


def test_end_early_goes_to_complete(practice):
    sessions.end_early(practice, at(3))
    assert sessions.is_complete(practice)


def test_finish_closes_and_refuses_twice(practice):
    sessions.finish(practice, at(200))
    practice.refresh_from_db()
    assert practice.state == Practice.State.FINISHED
    assert practice.ended_at == at(200)
    with pytest.raises(sessions.PracticeClosed):
        sessions.finish(practice, at(201))


@pytest.mark.parametrize("state", [Practice.State.FINISHED, Practice.State.ABANDONED])
@pytest.mark.parametrize(
    "action",
    [
        sessions.advance,
        sessions.pause,
        sessions.resume,
        sessions.skip,
        sessions.back,
        sessions.end_early,
    ],
)
def test_closed_sessions_refuse_every_action(practice, state, action):
    practice.state = state
    practice.save()
    with pytest.raises(sessions.PracticeClosed):
        action(practice, at(100))
    practice.refresh_from_db()
    assert practice.state == state
    assert practice.index == 0


def test_stale_sessions_are_abandoned(user, routine):
    fresh = sessions.start_practice(user, routine, None, at(0))
    stale = sessions.start_practice(user, routine, None, at(0))
    done = sessions.start_practice(user, routine, None, at(0))
    sessions.finish(done, at(10))
    long_ago = at(0) - datetime.timedelta(days=2)
    Practice.objects.filter(pk__in=[stale.pk, done.pk]).update(updated_at=long_ago)
    someone_elses = sessions.start_practice(UserFactory(), routine, None, at(0))
    Practice.objects.filter(pk=someone_elses.pk).update(updated_at=long_ago)

    assert sessions.abandon_stale(user, at(0)) == 1

    states = dict(Practice.objects.values_list("pk", "state"))
    assert states[stale.pk] == Practice.State.ABANDONED
    assert states[fresh.pk] == Practice.State.RUNNING
    assert states[done.pk] == Practice.State.FINISHED
    assert states[someone_elses.pk] == Practice.State.RUNNING


def test_reopen_brings_an_abandoned_session_back_paused(practice):
    sessions.advance(practice, at(5))
    Practice.objects.filter(pk=practice.pk).update(updated_at=at(0) - datetime.timedelta(days=2))
    sessions.abandon_stale(Practice.objects.all(), at(10))
    practice.refresh_from_db()
    assert practice.state == Practice.State.ABANDONED

    sessions.reopen(practice, at(100_000))
    practice.refresh_from_db()
    assert practice.state == Practice.State.PAUSED
    assert practice.index == 1
    assert practice.remaining_ms == 30_000


def test_get_practice_for_user_is_scoped(practice, user):
    assert get_practice_for_user(user, practice.pk) == practice
    from django.http import Http404

    with pytest.raises(Http404):
        get_practice_for_user(UserFactory(), practice.pk)


def test_abandon_if_stale_checks_one_session(practice):
    assert not sessions.abandon_if_stale(practice, at(60))
    practice.updated_at = at(0) - datetime.timedelta(days=2)
    assert sessions.abandon_if_stale(practice, at(0))
    practice.refresh_from_db()
    assert practice.state == Practice.State.ABANDONED
