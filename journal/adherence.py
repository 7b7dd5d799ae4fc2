"""The journal's calendar of the last eight weeks: each day practised, missed or at rest.

What counts as planned and as practised is defined once, in practice.adherence, which the
summary and the Today page call too.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from journal.trends import week_start
from practice.adherence import Adherence, Done, adherence, planned_by_day
from routines.models import Routine

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
    adherence: Adherence

    weekday_names = WEEKDAYS

    @property
    def start(self) -> datetime.date:
        return self.weeks[0][0].date

    @property
    def days_practised(self) -> int:
        return self.adherence.practised + self.adherence.extra


def calendar(
    routines: Sequence[Routine],
    done: Done,
    today: datetime.date,
    tz: datetime.tzinfo,
    weeks: int = CALENDAR_WEEKS,
) -> Calendar:
    """The last `weeks` calendar weeks up to the one holding `today`, Monday first; `done` holds
    the days with a session that ran to its end (practice.adherence.sessions_done)."""
    first = week_start(today) - datetime.timedelta(weeks=weeks - 1)
    last = first + datetime.timedelta(weeks=weeks, days=-1)
    planned = planned_by_day(routines, first, last, tz)
    grid = []
    for week in range(weeks):
        days = []
        for offset in range(7):
            day = first + datetime.timedelta(weeks=week, days=offset)
            days.append(
                Day(
                    date=day,
                    planned=len(planned.get(day, ())),
                    done=len(done.get(day, ())),
                    future=day > today,
                    today=day == today,
                )
            )
        grid.append(days)
    return Calendar(weeks=grid, adherence=adherence(routines, done, first, today, tz))
