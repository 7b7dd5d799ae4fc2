"""Adherence, defined once (practice.adherence): which local days had a session that ran to its
end, and how many planned days were practised."""

import datetime
import zoneinfo

from practice.adherence import adherence, days_done, practice_date, routine_days
from practice.models import Practice
from routines.models import Routine
from routines.schedule import done_count, week_bounds

UTC = zoneinfo.ZoneInfo("UTC")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

# Monday 17 November 2025 to Sunday 23 November 2025.
MON = datetime.date(2025, 11, 17)
TUE = datetime.date(2025, 11, 18)
WED = datetime.date(2025, 11, 19)
SUN = datetime.date(2025, 11, 23)
NEXT_MON = datetime.date(2025, 11, 24)


def practice(
    routine_id, when, *, ended=None, state=Practice.State.FINISHED, early=False
) -> Practice:
    return Practice(
        routine_id=routine_id, started_at=when, ended_at=ended, state=state, ended_early=early
    )


def by_routine(done) -> dict:
    """days_done turned round: the days of each routine, as the Today page reads them."""
    return {pk: routine_days(done, Routine(pk=pk)) for pk in {p for s in done.values() for p in s}}


def at(*args, tz=UTC) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


def test_practice_date_uses_end_in_users_zone():
    # 23:30 UTC on Monday is 08:30 on Tuesday in Tokyo.
    late = practice(1, at(2025, 11, 17, 23, 10), ended=at(2025, 11, 17, 23, 30))
    assert practice_date(late, UTC) == MON
    assert practice_date(late, TOKYO) == TUE


def test_practice_date_falls_back_to_start():
    started_only = practice(1, at(2025, 11, 18, 2, 0))
    # 02:00 UTC on Tuesday is still Monday evening in New York.
    assert practice_date(started_only, NEW_YORK) == MON
    assert practice_date(started_only, UTC) == TUE


def test_practice_date_counts_the_day_it_ended():
    # Started before midnight, finished after it: the day of the finish counts.
    overnight = practice(1, at(2025, 11, 17, 23, 55), ended=at(2025, 11, 18, 0, 10))
    assert practice_date(overnight, UTC) == TUE


def test_days_done_count_finished_sessions_once_per_day_and_not_those_ended_early():
    sessions = [
        practice(1, at(2025, 11, 17, 8), ended=at(2025, 11, 17, 8, 10)),
        practice(1, at(2025, 11, 17, 19), ended=at(2025, 11, 17, 19, 10)),
        practice(1, at(2025, 11, 19, 8), state=Practice.State.ABANDONED),
        practice(1, at(2025, 11, 20, 8), state=Practice.State.RUNNING),
        practice(2, at(2025, 11, 19, 8), ended=at(2025, 11, 19, 8, 5)),
        practice(2, at(2025, 11, 20, 8), ended=at(2025, 11, 20, 8, 2), early=True),
    ]
    assert by_routine(days_done(sessions, UTC)) == {1: {MON}, 2: {WED}}


def test_days_done_time_zone_edge_tokyo():
    sessions = [practice(2, at(2025, 11, 17, 23, 0), ended=at(2025, 11, 17, 23, 30))]
    assert by_routine(days_done(sessions, TOKYO)) == {2: {TUE}}
    assert by_routine(days_done(sessions, UTC)) == {2: {MON}}


def test_week_adherence_in_tokyo_moves_a_sunday_night_session_to_next_week():
    # 15:30 UTC on Sunday 23 November is 00:30 on Monday 24 November in Tokyo.
    sessions = [practice(2, at(2025, 11, 23, 15, 0), ended=at(2025, 11, 23, 15, 30))]
    tokyo_days = by_routine(days_done(sessions, TOKYO))[2]
    assert done_count(tokyo_days, MON, SUN) == 0
    assert done_count(tokyo_days, *week_bounds(NEXT_MON)) == 1
    assert done_count(by_routine(days_done(sessions, UTC))[2], MON, SUN) == 1


def daily(created: datetime.date) -> Routine:
    made = datetime.datetime.combine(created, datetime.time(9), tzinfo=UTC)
    return Routine(pk=1, name="R", schedule="daily", weekdays="0123456", created=made)


def test_adherence_is_planned_days_practised_up_to_today():
    routine = daily(MON)
    sessions = [
        practice(1, at(2025, 11, 17, 8), ended=at(2025, 11, 17, 8, 10)),  # Monday
        practice(1, at(2025, 11, 19, 8), ended=at(2025, 11, 19, 8, 1), early=True),  # Wed
    ]
    done = days_done(sessions, UTC)
    # Mon, Tue and Wed planned; Thursday is today and not done yet, so not counted.
    result = adherence([routine], done, MON, datetime.date(2025, 11, 20), UTC)
    assert (result.practised, result.planned, result.extra) == (1, 3, 0)
    assert str(result) == "1 of 3 planned days practised (33%)"
    # Once today is practised it counts, as planned and practised.
    done[datetime.date(2025, 11, 20)] = {1}
    assert adherence([routine], done, MON, datetime.date(2025, 11, 20), UTC).planned == 4


def test_adherence_counts_days_practised_with_nothing_planned_apart():
    made_wednesday = daily(WED)
    done = {MON: {1}, WED: {1}}
    result = adherence([made_wednesday], done, MON, WED, UTC)
    assert (result.practised, result.planned, result.extra) == (1, 1, 1)
    assert result.percent == 100
