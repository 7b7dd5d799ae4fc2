"""What the journal says about pain over time, as plain functions over its entries.

Every figure is worked out from tallies (entries added up): a Row is the tally of one entry,
and for long periods the database adds the entries up per routine and stretch of days
(journal.queries.period_tallies), so that the same functions serve a few weeks read entry by
entry and years read as a hundred sums.

Means are kept as exact fractions so that the thresholds are applied without rounding
surprises (a drop from 6 to 4.2 is exactly 30%), and turned into floats only for display.

The thresholds follow the 0–10 numeric rating scale literature: a change of about 2 points,
or about 30% of the starting level, is the smallest change people notice as meaningful.
"""

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from journal.rows import Row, Tally, tallies

MEANINGFUL_POINTS = 2
MEANINGFUL_SHARE = Fraction(3, 10)
WINDOW_DAYS = 14
MIN_WINDOW_ENTRIES = 3
MIN_ROUTINE_SESSIONS = 3
UTC = zoneinfo.ZoneInfo("UTC")


def ratio(total: int, count: int) -> Fraction | None:
    return Fraction(total, count) if count else None


def mean(values: Iterable[int]) -> Fraction | None:
    total = count = 0
    for value in values:
        total += value
        count += 1
    return Fraction(total, count) if count else None


def as_float(value: Fraction | None, places: int = 1) -> float | None:
    return None if value is None else round(float(value), places)


def is_meaningful_drop(start: Fraction | int, end: Fraction | int) -> bool:
    """True when pain fell by at least 2 points or at least 30% of where it started."""
    drop = Fraction(start) - Fraction(end)
    if drop <= 0:
        return False
    return drop >= MEANINGFUL_POINTS or drop >= MEANINGFUL_SHARE * Fraction(start)


def is_meaningful_rise(start: Fraction | int, end: Fraction | int) -> bool:
    """True when pain rose by at least 2 points, or by 30% from a non-zero start."""
    rise = Fraction(end) - Fraction(start)
    if rise <= 0:
        return False
    return rise >= MEANINGFUL_POINTS or (start > 0 and rise >= MEANINGFUL_SHARE * Fraction(start))


def classify_change(before: int | None, after: int) -> str | None:
    """ "better", "worse" or "same" for one entry; None when there is no score before."""
    if before is None:
        return None
    if is_meaningful_drop(before, after):
        return "better"
    if is_meaningful_rise(before, after):
        return "worse"
    return "same"


def average_change(rows: Iterable[Row]) -> Fraction | None:
    """Mean of (after − before) over the entries that have both scores and ran to their end;
    negative is better."""
    return mean(
        r.pain_after - r.pain_before for r in rows if r.pain_before is not None and r.ran_to_end
    )


@dataclass(frozen=True)
class Comparison:
    """Mean pain after, in the first two weeks of entries against the last two weeks."""

    first_start: datetime.date
    first_end: datetime.date
    first_mean: Fraction
    first_count: int
    last_start: datetime.date
    last_end: datetime.date
    last_mean: Fraction
    last_count: int

    @property
    def drop(self) -> Fraction:
        return self.first_mean - self.last_mean

    @property
    def change_display(self) -> float:
        """Last minus first, rounded: negative when pain went down."""
        return as_float(-self.drop)

    @property
    def percent(self) -> int | None:
        """The drop as a whole percentage of the starting level (negative when worse)."""
        if self.first_mean == 0:
            return None
        return round(float(self.drop / self.first_mean * 100))

    @property
    def percent_size(self) -> int | None:
        return None if self.percent is None else abs(self.percent)

    @property
    def meaningful(self) -> bool:
        return is_meaningful_drop(self.first_mean, self.last_mean)

    @property
    def worse(self) -> bool:
        return is_meaningful_rise(self.first_mean, self.last_mean)

    @property
    def first_mean_display(self) -> float:
        return as_float(self.first_mean)

    @property
    def last_mean_display(self) -> float:
        return as_float(self.last_mean)


def window_edges(
    first_day: datetime.date, last_day: datetime.date, days: int = WINDOW_DAYS
) -> tuple[datetime.date, datetime.date]:
    """The last day of the first window and the first day of the last one."""
    return (
        first_day + datetime.timedelta(days=days - 1),
        last_day - datetime.timedelta(days=days - 1),
    )


def compare_windows(
    counted: Iterable[Tally],
    first_day: datetime.date,
    last_day: datetime.date,
    days: int = WINDOW_DAYS,
) -> Comparison | None:
    """Mean pain after in the first `days` days of entries against the last `days` days.

    None when the entries span less than twice the window (the two windows would overlap),
    or when either window holds fewer than MIN_WINDOW_ENTRIES entries. A tally of several
    days must lie wholly inside or outside each window: the database cuts its stretches at
    the window edges.
    """
    first_end, last_start = window_edges(first_day, last_day, days)
    if last_start <= first_end:
        return None
    first_count = first_sum = last_count = last_sum = 0
    for t in counted:
        if t.day <= first_end:
            first_count += t.entries
            first_sum += t.after
        elif t.day >= last_start:
            last_count += t.entries
            last_sum += t.after
    if first_count < MIN_WINDOW_ENTRIES or last_count < MIN_WINDOW_ENTRIES:
        return None
    return Comparison(
        first_start=first_day,
        first_end=first_end,
        first_mean=Fraction(first_sum, first_count),
        first_count=first_count,
        last_start=last_start,
        last_end=last_day,
        last_mean=Fraction(last_sum, last_count),
        last_count=last_count,
    )


@dataclass(frozen=True)
class RoutineEffect:
    name: str
    routine_id: int | None
    sessions: int
    mean_before: Fraction
    mean_after: Fraction

    @property
    def mean_drop(self) -> Fraction:
        return self.mean_before - self.mean_after

    @property
    def mean_drop_display(self) -> float:
        return as_float(self.mean_drop)

    @property
    def mean_before_display(self) -> float:
        return as_float(self.mean_before)

    @property
    def mean_after_display(self) -> float:
        return as_float(self.mean_after)


def effects_of(counted: Iterable[Tally], min_sessions: int = MIN_ROUTINE_SESSIONS) -> list:
    """Each routine's mean drop from before to after, best first, with enough sessions.

    Only the entries scored before and after count.
    """
    groups: dict[tuple, list[Tally]] = defaultdict(list)
    for t in counted:
        if not t.scored or not (t.routine_id or t.routine_name):
            continue
        # A deleted routine keeps its name on the entries: group those by name.
        key = ("id", t.routine_id) if t.routine_id is not None else ("name", t.routine_name)
        groups[key].append(t)
    effects = []
    for members in groups.values():
        sessions = sum(t.scored for t in members)
        if sessions < min_sessions:
            continue
        latest = max(members, key=lambda t: t.latest_scored)
        effects.append(
            RoutineEffect(
                name=latest.routine_name or "Unnamed routine",
                routine_id=latest.routine_id,
                sessions=sessions,
                mean_before=Fraction(sum(t.before for t in members), sessions),
                mean_after=Fraction(sum(t.after_scored for t in members), sessions),
            )
        )
    effects.sort(key=lambda e: (-e.mean_drop, -e.sessions, e.name))
    return effects


def best_of(effects: Sequence[RoutineEffect]) -> RoutineEffect | None:
    if not effects or effects[0].mean_drop <= 0:
        return None
    return effects[0]


@dataclass(frozen=True)
class Week:
    """A calendar week (Monday first), or a run of `weeks` of them, with its mean pain."""

    start: datetime.date
    count: int
    mean_before: Fraction | None
    mean_after: Fraction
    weeks: int = 1

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=7 * self.weeks - 1)

    @property
    def middle(self) -> datetime.date:
        return self.start + datetime.timedelta(days=(7 * self.weeks) // 2)

    @property
    def mean_before_display(self) -> float | None:
        return as_float(self.mean_before)

    @property
    def mean_after_display(self) -> float:
        return as_float(self.mean_after)


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly_means(rows: Sequence[Row], tz: datetime.tzinfo, weeks: int = 1) -> list[Week]:
    """Mean pain before and after for each run of `weeks` calendar weeks that has entries.

    Runs are counted from the Monday of the first entry's week.
    """
    return runs_of(tallies(rows, tz), weeks)


def runs_of(counted: Sequence[Tally], weeks: int = 1) -> list[Week]:
    """weekly_means over tallies; a tally of several days must lie within one run."""
    if not counted:
        return []
    origin = week_start(min(t.day for t in counted))
    span = 7 * weeks
    sums: dict[datetime.date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for t in counted:
        start = origin + datetime.timedelta(days=(t.day - origin).days // span * span)
        run = sums[start]
        run[0] += t.entries
        run[1] += t.after
        run[2] += t.scored
        run[3] += t.before
    return [
        Week(start, entries, ratio(before, scored), Fraction(after, entries), weeks)
        for start, (entries, after, scored, before) in sorted(sums.items())
    ]


@dataclass(frozen=True)
class Trend:
    """Everything the journal and the summary say about a set of entries."""

    entries: int
    sessions: int
    scored_sessions: int
    average_before: Fraction | None
    average_after: Fraction | None
    average_change: Fraction | None
    comparison: Comparison | None
    best: RoutineEffect | None
    effects: list
    ended_early: int = 0

    @property
    def average_before_display(self) -> float | None:
        return as_float(self.average_before)

    @property
    def average_after_display(self) -> float | None:
        return as_float(self.average_after)

    @property
    def average_change_display(self) -> float | None:
        return as_float(self.average_change)


def trend(rows: Sequence[Row], tz: datetime.tzinfo = UTC) -> Trend:
    if not rows:
        return summarise([], None, None)
    dates = [r.local_date(tz) for r in rows]
    return summarise(tallies(rows, tz), min(dates), max(dates))


def summarise(
    counted: Sequence[Tally], first_day: datetime.date | None, last_day: datetime.date | None
) -> Trend:
    """The Trend of the tallied entries, whose first and last local days are given."""
    scored = sum(t.scored for t in counted)
    before = sum(t.before for t in counted)
    after = sum(t.after_scored for t in counted)
    effects = effects_of(counted)
    return Trend(
        entries=sum(t.entries for t in counted),
        sessions=sum(t.sessions for t in counted),
        scored_sessions=scored,
        average_before=ratio(before, scored),
        average_after=ratio(after, scored),
        average_change=ratio(after - before, scored),
        comparison=compare_windows(counted, first_day, last_day) if counted else None,
        best=best_of(effects),
        effects=effects,
        ended_early=sum(t.early for t in counted),
    )
