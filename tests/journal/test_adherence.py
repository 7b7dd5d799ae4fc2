"""The journal's calendar of practice: days practised against days planned."""

import datetime

from journal.adherence import calendar
from practice.adherence import planned_by_day
from routines.models import Routine

UTC = datetime.UTC
TODAY = datetime.date(2026, 6, 10)  # a Wednesday


def routine(schedule="daily", weekdays="024", created=datetime.date(2026, 1, 1), pk=1) -> Routine:
    made = datetime.datetime.combine(created, datetime.time(9), tzinfo=UTC)
    return Routine(pk=pk, name="R", schedule=schedule, weekdays=weekdays, created=made)


def test_planned_days_start_when_the_routine_was_made():
    daily = routine(created=datetime.date(2026, 6, 8), pk=1)
    weekly = routine("weekly", "024", pk=2)  # Mon, Wed, Fri
    planned = planned_by_day([daily, weekly], datetime.date(2026, 6, 1), TODAY, UTC)
    assert planned[datetime.date(2026, 6, 1)] == {2}  # Monday: the weekly one only
    assert datetime.date(2026, 6, 2) not in planned
    assert planned[datetime.date(2026, 6, 8)] == {1, 2}
    assert planned[datetime.date(2026, 6, 9)] == {1}
    assert planned[TODAY] == {1, 2}


def test_calendar_grid_of_eight_weeks_monday_first():
    cal = calendar([routine()], {}, TODAY, UTC)
    assert len(cal.weeks) == 8 and all(len(week) == 7 for week in cal.weeks)
    assert cal.start == datetime.date(2026, 4, 20)
    assert cal.start.weekday() == 0
    assert cal.weeks[-1][-1].date == datetime.date(2026, 6, 14)
    assert cal.weeks[-1][3].status == "future"


def test_days_practised_against_days_planned():
    days = [datetime.date(2026, 6, d) for d in (1, 3, 6, 10)]  # Mon, Wed, Sat, today
    cal = calendar([routine("weekly", "024")], {d: {1} for d in days}, TODAY, UTC)
    by_date = {day.date: day for week in cal.weeks for day in week}
    assert by_date[datetime.date(2026, 6, 1)].status == "done"
    assert by_date[datetime.date(2026, 6, 5)].status == "missed"
    assert by_date[datetime.date(2026, 6, 6)].status == "extra"
    assert by_date[datetime.date(2026, 6, 7)].status == "rest"
    assert by_date[TODAY].status == "done"
    assert by_date[datetime.date(2026, 6, 5)].label == "Friday 5 June: planned, not practised"
    # 8 weeks of Mon/Wed/Fri up to and including today: 3 × 7 + 2 = 23 planned days.
    assert cal.adherence.planned == 23
    assert cal.adherence.practised == 3
    assert cal.days_practised == 4


def test_today_not_done_yet_is_due_and_not_counted_as_missed():
    cal = calendar([routine()], {}, TODAY, UTC)
    today = cal.weeks[-1][2]
    assert today.status == "due"
    assert cal.adherence.planned == 7 * 7 + 2  # today left out until it is done
