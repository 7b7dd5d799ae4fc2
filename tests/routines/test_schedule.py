import datetime
import zoneinfo

import pytest

from routines.models import Routine
from routines.schedule import (
    done_count,
    is_due,
    local_day_bounds,
    next_due_date,
    planned_count,
    scheduled_dates,
    week_bounds,
)

UTC = zoneinfo.ZoneInfo("UTC")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

# Monday 17 November 2025 to Sunday 23 November 2025.
MON = datetime.date(2025, 11, 17)
TUE = datetime.date(2025, 11, 18)
WED = datetime.date(2025, 11, 19)
FRI = datetime.date(2025, 11, 21)
SAT = datetime.date(2025, 11, 22)
SUN = datetime.date(2025, 11, 23)
NEXT_MON = datetime.date(2025, 11, 24)


def daily() -> Routine:
    return Routine(pk=1, name="Daily", schedule=Routine.Schedule.DAILY)


def mwf() -> Routine:
    return Routine(pk=2, name="MWF", schedule=Routine.Schedule.WEEKLY, weekdays="024")


def at(*args, tz=UTC) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


def test_daily_is_due_every_day():
    assert all(is_due(daily(), MON + datetime.timedelta(days=n)) for n in range(7))


def test_weekly_mwf_is_due_only_on_monday_wednesday_friday():
    due = [
        MON + datetime.timedelta(days=n)
        for n in range(7)
        if is_due(mwf(), MON + datetime.timedelta(days=n))
    ]
    assert due == [MON, WED, FRI]


def test_weekly_ignores_weekdays_order_in_storage():
    routine = Routine(schedule=Routine.Schedule.WEEKLY, weekdays="641")
    assert scheduled_dates(routine, MON, SUN) == [TUE, FRI, SUN]


def test_daily_schedule_ignores_its_weekdays_field():
    routine = Routine(schedule=Routine.Schedule.DAILY, weekdays="0")
    assert is_due(routine, TUE)


@pytest.mark.parametrize("day", [MON, WED, SUN])
def test_week_bounds_monday_to_sunday(day):
    assert week_bounds(day) == (MON, SUN)


def test_week_bounds_across_the_new_year():
    # Wednesday 31 December 2025 belongs to the week of Monday 29 December.
    assert week_bounds(datetime.date(2025, 12, 31)) == (
        datetime.date(2025, 12, 29),
        datetime.date(2026, 1, 4),
    )


def test_week_bounds_next_monday_starts_a_new_week():
    assert week_bounds(NEXT_MON) == (NEXT_MON, NEXT_MON + datetime.timedelta(days=6))


def test_planned_count_full_week():
    assert planned_count(daily(), MON, SUN) == 7
    assert planned_count(mwf(), MON, SUN) == 3


def test_planned_count_partial_ranges_are_inclusive():
    assert planned_count(mwf(), TUE, FRI) == 2  # Wednesday and Friday
    assert planned_count(mwf(), SAT, SUN) == 0
    assert planned_count(mwf(), FRI, FRI) == 1
    assert planned_count(mwf(), SUN, MON) == 0  # empty range


def test_planned_count_over_four_weeks():
    assert planned_count(mwf(), MON, MON + datetime.timedelta(days=27)) == 12


def test_scheduled_dates_cross_weeks():
    assert scheduled_dates(mwf(), FRI, datetime.date(2025, 11, 26)) == [
        FRI,
        NEXT_MON,
        datetime.date(2025, 11, 26),
    ]


def test_next_due_date_is_strictly_after():
    assert next_due_date(mwf(), MON) == WED
    assert next_due_date(mwf(), TUE) == WED
    assert next_due_date(mwf(), FRI) == NEXT_MON
    assert next_due_date(daily(), SUN) == NEXT_MON


def test_next_due_date_single_weekday_is_a_week_later():
    routine = Routine(schedule=Routine.Schedule.WEEKLY, weekdays="2")
    assert next_due_date(routine, WED) == WED + datetime.timedelta(days=7)


def test_done_count_distinct_days_in_range():
    days = [MON, MON, WED, SUN, NEXT_MON]
    assert done_count(days, MON, SUN) == 3
    assert done_count(days, TUE, SAT) == 1
    assert done_count([], MON, SUN) == 0


def test_local_day_bounds_are_midnights_in_the_zone():
    start, end = local_day_bounds(MON, SUN, TOKYO)
    assert start == at(2025, 11, 16, 15, 0)  # Monday 00:00 in Tokyo
    assert end == at(2025, 11, 23, 15, 0)  # the Monday after, 00:00 in Tokyo
