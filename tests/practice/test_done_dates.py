"""Which local days had a finished session: the Today page's "done this week"."""

import datetime
import zoneinfo

from practice.models import Practice
from practice.today import done_dates, practice_date
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


def practice(routine_id, when, *, ended=None, state=Practice.State.FINISHED) -> Practice:
    return Practice(routine_id=routine_id, started_at=when, ended_at=ended, state=state)


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


def test_done_dates_counts_only_finished_sessions_once_per_day():
    sessions = [
        practice(1, at(2025, 11, 17, 8), ended=at(2025, 11, 17, 8, 10)),
        practice(1, at(2025, 11, 17, 19), ended=at(2025, 11, 17, 19, 10)),
        practice(1, at(2025, 11, 19, 8), state=Practice.State.ABANDONED),
        practice(1, at(2025, 11, 20, 8), state=Practice.State.RUNNING),
        practice(2, at(2025, 11, 19, 8), ended=at(2025, 11, 19, 8, 5)),
        practice(None, at(2025, 11, 19, 8), ended=at(2025, 11, 19, 8, 5)),
    ]
    assert done_dates(sessions, UTC) == {1: {MON}, 2: {WED}}


def test_done_dates_time_zone_edge_tokyo():
    sessions = [practice(2, at(2025, 11, 17, 23, 0), ended=at(2025, 11, 17, 23, 30))]
    assert done_dates(sessions, TOKYO) == {2: {TUE}}
    assert done_dates(sessions, UTC) == {2: {MON}}


def test_week_adherence_in_tokyo_moves_a_sunday_night_session_to_next_week():
    # 15:30 UTC on Sunday 23 November is 00:30 on Monday 24 November in Tokyo.
    sessions = [practice(2, at(2025, 11, 23, 15, 0), ended=at(2025, 11, 23, 15, 30))]
    tokyo_days = done_dates(sessions, TOKYO)[2]
    assert done_count(tokyo_days, MON, SUN) == 0
    assert done_count(tokyo_days, *week_bounds(NEXT_MON)) == 1
    assert done_count(done_dates(sessions, UTC)[2], MON, SUN) == 1
