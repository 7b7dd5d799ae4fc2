"""When a routine is due, and how many of its planned days were done.

Plain functions on dates, so that the Today page, the journal's adherence calendar and the
calendar feed agree. A "date" is always a local date in the user's own time zone.
"""

import datetime
import zoneinfo
from collections.abc import Iterable

from routines.models import Routine

ONE_DAY = datetime.timedelta(days=1)


def is_due(routine: Routine, date: datetime.date) -> bool:
    return date.weekday() in routine.weekday_numbers()


def week_bounds(date: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Monday and the Sunday of the week holding `date`."""
    monday = date - datetime.timedelta(days=date.weekday())
    return monday, monday + datetime.timedelta(days=6)


def scheduled_dates(
    routine: Routine, start: datetime.date, end: datetime.date
) -> list[datetime.date]:
    """Every date from `start` to `end`, both included, on which the routine is due."""
    weekdays = set(routine.weekday_numbers())
    dates = []
    day = start
    while day <= end:
        if day.weekday() in weekdays:
            dates.append(day)
        day += ONE_DAY
    return dates


def planned_count(routine: Routine, start: datetime.date, end: datetime.date) -> int:
    return len(scheduled_dates(routine, start, end))


def next_due_date(routine: Routine, after: datetime.date) -> datetime.date:
    """The first day strictly after `after` on which the routine is due."""
    weekdays = set(routine.weekday_numbers())
    day = after + ONE_DAY
    # Every schedule has at least one weekday, so a week always finds one.
    for _ in range(7):
        if day.weekday() in weekdays:
            return day
        day += ONE_DAY
    raise ValueError(f"Routine {routine.pk} has no weekday to be due on.")


def done_count(dates: Iterable[datetime.date], start: datetime.date, end: datetime.date) -> int:
    """How many distinct days from `start` to `end`, both included, had a finished session."""
    return len({day for day in dates if start <= day <= end})


def local_day_bounds(
    start: datetime.date, end: datetime.date, zone: zoneinfo.ZoneInfo
) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware instants from the first moment of `start` to the first moment after `end`."""
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end + ONE_DAY, datetime.time.min, tzinfo=zone),
    )
