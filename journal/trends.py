"""What the journal says about pain over time, as plain functions over entry rows.

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
from typing import NamedTuple

MEANINGFUL_POINTS = 2
MEANINGFUL_SHARE = Fraction(3, 10)
WINDOW_DAYS = 14
MIN_WINDOW_ENTRIES = 3
MIN_ROUTINE_SESSIONS = 3


class Row(NamedTuple):
    """One journal entry, as fetched in a single values_list pass."""

    recorded_at: datetime.datetime
    pain_before: int | None
    pain_after: int
    routine_id: int | None = None
    routine_name: str = ""
    practice_id: int | None = None

    @property
    def is_session(self) -> bool:
        return self.practice_id is not None or self.routine_id is not None

    def local_date(self, tz: datetime.tzinfo) -> datetime.date:
        return self.recorded_at.astimezone(tz).date()


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
    """Mean of (after − before) over the entries that have both scores; negative is better."""
    return mean(r.pain_after - r.pain_before for r in rows if r.pain_before is not None)


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


def first_and_last_weeks(
    rows: Sequence[Row], tz: datetime.tzinfo, days: int = WINDOW_DAYS
) -> Comparison | None:
    """Compare the first `days` days of entries with the last `days` days.

    None when the entries span less than twice the window (the two windows would overlap),
    or when either window holds fewer than MIN_WINDOW_ENTRIES entries.
    """
    if not rows:
        return None
    dated = [(r.local_date(tz), r.pain_after) for r in rows]
    first_day = min(d for d, _ in dated)
    last_day = max(d for d, _ in dated)
    first_end = first_day + datetime.timedelta(days=days - 1)
    last_start = last_day - datetime.timedelta(days=days - 1)
    if last_start <= first_end:
        return None
    first = [p for d, p in dated if d <= first_end]
    last = [p for d, p in dated if d >= last_start]
    if len(first) < MIN_WINDOW_ENTRIES or len(last) < MIN_WINDOW_ENTRIES:
        return None
    return Comparison(
        first_start=first_day,
        first_end=first_end,
        first_mean=mean(first),
        first_count=len(first),
        last_start=last_start,
        last_end=last_day,
        last_mean=mean(last),
        last_count=len(last),
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


def routine_effects(rows: Iterable[Row], min_sessions: int = MIN_ROUTINE_SESSIONS) -> list:
    """Each routine's mean drop from before to after, best first, with enough sessions."""
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        if r.pain_before is None or not (r.routine_id or r.routine_name):
            continue
        # A deleted routine keeps its name on the entries: group those by name.
        key = ("id", r.routine_id) if r.routine_id is not None else ("name", r.routine_name)
        groups[key].append(r)
    effects = []
    for (_, _key), members in groups.items():
        if len(members) < min_sessions:
            continue
        latest = max(members, key=lambda r: r.recorded_at)
        effects.append(
            RoutineEffect(
                name=latest.routine_name or "Unnamed routine",
                routine_id=latest.routine_id,
                sessions=len(members),
                mean_before=mean(r.pain_before for r in members),
                mean_after=mean(r.pain_after for r in members),
            )
        )
    effects.sort(key=lambda e: (-e.mean_drop, -e.sessions, e.name))
    return effects


def best_routine(rows: Iterable[Row], min_sessions: int = MIN_ROUTINE_SESSIONS):
    """The routine with the largest mean drop (at least `min_sessions` sessions), if it helps."""
    effects = routine_effects(rows, min_sessions)
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
    if not rows:
        return []
    days = [(r.local_date(tz), r) for r in rows]
    origin = week_start(min(day for day, _ in days))
    span = 7 * weeks
    befores: dict[datetime.date, list[int]] = defaultdict(list)
    afters: dict[datetime.date, list[int]] = defaultdict(list)
    for day, r in days:
        start = origin + datetime.timedelta(days=(day - origin).days // span * span)
        afters[start].append(r.pain_after)
        if r.pain_before is not None:
            befores[start].append(r.pain_before)
    return [
        Week(start, len(afters[start]), mean(befores[start]), mean(afters[start]), weeks)
        for start in sorted(afters)
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

    @property
    def average_before_display(self) -> float | None:
        return as_float(self.average_before)

    @property
    def average_after_display(self) -> float | None:
        return as_float(self.average_after)

    @property
    def average_change_display(self) -> float | None:
        return as_float(self.average_change)


UTC = zoneinfo.ZoneInfo("UTC")


def trend(rows: Sequence[Row], tz: datetime.tzinfo = UTC) -> Trend:
    scored = [r for r in rows if r.pain_before is not None]
    return Trend(
        entries=len(rows),
        sessions=sum(1 for r in rows if r.is_session),
        scored_sessions=len(scored),
        average_before=mean(r.pain_before for r in scored),
        average_after=mean(r.pain_after for r in scored),
        average_change=average_change(scored),
        comparison=first_and_last_weeks(rows, tz),
        best=best_routine(rows),
        effects=routine_effects(rows),
    )
