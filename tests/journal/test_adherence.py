"""Days practised against days planned."""

import datetime
import zoneinfo

from journal.adherence import calendar, planned_days, sessions_against_plan
from journal.rows import Row
from routines.models import Routine

UTC = datetime.UTC
TODAY = datetime.date(2026, 6, 10)  # a Wednesday


def routine(schedule="daily", weekdays="024", created=datetime.date(2026, 1, 1)) -> Routine:
    made = datetime.datetime.combine(created, datetime.time(9), tzinfo=UTC)
    return Routine(name="R", schedule=schedule, weekdays=weekdays, created=made)


def session(day: datetime.date, hour=8) -> Row:
    when = datetime.datetime.combine(day, datetime.time(hour), tzinfo=UTC)
    return Row(when, 5, 3, 1, "R")


def test_planned_days_start_when_the_routine_was_made():
    daily = routine(created=datetime.date(2026, 6, 8))
    weekly = routine("weekly", "024")  # Mon, Wed, Fri
    planned = planned_days([daily, weekly], datetime.date(2026, 6, 1), TODAY, UTC)
    assert planned[datetime.date(2026, 6, 1)] == 1  # Monday: the weekly one only
    assert datetime.date(2026, 6, 2) not in planned
    assert planned[datetime.date(2026, 6, 8)] == 2  # both
    assert planned[datetime.date(2026, 6, 9)] == 1
    assert planned[TODAY] == 2


def test_calendar_grid_of_eight_weeks_monday_first():
    cal = calendar([routine()], [], TODAY, UTC)
    assert len(cal.weeks) == 8 and all(len(week) == 7 for week in cal.weeks)
    assert cal.start == datetime.date(2026, 4, 20)
    assert cal.start.weekday() == 0
    assert cal.weeks[-1][-1].date == datetime.date(2026, 6, 14)
    assert cal.weeks[-1][3].status == "future"


def test_days_practised_against_days_planned():
    days = [datetime.date(2026, 6, d) for d in (1, 3, 6, 10)]  # Mon, Wed, Sat, today
    cal = calendar([routine("weekly", "024")], [session(d) for d in days], TODAY, UTC)
    by_date = {day.date: day for week in cal.weeks for day in week}
    assert by_date[datetime.date(2026, 6, 1)].status == "done"
    assert by_date[datetime.date(2026, 6, 5)].status == "missed"
    assert by_date[datetime.date(2026, 6, 6)].status == "extra"
    assert by_date[datetime.date(2026, 6, 7)].status == "rest"
    assert by_date[TODAY].status == "done"
    assert by_date[datetime.date(2026, 6, 5)].label == "Friday 5 June: planned, not practised"
    # 8 weeks of Mon/Wed/Fri up to and including today: 3 × 7 + 2 = 23 planned days.
    assert cal.planned_days == 23
    assert cal.planned_days_done == 3
    assert cal.days_practised == 4


def test_today_not_done_yet_is_due_and_not_counted_as_missed():
    cal = calendar([routine()], [], TODAY, UTC)
    today = cal.weeks[-1][2]
    assert today.status == "due"
    assert cal.planned_days == 7 * 7 + 2  # today left out until it is done


def test_pain_recorded_on_its_own_is_not_practice():
    cal = calendar(
        [routine()], [Row(datetime.datetime(2026, 6, 9, 8, tzinfo=UTC), None, 4)], TODAY, UTC
    )
    assert cal.days_practised == 0


def test_sessions_count_on_the_local_day():
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    # 20:00 UTC on 8 June is 05:00 on 9 June in Tokyo.
    cal = calendar([], [session(datetime.date(2026, 6, 8), hour=20)], TODAY, tokyo)
    by_date = {day.date: day for week in cal.weeks for day in week}
    assert by_date[datetime.date(2026, 6, 9)].done == 1
    assert by_date[datetime.date(2026, 6, 8)].done == 0


def test_sessions_against_plan_counts_sessions_not_days():
    rows = [session(datetime.date(2026, 6, 8)), session(datetime.date(2026, 6, 8), hour=19)]
    result = sessions_against_plan(
        [routine(), routine("weekly", "024")], rows, datetime.date(2026, 6, 8), TODAY, UTC
    )
    # daily: 8, 9, 10 June; weekly: Mon 8 and Wed 10 June
    assert (result.done, result.planned) == (2, 5)
    assert result.percent == 40
