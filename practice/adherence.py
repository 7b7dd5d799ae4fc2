"""Adherence, defined once: planned days practised.

A planned day is a local date on which at least one of the person's routines is due (from the
day the routine was made). It counts as practised when a session ran to its end that day; a
session ended early is kept in the journal but does not make the day practised. Today counts as
planned only once it is practised: the day is not over.

The journal's calendar, the clinician summary and the Today page all call adherence() with
the days that sessions_done() reads, so the three cannot disagree.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from practice.access import practices_for_user
from practice.models import Practice
from routines.models import Routine
from routines.schedule import local_day_bounds, scheduled_dates

# The local dates with a session that ran to its end, and the routines done on each
# (None for a routine since deleted).
Done = dict[datetime.date, set[int | None]]


@dataclass(frozen=True)
class Adherence:
    planned: int  # planned days up to today
    practised: int  # of those, the days a session ran to its end
    extra: int  # days practised with nothing planned: welcome, not counted in the share

    @property
    def percent(self) -> int | None:
        if not self.planned:
            return None
        return round(100 * self.practised / self.planned)

    def __str__(self) -> str:
        text = f"{self.practised} of {self.planned} planned days practised"
        return text if self.percent is None else f"{text} ({self.percent}%)"


def routine_start(routine: Routine, zone: datetime.tzinfo) -> datetime.date:
    """A routine is planned from the day it was made, not before."""
    return routine.created.astimezone(zone).date()


def planned_by_day(
    routines: Iterable[Routine], start: datetime.date, end: datetime.date, zone: datetime.tzinfo
) -> dict[datetime.date, set[int]]:
    """The routines due on each date from `start` to `end`, both included."""
    planned: dict[datetime.date, set[int]] = {}
    for routine in routines:
        for day in scheduled_dates(routine, max(start, routine_start(routine, zone)), end):
            planned.setdefault(day, set()).add(routine.pk)
    return planned


def practice_date(practice: Practice, zone: datetime.tzinfo) -> datetime.date:
    """The local day a session belongs to: the day it ended, or began if it has no end."""
    return (practice.ended_at or practice.started_at).astimezone(zone).date()


def days_done(practices: Iterable[Practice], zone: datetime.tzinfo) -> Done:
    """The routines done on each local day, of the sessions finished and not ended early."""
    done: Done = {}
    for practice in practices:
        if practice.state != Practice.State.FINISHED or practice.ended_early:
            continue
        done.setdefault(practice_date(practice, zone), set()).add(practice.routine_id)
    return done


def routine_days(done: Done, routine: Routine) -> set[datetime.date]:
    return {day for day, routines in done.items() if routine.pk in routines}


def sessions_done(user, start: datetime.date, end: datetime.date, zone: zoneinfo.ZoneInfo) -> Done:
    """The days from `start` to `end` with a finished session that ran to its end."""
    since, until = local_day_bounds(start, end, zone)
    practices = (
        practices_for_user(user)
        .filter(state=Practice.State.FINISHED, ended_early=False)
        .filter(
            Q(ended_at__gte=since, ended_at__lt=until)
            | Q(ended_at__isnull=True, started_at__gte=since, started_at__lt=until)
        )
        .only("routine_id", "state", "ended_early", "started_at", "ended_at")
    )
    return days_done(practices, zone)


def adherence(
    routines: Iterable[Routine],
    done: Done,
    start: datetime.date,
    today: datetime.date,
    zone: datetime.tzinfo,
) -> Adherence:
    """Planned days practised from `start` to `today`. With one routine, its own planned days
    and the days it was done; with several, a day any of them was due and any was done."""
    routines = list(routines)
    ids = {routine.pk for routine in routines}
    single = len(routines) == 1
    planned = planned_by_day(routines, start, today, zone)
    practised = extra = counted = 0
    for day in sorted({*planned, *done}):
        if not start <= day <= today:
            continue
        did = bool(done.get(day, set()) & ids) if single else bool(done.get(day))
        if day in planned:
            if day == today and not did:
                continue
            counted += 1
            practised += did
        elif did:
            extra += 1
    return Adherence(planned=counted, practised=practised, extra=extra)
