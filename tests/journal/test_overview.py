"""The journal's overview: long periods added up by the database say exactly what the entries say.

Each case builds a journal, then compares period_overview (the database's sums once there are
more than `max_points` entries) with build_chart and trend worked out from every entry.
"""

import datetime
import random
import zoneinfo

import pytest
from django.utils import timezone

from journal.chart import build_chart
from journal.models import Entry
from journal.overview import period_overview, stretch_starts
from journal.queries import entry_rows, local_midnight, period_tallies
from journal.rows import Tally
from journal.trends import trend
from tests.factories import PracticeFactory, RoutineFactory

TODAY = datetime.date(2026, 6, 10)
ZONES = [
    "UTC",
    "America/New_York",  # DST from 8 March to 1 November 2026
    "Europe/London",
    "Pacific/Auckland",  # DST the other way round
    "Australia/Lord_Howe",  # a half-hour DST shift
    "Asia/Kathmandu",  # UTC+05:45
]


def journal(user, zone: zoneinfo.ZoneInfo, seed: int, days: int = 200) -> None:
    """Entries at any hour (many near midnight) over `days` days: two live routines, one of
    them renamed along the way, a deleted one known by name, sessions without a routine (some
    ended early), and pain recorded on its own, some days twice and some not at all."""
    rng = random.Random(seed)  # noqa: S311
    morning = RoutineFactory(owner=user, name="Morning")
    evening = RoutineFactory(owner=user, name="Evening")
    entries = []
    for day in range(days):
        date = TODAY - datetime.timedelta(days=day)
        for _ in range(rng.choice((0, 1, 1, 1, 2))):
            hour = rng.choice((0, 0, 1, 7, 12, 22, 23, 23))
            local = datetime.datetime.combine(
                date, datetime.time(hour, rng.randrange(60)), tzinfo=zone
            )
            kind = rng.choice(("morning", "evening", "deleted", "session", "alone"))
            routine = {"morning": morning, "evening": evening}.get(kind)
            name = {
                # renamed 90 days ago: the latest name is the one shown
                "morning": "Morning" if day < 90 else "Early routine",
                "evening": "Evening",
                "deleted": "Old hip routine",
            }.get(kind, "")
            practice = None
            if kind == "session":
                practice = PracticeFactory(owner=user, routine=None, routine_name="")
            entries.append(
                Entry(
                    user=user,
                    recorded_at=local.astimezone(datetime.UTC),
                    routine=routine,
                    routine_name=name,
                    practice=practice,
                    pain_before=None if kind == "alone" else rng.randrange(11),
                    pain_after=rng.randrange(11),
                    # some sessions ended early: counted apart, out of the effects
                    ran_to_end=kind == "alone" or rng.random() > 0.15,
                )
            )
    Entry.objects.bulk_create(entries)


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize(
    ("start", "max_points"),
    [(None, 10), (None, 40), (TODAY - datetime.timedelta(weeks=26) + datetime.timedelta(1), 20)],
)
def test_sums_from_the_database_match_the_entries(user, zone_name, start, max_points):
    zone = zoneinfo.ZoneInfo(zone_name)
    journal(user, zone, seed=len(zone_name) * 31 + max_points)
    with timezone.override(zone):
        since = None if start is None else local_midnight(start, zone)
        rows = entry_rows(user, since)
        assert len(rows) > max_points  # the database's sums, not the entries, are compared
        overview = period_overview(user, start, TODAY, zone, max_points=max_points)
    expected_chart = build_chart(rows, zone, start=start, end=TODAY, max_points=max_points)
    assert overview.chart.weekly
    assert overview.chart.weeks == expected_chart.weeks
    assert overview.chart.weeks[0].weeks > 1 or max_points > 30  # runs of weeks get a turn
    assert overview.chart.after == expected_chart.after
    assert overview.chart.before == expected_chart.before
    assert (overview.chart.start, overview.chart.end) == (expected_chart.start, expected_chart.end)
    assert overview.chart.desc == expected_chart.desc
    assert overview.trend == trend(rows, zone)
    assert overview.trend.comparison is not None
    assert overview.trend.ended_early > 0
    # the renamed routine goes by the name of its latest entry
    assert {e.name for e in overview.trend.effects} == {
        "Morning",
        "Evening",
        "Old hip routine",
    }
    assert overview.first_day == rows[0].local_date(zone)


def test_few_entries_are_read_one_by_one(user):
    journal(user, zoneinfo.ZoneInfo("UTC"), seed=1, days=20)
    rows = entry_rows(user)
    overview = period_overview(user, None, TODAY, datetime.UTC)
    assert not overview.chart.weekly
    assert len(overview.chart.after) == len(rows)
    assert overview.trend == trend(rows, datetime.UTC)


def test_an_empty_period_has_no_chart(user):
    overview = period_overview(user, TODAY - datetime.timedelta(days=27), TODAY, datetime.UTC)
    assert overview.chart is None
    assert overview.trend.entries == 0
    assert overview.first_day is None


def test_stretches_start_at_each_run_and_at_the_window_edges():
    first, last = datetime.date(2026, 3, 4), datetime.date(2026, 4, 20)  # a Wednesday, a Monday
    cuts = stretch_starts(first, last, run=2)
    runs = [datetime.date(2026, 3, 2), datetime.date(2026, 3, 16), datetime.date(2026, 3, 30)]
    runs.append(datetime.date(2026, 4, 13))
    edges = [datetime.date(2026, 3, 18), datetime.date(2026, 4, 7)]  # first + 14, last − 13
    assert cuts == sorted(runs + edges)


def test_tallies_split_at_local_midnight(user):
    """An entry at 23:30 in New York is 03:30 UTC the next day: it counts on its local day."""
    new_york = zoneinfo.ZoneInfo("America/New_York")
    late = datetime.datetime(2026, 3, 15, 23, 30, tzinfo=new_york)  # a Sunday
    early = datetime.datetime(2026, 3, 16, 0, 30, tzinfo=new_york)  # the Monday after
    for when, after in ((late, 2), (early, 8)):
        Entry.objects.create(user=user, recorded_at=when, pain_before=5, pain_after=after)
    cuts = [datetime.date(2026, 3, 9), datetime.date(2026, 3, 16)]
    tallies = period_tallies(user, None, cuts, new_york)
    assert [(t.day, t.entries, t.after) for t in tallies] == [(cuts[0], 1, 2), (cuts[1], 1, 8)]
    assert all(isinstance(t, Tally) for t in tallies)
