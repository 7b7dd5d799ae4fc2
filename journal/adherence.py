"""Days practised against days planned, for the journal's calendar and the summary."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journal.rows import Row
from journal.trends import week_start
from routines.models import Routine
from routines.schedule import scheduled_dates

CALENDAR_WEEKS = 8
WEEKDAYS = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
]


def routine_start(routine: Routine, tz: datetime.tzinfo) -> datetime.date:
    """A routine is planned from the day it was made, not before."""
    return routine.created.astimezone(tz).date()


def planned_days(
    routines: Iterable[Routine], start: datetime.date, end: datetime.date, tz: datetime.tzinfo
) -> dict[datetime.date, int]:
    """How many sessions are planned on each date from `start` to `end` (both included)."""
    planned: dict[datetime.date, int] = {}
    for routine in routines:
        first = max(start, routine_start(routine, tz))
        for day in scheduled_dates(routine, first, end):
            planned[day] = planned.get(day, 0) + 1
    return planned


def practised_days(rows: Iterable[Row], tz: datetime.tzinfo) -> dict[datetime.date, int]:
    """Sessions done on each local date: entries closing a session or naming a routine."""
    done: dict[datetime.date, int] = {}
    for r in rows:
        if r.is_session:
            day = r.local_date(tz)
            done[day] = done.get(day, 0) + 1
    return done


@dataclass(frozen=True)
class Day:
    date: datetime.date
    planned: int
    done: int
    future: bool
    today: bool

    @property
    def status(self) -> str:
        if self.future:
            return "future"
        if self.done:
            return "done" if self.planned else "extra"
        if self.planned:
            return "due" if self.today else "missed"
        return "rest"

    @property
    def label(self) -> str:
        when = f"{self.date:%A} {self.date.day} {self.date:%B}"
        text = {
            "future": "to come",
            "done": "practised",
            "extra": "practised, not planned",
            "due": "planned today, not done yet",
            "missed": "planned, not practised",
            "rest": "nothing planned",
        }[self.status]
        return f"{when}: {text}"


@dataclass(frozen=True)
class Calendar:
    weeks: list[list[Day]]
    planned_days: int
    planned_days_done: int
    days_practised: int

    weekday_names = WEEKDAYS

    @property
    def start(self) -> datetime.date:
        return self.weeks[0][0].date

    @property
    def percent(self) -> int | None:
        if not self.planned_days:
            return None
        return round(100 * self.planned_days_done / self.planned_days)


def calendar(
    routines: Sequence[Routine],
    rows: Iterable[Row],
    today: datetime.date,
    tz: datetime.tzinfo,
    weeks: int = CALENDAR_WEEKS,
) -> Calendar:
    """The last `weeks` calendar weeks up to the one holding `today`, Monday first."""
    first = week_start(today) - datetime.timedelta(weeks=weeks - 1)
    last = first + datetime.timedelta(weeks=weeks, days=-1)
    planned = planned_days(routines, first, last, tz)
    done = practised_days(rows, tz)
    grid = []
    for week in range(weeks):
        days = []
        for offset in range(7):
            day = first + datetime.timedelta(weeks=week, days=offset)
            days.append(
                Day(
                    date=day,
                    planned=planned.get(day, 0),
                    done=done.get(day, 0),
                    future=day > today,
                    today=day == today,
                )
            )
        grid.append(days)
    past = [d for week in grid for d in week if not d.future]
    # Today counts as planned only once it is done: the day is not over.
    counted = [d for d in past if d.planned and (d.done or not d.today)]
    return Calendar(
        weeks=grid,
        planned_days=len(counted),
        planned_days_done=sum(1 for d in counted if d.done),
        days_practised=sum(1 for d in past if d.done),
    )


@dataclass(frozen=True)
class Sessions:
    done: int
    planned: int

    @property
    def percent(self) -> int | None:
        if not self.planned:
            return None
        return round(100 * self.done / self.planned)


def sessions_against_plan(
    routines: Iterable[Routine],
    rows: Iterable[Row],
    start: datetime.date,
    today: datetime.date,
    tz: datetime.tzinfo,
) -> Sessions:
    """Sessions done from `start` to `today` against sessions the routines planned."""
    done = sum(n for day, n in practised_days(rows, tz).items() if start <= day <= today)
    return Sessions(done=done, planned=planned_sessions(routines, start, today, tz))


def planned_sessions(
    routines: Iterable[Routine], start: datetime.date, end: datetime.date, tz: datetime.tzinfo
) -> int:
    return sum(planned_days(routines, start, end, tz).values())
