"""The journal's chart and trend for a period, read in two queries however long the journal.

A period of up to MAX_POINTS entries is read entry by entry: the chart draws each one. A longer
one is added up by the database, per routine and per stretch of days cut at the chart's runs of
weeks and at the edges of the first and last two weeks, so that three years of daily entries
come back as about eighty rows rather than eleven hundred; journal.trends works the figures out
of those sums exactly as it would from the entries.
"""

import datetime
from dataclasses import dataclass

from journal.chart import MAX_POINTS, Chart, build_chart, run_weeks, weekly_chart
from journal.queries import entry_rows, entry_span, local_midnight, period_tallies
from journal.trends import Trend, summarise, trend, week_start, window_edges


@dataclass(frozen=True)
class Overview:
    chart: Chart | None
    trend: Trend
    first_day: datetime.date | None  # the local date of the period's first entry


def stretch_starts(
    first_day: datetime.date, last_day: datetime.date, run: int
) -> list[datetime.date]:
    """The days the database's stretches start on: each run of `run` weeks from the Monday of
    the first entry's week, and the edges of the windows compare_windows looks at."""
    origin = week_start(first_day)
    cuts = set()
    day = origin
    while day <= last_day:
        cuts.add(day)
        day += datetime.timedelta(weeks=run)
    first_end, last_start = window_edges(first_day, last_day)
    cuts.update(d for d in (first_end + datetime.timedelta(days=1), last_start) if d > origin)
    return sorted(cuts)


def period_overview(
    user,
    start: datetime.date | None,
    today: datetime.date,
    tz: datetime.tzinfo,
    max_points: int = MAX_POINTS,
) -> Overview:
    """The chart (up to `today`) and the trend of the entries from local date `start` on."""
    since = None if start is None else local_midnight(start, tz)
    span = entry_span(user, since)
    if span.entries <= max_points:
        rows = entry_rows(user, since)
        first_day = rows[0].local_date(tz) if rows else None
        chart = build_chart(rows, tz, start=start, end=today)
        return Overview(chart, trend(rows, tz), first_day)
    first_day = span.first.astimezone(tz).date()
    last_day = span.last.astimezone(tz).date()
    run = run_weeks(first_day, last_day, max_points)
    counted = period_tallies(user, since, stretch_starts(first_day, last_day, run), tz)
    chart = weekly_chart(counted, span.entries, first_day, last_day, start, today, run)
    return Overview(chart, summarise(counted, first_day, last_day), first_day)
