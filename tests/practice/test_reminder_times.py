import datetime
import zoneinfo

import pytest

from practice.reminders.times import NUDGE, REMINDER, due_now, local_moment, practised_dates

UTC = datetime.UTC
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
LONDON = zoneinfo.ZoneInfo("Europe/London")
DAILY = range(7)
MON_WED_FRI = [0, 2, 4]
EIGHT = datetime.time(8, 0)


def due(now, *, weekdays=DAILY, at=EIGHT, nudge_at=None, zone=LONDON, practised=()):
    return [
        (d.date, d.kind)
        for d in due_now(
            weekdays=weekdays,
            at=at,
            nudge_at=nudge_at,
            zone=zone,
            now=now,
            practised=set(practised),
        )
    ]


def at(zone, *args):
    return datetime.datetime(*args, tzinfo=zone)


def test_a_daily_routine_is_due_at_its_time_every_day():
    for day in range(1, 8):  # 1–7 June 2026 is Monday to Sunday
        now = at(LONDON, 2026, 6, day, 8, 0, 30)
        assert due(now) == [(datetime.date(2026, 6, day), REMINDER)]


def test_nothing_is_due_before_the_time_or_long_after_it():
    assert due(at(LONDON, 2026, 6, 3, 7, 59)) == []
    assert due(at(LONDON, 2026, 6, 3, 10, 0, 1)) == []
    assert due(at(LONDON, 2026, 6, 3, 9, 59)) == [(datetime.date(2026, 6, 3), REMINDER)]


def test_three_times_a_week_is_due_only_on_its_days():
    monday, tuesday, wednesday = (at(LONDON, 2026, 6, d, 8, 5) for d in (1, 2, 3))
    assert due(monday, weekdays=MON_WED_FRI) == [(monday.date(), REMINDER)]
    assert due(tuesday, weekdays=MON_WED_FRI) == []
    assert due(wednesday, weekdays=MON_WED_FRI) == [(wednesday.date(), REMINDER)]
    sunday = at(LONDON, 2026, 6, 7, 8, 5)
    assert due(sunday, weekdays=MON_WED_FRI) == []


def test_no_reminder_once_practised_that_day():
    now = at(LONDON, 2026, 6, 3, 8, 1)
    assert due(now, practised=[datetime.date(2026, 6, 3)]) == []
    # Yesterday's session does not count for today.
    assert due(now, practised=[datetime.date(2026, 6, 2)]) == [(now.date(), REMINDER)]


def test_the_evening_nudge_comes_later_and_only_if_still_not_practised():
    nudge = datetime.time(20, 0)
    evening = at(LONDON, 2026, 6, 3, 20, 0, 10)
    assert due(evening, nudge_at=nudge) == [(evening.date(), NUDGE)]
    assert due(evening, nudge_at=nudge, practised=[evening.date()]) == []
    # Without a nudge the evening is quiet; a "nudge" before the reminder is no nudge at all.
    assert due(evening) == []
    assert due(at(LONDON, 2026, 6, 3, 7, 0), nudge_at=datetime.time(7, 0)) == []


def test_tokyo_counts_days_in_tokyo_not_in_utc():
    # 07:30 on Wednesday in Tokyo is 22:30 on Tuesday in UTC.
    now = datetime.datetime(2026, 6, 2, 22, 30, 5, tzinfo=UTC)
    assert due(now, weekdays=MON_WED_FRI, at=datetime.time(7, 30), zone=TOKYO) == [
        (datetime.date(2026, 6, 3), REMINDER)
    ]
    tuesday_in_tokyo = datetime.datetime(2026, 6, 1, 22, 30, 5, tzinfo=UTC)
    assert due(tuesday_in_tokyo, weekdays=MON_WED_FRI, at=datetime.time(7, 30), zone=TOKYO) == []


def test_a_session_at_half_past_midnight_counts_for_that_local_day():
    # 00:30 on Wednesday in Tokyo is 15:30 on Tuesday in UTC.
    session = datetime.datetime(2026, 6, 2, 15, 30, tzinfo=UTC)
    done = practised_dates([session], TOKYO)
    assert done == {datetime.date(2026, 6, 3)}
    wednesday_morning = at(TOKYO, 2026, 6, 3, 8, 0, 30)
    tuesday_morning = at(TOKYO, 2026, 6, 2, 8, 0, 30)
    assert due(wednesday_morning, zone=TOKYO, practised=done) == []
    assert due(tuesday_morning, zone=TOKYO, practised=done) == [
        (datetime.date(2026, 6, 2), REMINDER)
    ]
    # In New York the same half past midnight is the same date in UTC too.
    late = at(NEW_YORK, 2026, 6, 3, 0, 30)
    assert practised_dates([late.astimezone(UTC)], NEW_YORK) == {datetime.date(2026, 6, 3)}


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [
        # Clocks go forward on Sunday 8 March 2026: 08:00 is 13:00 UTC before, 12:00 after.
        (datetime.date(2026, 3, 7), 13),
        (datetime.date(2026, 3, 8), 12),
        (datetime.date(2026, 3, 9), 12),
        # And back on Sunday 1 November 2026.
        (datetime.date(2026, 10, 31), 12),
        (datetime.date(2026, 11, 1), 13),
    ],
)
def test_new_york_keeps_the_wall_clock_time_across_daylight_saving(day, utc_hour):
    moment = datetime.datetime.combine(day, datetime.time(utc_hour, 0, 20), tzinfo=UTC)
    assert due(moment, zone=NEW_YORK) == [(day, REMINDER)]
    hour_early = moment - datetime.timedelta(hours=1)
    assert due(hour_early, zone=NEW_YORK) == []


def test_a_time_the_clocks_skip_rings_just_after_the_change():
    # 02:30 does not exist in New York on 8 March 2026; it rings at 03:30 EDT, 07:30 UTC.
    moment = local_moment(datetime.date(2026, 3, 8), datetime.time(2, 30), NEW_YORK)
    assert moment == datetime.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    # 01:30 happens twice on 1 November 2026; it rings the first time, 05:30 UTC.
    moment = local_moment(datetime.date(2026, 11, 1), datetime.time(1, 30), NEW_YORK)
    assert moment == datetime.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_a_reminder_just_before_midnight_is_still_sent_just_after():
    now = at(LONDON, 2026, 6, 4, 0, 10)
    assert due(now, at=datetime.time(23, 50)) == [(datetime.date(2026, 6, 3), REMINDER)]
