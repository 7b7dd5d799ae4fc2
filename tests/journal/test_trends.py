"""Trend functions against cases worked out by hand."""

import datetime
import zoneinfo
from fractions import Fraction

from journal.rows import Row
from journal.trends import (
    average_change,
    classify_change,
    is_meaningful_drop,
    trend,
    weekly_means,
)

UTC = datetime.UTC
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


def at(day: int, hour: int = 8) -> datetime.datetime:
    return START + datetime.timedelta(days=day, hours=hour - 8)


def row(day, before, after, routine_id=None, routine_name="", practice_id=None, hour=8):
    return Row(at(day, hour), before, after, routine_id, routine_name, practice_id)


def test_average_change_is_the_mean_of_after_minus_before_over_scored_entries():
    rows = [row(0, 6, 4), row(1, 5, 5), row(2, 8, 3), row(3, None, 2)]
    # (−2 + 0 − 5) / 3; the entry without a score before is left out.
    assert average_change(rows) == Fraction(-7, 3)


def test_average_change_without_scores_before_is_none():
    assert average_change([row(0, None, 4)]) is None
    assert average_change([]) is None


def test_meaningful_drop_is_two_points_or_thirty_percent():
    assert is_meaningful_drop(10, 8)  # 2 points, only 20%
    assert is_meaningful_drop(3, 2)  # 1 point, but 33%
    # 6 → 4.2 is exactly 30%: exact arithmetic must not round it away.
    assert is_meaningful_drop(6, Fraction(21, 5))
    assert not is_meaningful_drop(6, Fraction(43, 10))  # 1.7 points, 28%
    assert not is_meaningful_drop(5, 5)
    assert not is_meaningful_drop(4, 6)
    assert not is_meaningful_drop(0, 0)


def test_classify_change_per_entry():
    assert classify_change(6, 4) == "better"
    assert classify_change(6, 5) == "same"
    assert classify_change(3, 2) == "better"
    assert classify_change(4, 6) == "worse"
    assert classify_change(5, 6) == "same"
    assert classify_change(None, 3) is None


def test_first_two_weeks_against_last_two_weeks_meaningful():
    # 28 days, one entry a day: pain after 6 for two weeks, then 4.
    rows = [row(day, 7, 6 if day < 14 else 4) for day in range(28)]
    comparison = trend(rows, UTC).comparison
    assert comparison.first_start == datetime.date(2026, 3, 2)
    assert comparison.first_end == datetime.date(2026, 3, 15)
    assert comparison.last_start == datetime.date(2026, 3, 16)
    assert comparison.last_end == datetime.date(2026, 3, 29)
    assert comparison.first_mean == 6
    assert comparison.last_mean == 4
    assert comparison.first_count == comparison.last_count == 14
    assert comparison.meaningful
    assert comparison.percent == 33
    assert comparison.change_display == -2.0


def test_first_and_last_weeks_not_meaningful_by_hand():
    # First window 7, 6, 5 (mean 6); last window 5, 4, 4 (mean 13/3 ≈ 4.33).
    # Drop 5/3 ≈ 1.67 points: under 2 points and under 30% of 6 (1.8).
    rows = [row(0, 7, 7), row(3, 7, 6), row(6, 7, 5), row(30, 6, 5), row(33, 6, 4), row(35, 6, 4)]
    comparison = trend(rows, UTC).comparison
    assert comparison.first_mean == 6
    assert comparison.last_mean == Fraction(13, 3)
    assert not comparison.meaningful
    assert not comparison.worse
    assert comparison.percent == 28


def test_entries_in_between_belong_to_neither_window():
    rows = (
        [row(d, 5, 6) for d in (0, 1, 2)] + [row(20, 5, 0)] + [row(d, 5, 6) for d in (40, 41, 42)]
    )
    comparison = trend(rows, UTC).comparison
    assert comparison.first_mean == comparison.last_mean == 6


def test_first_and_last_weeks_needs_four_weeks_and_three_entries_each():
    # 27 calendar days: the two-week windows would overlap.
    assert trend([row(d, 5, 5) for d in range(27)], UTC).comparison is None
    # Long enough, but only two entries in the first window.
    rows = [row(0, 5, 5), row(1, 5, 5)] + [row(d, 5, 5) for d in range(30, 40)]
    assert trend(rows, UTC).comparison is None
    assert trend([], UTC).comparison is None


def test_windows_use_local_dates():
    new_york = zoneinfo.ZoneInfo("America/New_York")
    rows = [row(d, 5, 8) for d in range(3)] + [row(d, 5, 2) for d in range(25, 28)]
    # 02:00 UTC on 16 March is still 15 March in New York: the first window's last day there.
    rows.append(Row(datetime.datetime(2026, 3, 16, 2, 0, tzinfo=UTC), 5, 8))
    in_utc = trend(rows, UTC).comparison
    in_new_york = trend(rows, new_york).comparison
    assert (in_utc.first_count, in_utc.last_count) == (3, 4)
    assert in_utc.last_mean == Fraction(7, 2)
    assert (in_new_york.first_count, in_new_york.last_count) == (4, 3)
    assert in_new_york.first_end == datetime.date(2026, 3, 15)
    assert in_new_york.last_mean == 2


def test_best_routine_needs_three_sessions_and_the_largest_mean_drop():
    rows = [
        # A: drops 1, 2, 3 → mean 2
        row(0, 6, 5, 1, "A"),
        row(1, 6, 4, 1, "A"),
        row(2, 6, 3, 1, "A"),
        # B: drops 5, 5, but only two sessions
        row(3, 8, 3, 2, "B"),
        row(4, 8, 3, 2, "B"),
        # C: drops 0, 1, 0, 1 → mean 0.5
        row(5, 5, 5, 3, "C"),
        row(6, 5, 4, 3, "C"),
        row(7, 5, 5, 3, "C"),
        row(8, 5, 4, 3, "C"),
        # pain recorded on its own does not count for any routine
        row(9, None, 1),
    ]
    best = trend(rows).best
    assert best.name == "A"
    assert best.sessions == 3
    assert best.mean_drop == 2
    assert [e.name for e in trend(rows).effects] == ["A", "C"]


def test_no_best_routine_when_none_lowers_pain():
    rows = [row(d, 4, 5, 1, "A") for d in range(4)]
    assert trend(rows).best is None
    assert len(trend(rows).effects) == 1


def test_entries_of_a_deleted_routine_group_by_name():
    rows = [row(d, 6, 3, None, "Old evening") for d in range(3)]
    assert trend(rows).best.name == "Old evening"


def test_weekly_means_split_on_monday():
    rows = [row(0, 6, 4), row(6, 8, 2), row(7, None, 5)]  # Mon, Sun, next Mon
    weeks = weekly_means(rows, UTC)
    assert [w.start for w in weeks] == [datetime.date(2026, 3, 2), datetime.date(2026, 3, 9)]
    assert weeks[0].count == 2
    assert weeks[0].mean_before == 7
    assert weeks[0].mean_after == 3
    assert weeks[1].mean_before is None
    assert weeks[1].mean_after == 5


def test_weekly_means_over_runs_of_weeks():
    # Runs of two weeks from Monday 2 March: 2–15 March, 16–29 March.
    rows = [row(0, 6, 4), row(13, 8, 2), row(14, None, 5), row(20, 4, 1)]
    runs = weekly_means(rows, UTC, weeks=2)
    assert [(w.start, w.end, w.count) for w in runs] == [
        (datetime.date(2026, 3, 2), datetime.date(2026, 3, 15), 2),
        (datetime.date(2026, 3, 16), datetime.date(2026, 3, 29), 2),
    ]
    assert runs[0].mean_after == 3
    assert runs[1].mean_before == 4
    assert runs[1].mean_after == 3


def test_trend_counts_sessions_and_averages():
    rows = [row(0, 6, 4, 1, "A", 10), row(1, None, 5), row(2, 8, 4, None, "", 11)]
    result = trend(rows, UTC)
    assert result.entries == 3
    assert result.sessions == 2
    assert result.scored_sessions == 2
    assert result.average_before == 7
    assert result.average_after == 4
    assert result.average_change == -3
    assert result.comparison is None
