"""The chart's geometry, and the SVG the journal draws from it."""

import datetime
import re

from journal.chart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, build_chart, y_for
from journal.rows import Row
from tests.factories import EntryFactory

UTC = datetime.UTC
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def daily(days: int, before=6, after=4) -> list[Row]:
    return [Row(START + datetime.timedelta(days=d), before, after) for d in range(days)]


def test_no_entries_no_chart():
    assert build_chart([], UTC) is None


def test_pain_scale_runs_from_the_bottom_to_the_top_of_the_plot():
    assert y_for(0) == HEIGHT - BOTTOM
    assert y_for(10) == TOP
    assert y_for(5) == (HEIGHT - BOTTOM + TOP) / 2


def test_axis_labels_zero_to_ten():
    chart = build_chart(daily(10), UTC)
    assert [t.label for t in chart.y_ticks] == ["0", "2", "4", "6", "8", "10"]
    assert chart.x_ticks, "dates on the x axis"
    assert all(LEFT <= t.at <= WIDTH - RIGHT for t in chart.x_ticks)


def test_each_entry_is_a_point_when_there_are_few():
    rows = daily(10)
    rows.append(Row(START + datetime.timedelta(days=3, hours=5), None, 7))
    chart = build_chart(rows, UTC)
    assert not chart.weekly
    assert len(chart.after) == 11
    assert len(chart.before) == 10  # the entry without a score before has no "before" point
    xs = [d.x for d in chart.after]
    assert xs == sorted(xs)
    assert all(LEFT <= x <= WIDTH - RIGHT for x in xs)
    assert {d.y for d in chart.after} == {round(y_for(4), 1), round(y_for(7), 1)}
    assert chart.after_path.startswith("M")
    # the weekly average line: two calendar weeks (2–8 March, 9–15 March)
    assert len(chart.average) == 2


def test_past_a_hundred_and_twenty_entries_points_are_weekly_means():
    rows = daily(364)
    chart = build_chart(rows, UTC)
    assert chart.weekly
    assert len(chart.after) == len(chart.weeks) == 52  # 364 days from a Monday
    assert chart.entries == 364
    assert chart.average == []
    assert "Each point is a weekly average." in chart.desc


def test_three_years_of_daily_entries_stay_under_a_hundred_and_twenty_points():
    rows = daily(1100)
    chart = build_chart(rows, UTC)
    assert chart.weekly
    assert len(chart.after) == len(chart.before) == len(chart.weeks) <= 120
    assert chart.weeks[0].weeks == 2
    assert chart.entries == 1100
    assert "Each point is the average of 2 weeks." in chart.desc
    assert {d.value for d in chart.after} == {4.0}


def test_description_summarises_the_trend():
    rows = [Row(START, 7, 6), Row(START + datetime.timedelta(days=14), 5, 3)]
    chart = build_chart(rows, UTC)
    assert chart.desc.startswith("2 entries from 2 Mar 2026 to 16 Mar 2026.")
    assert "from 6.0 in the week of 2 Mar to 3.0 in the week of 16 Mar" in chart.desc


def test_start_and_end_clip_the_x_axis():
    rows = daily(5)
    chart = build_chart(rows, UTC, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
    # The period began before the first entry: the axis starts at the first entry.
    assert chart.start == datetime.date(2026, 3, 2)
    assert chart.end == datetime.date(2026, 3, 31)


def test_single_entry_draws_without_dividing_by_zero():
    chart = build_chart([Row(START, None, 5)], UTC)
    assert len(chart.after) == 1
    assert chart.after_path == ""


def test_journal_draws_the_chart_as_accessible_svg_without_inline_styles(user_client, user):
    EntryFactory(user=user, pain_before=7, pain_after=3)
    EntryFactory(
        user=user,
        pain_before=None,
        pain_after=5,
        recorded_at=datetime.datetime.now(UTC) - datetime.timedelta(days=2),
    )
    html = user_client.get("/journal/").content.decode()
    svg = re.search(r"<svg class=\"pain-chart-svg\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert "<title id=" in svg and "<desc id=" in svg
    assert svg.count("<circle") == 3  # two after, one before
    assert "style=" not in html
    assert "Show the numbers as a table" in html
