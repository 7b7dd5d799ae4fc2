"""The guided session as a state machine: plain functions over a Practice and an explicit `now`.

A session is a list of timed phases snapshotted from the routine when it starts: a get-ready
lead-in before each point, then one phase per side and repetition of each step. The server
owns the state (which phase, its deadline or, when paused, its remainder), so a reload or a
second device picks the session up where it is.

Each function changes the practice and saves it. Callers that act on a request fetch it with
``get_practice_for_user(user, pk, for_update=True)`` (practice/access.py) inside
``transaction.atomic()`` so that two devices asking at the same moment queue instead of both
moving the session on.

When every phase is done the practice stays ``running`` with ``index == len(phases)`` and no
deadline: the session is complete and waits for the pain score, which ``finish`` closes.
"""

import datetime
import math
from typing import Literal, NotRequired, TypedDict

from django.db.models import QuerySet

from practice.access import practices_for_user
from practice.models import Practice
from routines.describe import side_words
from routines.models import Routine, Step

# A timer that fires a little early (clock granularity, rounding) still counts as on time.
EARLY_TOLERANCE = datetime.timedelta(milliseconds=500)
# A request later than this (phone asleep, tab closed) starts the next phase from now, so the
# person still gets its whole hold; anything earlier keeps to the schedule, which is what
# stops the session from drifting.
LATE_GRACE = datetime.timedelta(seconds=3)
STALE_AFTER = datetime.timedelta(days=1)

OPEN_STATES = (Practice.State.RUNNING, Practice.State.PAUSED)
READY: Literal["ready"] = "ready"
PRESS: Literal["press"] = "press"


class Phase(TypedDict):
    """One timed phase of a session, as stored in ``Practice.phases`` (JSON) and sent to the
    player's script: a get-ready lead-in or one side and repetition of one step.

    A snapshot of the routine when the session started, so later edits leave it alone.
    """

    kind: Literal["ready", "press"]
    step: int  # the step's number in the routine, from 1
    steps: int  # how many steps the routine has
    point: int  # the point's primary key, for its diagram
    code: str
    pinyin: str
    name: str
    place: NotRequired[str]  # where it is, as spoken; sessions started before it lack it
    side: str  # a Step.Side value: the side held in this phase
    seconds: int
    repetition: int  # which repetition of the step, from 1
    repetitions: int
    note: str


class PracticeError(Exception):
    """Something the person asked for cannot be done now; the message says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TooEarly(PracticeError):
    def __init__(self, seconds_left: float) -> None:
        whole = max(1, math.ceil(seconds_left))
        super().__init__(f"{whole} second{'s' if whole != 1 else ''} left on this point.")
        self.seconds_left = seconds_left


class PracticeClosed(PracticeError):
    pass


# Building the phases ---------------------------------------------------------------------------


def _sides(step: Step) -> list[str]:
    if step.side == Step.Side.MIDLINE or step.point.is_midline:
        return [Step.Side.MIDLINE]
    if step.side == Step.Side.BOTH:
        return [Step.Side.LEFT, Step.Side.RIGHT]
    return [step.side]


def build_phases(routine: Routine, get_ready_seconds: int) -> list[Phase]:
    """The routine expanded into timed phases, JSON-serialisable, in the order they are done.

    Before each step comes a get-ready lead-in (when ``get_ready_seconds`` > 0). A step held on
    both sides alternates left and right within each repetition, so each side rests between
    holds: rep 1 left, rep 1 right, rep 2 left, ...
    """
    steps = list(routine.steps.select_related("point").order_by("position", "id"))
    phases: list[Phase] = []
    for number, step in enumerate(steps, start=1):
        point = step.point
        sides = _sides(step)
        common = {
            "step": number,
            "steps": len(steps),
            "point": point.pk,
            "code": point.code,
            "pinyin": point.pinyin,
            "name": point.name,
            "place": point.place,
            "repetitions": step.repetitions,
            "note": step.note,
        }
        if get_ready_seconds > 0:
            phases.append(
                Phase(**common, kind=READY, side=sides[0], seconds=get_ready_seconds, repetition=1)
            )
        for repetition in range(1, step.repetitions + 1):
            for side in sides:
                phases.append(
                    Phase(
                        **common,
                        kind=PRESS,
                        side=side,
                        seconds=step.hold_seconds,
                        repetition=repetition,
                    )
                )
    return phases


def side_label(side: str) -> str:
    return side_words(side).pressing


# Reading the state -----------------------------------------------------------------------------


def is_open(practice: Practice) -> bool:
    return practice.state in OPEN_STATES


def is_complete(practice: Practice) -> bool:
    """Every phase done, the pain score not recorded yet."""
    return is_open(practice) and practice.index >= len(practice.phases)


def current_phase(practice: Practice) -> Phase | None:
    if 0 <= practice.index < len(practice.phases):
        return practice.phases[practice.index]
    return None


def remaining_seconds(practice: Practice, now: datetime.datetime) -> float:
    """Seconds left in the current phase: frozen while paused, counting down while running."""
    if current_phase(practice) is None:
        return 0.0
    if practice.state == Practice.State.RUNNING and practice.deadline is not None:
        return max(0.0, (practice.deadline - now).total_seconds())
    if practice.remaining_ms is not None:
        return practice.remaining_ms / 1000
    return float(current_phase(practice)["seconds"])


def total_seconds(practice: Practice) -> int:
    return sum(phase["seconds"] for phase in practice.phases)


def seconds_done(practice: Practice, now: datetime.datetime) -> float:
    """How far through the session, in seconds of timed phases, for the progress bar."""
    before = sum(phase["seconds"] for phase in practice.phases[: practice.index])
    phase = current_phase(practice)
    if phase is None:
        return float(before)
    return before + max(0.0, phase["seconds"] - remaining_seconds(practice, now))


# Changing the state ----------------------------------------------------------------------------


def _ensure_open(practice: Practice) -> None:
    if practice.state == Practice.State.FINISHED:
        raise PracticeClosed("This session is finished: its score is in your journal.")
    if practice.state == Practice.State.ABANDONED:
        raise PracticeClosed(
            "This session was left unfinished for more than a day. Resume it from your "
            "unfinished sessions, or start the routine again."
        )


def _ensure_in_progress(practice: Practice) -> None:
    _ensure_open(practice)
    if is_complete(practice):
        raise PracticeError("All the points are done: record how you feel now.")


def _go_to(practice: Practice, index: int, base: datetime.datetime) -> None:
    """Make ``index`` the current phase, timed from ``base`` (or frozen whole when paused)."""
    practice.index = index
    phase = current_phase(practice)
    if phase is None:
        practice.deadline = None
        practice.remaining_ms = None
        practice.state = Practice.State.RUNNING
    elif practice.state == Practice.State.PAUSED:
        practice.deadline = None
        practice.remaining_ms = phase["seconds"] * 1000
    else:
        practice.deadline = base + datetime.timedelta(seconds=phase["seconds"])
        practice.remaining_ms = None


def _save(practice: Practice) -> Practice:
    practice.save(
        update_fields=[
            "state",
            "index",
            "deadline",
            "remaining_ms",
            "ended_at",
            "ended_early",
            "updated_at",
        ]
    )
    return practice


def start_practice(
    user, routine: Routine, pain_before: int | None, now: datetime.datetime
) -> Practice:
    get_ready = routine.get_ready_seconds
    phases = build_phases(routine, user.get_ready_seconds if get_ready is None else get_ready)
    if not phases:
        raise PracticeError("This routine has no points yet: add one before you start.")
    practice = Practice(
        owner=user,
        routine=routine,
        routine_name=routine.name,
        phases=phases,
        state=Practice.State.RUNNING,
        index=0,
        pain_before=pain_before,
        started_at=now,
    )
    _go_to(practice, 0, now)
    practice.save()
    return practice


def advance(practice: Practice, now: datetime.datetime) -> Practice:
    """Move on when the current phase's time is up; refuse (TooEarly) before that.

    The next deadline is counted from the previous one, not from when the request arrived, so
    the small lateness of every request does not add up over a long session.
    """
    _ensure_in_progress(practice)
    if practice.state == Practice.State.PAUSED:
        raise PracticeError("The session is paused: resume it to go on.")
    deadline = practice.deadline
    if deadline is None:  # pragma: no cover - a running phase always has a deadline
        deadline = now
    if now < deadline - EARLY_TOLERANCE:
        raise TooEarly((deadline - now).total_seconds())
    base = deadline if now - deadline <= LATE_GRACE else now
    _go_to(practice, practice.index + 1, base)
    return _save(practice)


def catch_up(practice: Practice, now: datetime.datetime) -> Practice:
    """Apply every advance that fell due while the phone was offline, and no other.

    The phone carried the session on by itself meanwhile; this brings the server to the same
    place. Each next deadline is counted from the one before (no drift, and never from the
    time of this request, which can be long after), only phases whose time is up move on
    (none early), and asking twice changes nothing more (none twice). A paused or complete
    session stays as it is.
    """
    _ensure_open(practice)
    if practice.state != Practice.State.RUNNING or is_complete(practice):
        return practice
    moved = False
    while (
        current_phase(practice) is not None
        and practice.deadline is not None
        and now >= practice.deadline - EARLY_TOLERANCE
    ):
        _go_to(practice, practice.index + 1, practice.deadline)
        moved = True
    return _save(practice) if moved else practice


def pause(practice: Practice, now: datetime.datetime) -> Practice:
    """Freeze the current phase's remainder. Pausing a paused session changes nothing."""
    _ensure_in_progress(practice)
    if practice.state == Practice.State.PAUSED:
        return practice
    practice.remaining_ms = round(remaining_seconds(practice, now) * 1000)
    practice.deadline = None
    practice.state = Practice.State.PAUSED
    return _save(practice)


def resume(practice: Practice, now: datetime.datetime) -> Practice:
    """Count down again from the frozen remainder. Resuming a running session changes nothing."""
    _ensure_in_progress(practice)
    if practice.state == Practice.State.RUNNING:
        return practice
    remaining_ms = practice.remaining_ms
    if remaining_ms is None:
        remaining_ms = current_phase(practice)["seconds"] * 1000
    practice.state = Practice.State.RUNNING
    practice.deadline = now + datetime.timedelta(milliseconds=remaining_ms)
    practice.remaining_ms = None
    return _save(practice)


def skip(practice: Practice, now: datetime.datetime) -> Practice:
    """Go straight to the next phase, whole; a paused session stays paused."""
    _ensure_in_progress(practice)
    _go_to(practice, practice.index + 1, now)
    return _save(practice)


def back(practice: Practice, now: datetime.datetime) -> Practice:
    """Go to the previous press, whole, passing over get-ready lead-ins.

    On the first press it goes back to the lead-in before it; from the complete state it
    returns to the last press.
    """
    _ensure_open(practice)
    index = min(practice.index, len(practice.phases)) - 1
    while index > 0 and practice.phases[index]["kind"] == READY:
        index -= 1
    _go_to(practice, max(index, 0), now)
    practice.ended_early = False  # back in the session: it may yet run to its end
    return _save(practice)


def end_early(practice: Practice, now: datetime.datetime) -> Practice:
    """Stop the timer and go to the complete state, where the pain score is recorded."""
    _ensure_open(practice)
    practice.state = Practice.State.RUNNING
    # Ending on the last point's last second is still ending early: the hold was cut short.
    practice.ended_early = practice.index < len(practice.phases)
    _go_to(practice, len(practice.phases), now)
    return _save(practice)


def finish(practice: Practice, now: datetime.datetime) -> Practice:
    """Close the session (its pain score is recorded elsewhere)."""
    _ensure_open(practice)
    practice.state = Practice.State.FINISHED
    practice.ended_at = now
    practice.deadline = None
    practice.remaining_ms = None
    return _save(practice)


def reopen(practice: Practice, now: datetime.datetime) -> Practice:
    """Bring an abandoned session back, paused at the phase it was left on."""
    if practice.state != Practice.State.ABANDONED:
        _ensure_open(practice)  # a finished session stays finished
        return practice
    phase = current_phase(practice)
    if phase is None:
        practice.state = Practice.State.RUNNING
        practice.remaining_ms = None
    else:
        practice.state = Practice.State.PAUSED
        if practice.remaining_ms is None:
            practice.remaining_ms = phase["seconds"] * 1000
    practice.deadline = None
    return _save(practice)


def abandon_stale(queryset_or_user, now: datetime.datetime) -> int:
    """Mark sessions untouched for more than a day as abandoned; returns how many."""
    if isinstance(queryset_or_user, QuerySet):
        practices = queryset_or_user
    else:
        practices = practices_for_user(queryset_or_user)
    return practices.filter(state__in=OPEN_STATES, updated_at__lt=now - STALE_AFTER).update(
        state=Practice.State.ABANDONED, deadline=None
    )


def abandon_if_stale(practice: Practice, now: datetime.datetime) -> bool:
    """The same rule for one session already in hand (no query unless it is stale)."""
    if not is_open(practice) or practice.updated_at >= now - STALE_AFTER:
        return False
    practice.state = Practice.State.ABANDONED
    practice.deadline = None
    _save(practice)
    return True
