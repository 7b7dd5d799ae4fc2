"""The pain chart's geometry, worked out on the server and drawn as SVG by a template.

Past MAX_POINTS entries each point is a weekly mean (or the mean of a run of weeks, to stay
under MAX_POINTS points), so that three years of daily entries draw about as fast as a few
weeks. Those means can come from the entries themselves (build_chart) or from the sums the
database made (weekly_chart, through journal.overview).
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.utils.safestring import SafeString, mark_safe

from journal.rows import Row, Tally, tallies
from journal.trends import Week, as_float, runs_of, week_start

WIDTH = 400
HEIGHT = 250
LEFT = 30
RIGHT = 10
TOP = 12
BOTTOM = 34
MAX_POINTS = 120
MAX_X_TICKS = 6
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day_label(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def long_day_label(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    value: float
    label: str

    def __post_init__(self) -> None:
        # One decimal is finer than a pixel and keeps the markup short.
        object.__setattr__(self, "x", round(self.x, 1))
        object.__setattr__(self, "y", round(self.y, 1))


@dataclass(frozen=True)
class Tick:
    at: float
    label: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", round(self.at, 1))


@dataclass
class Chart:
    start: datetime.date
    end: datetime.date
    weeks: list[Week]
    weekly: bool
    before: list[Dot] = field(default_factory=list)
    after: list[Dot] = field(default_factory=list)
    average: list[Dot] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    title: str = ""
    desc: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    # Asked twice by the template (whether to draw, then what).
    @cached_property
    def after_path(self) -> str:
        return path(self.after)

    @cached_property
    def average_path(self) -> str:
        return path(self.average)

    @property
    def entries(self) -> int:
        return sum(w.count for w in self.weeks)

    # The points and the table rows are written here rather than in template loops: a few
    # hundred loop iterations in a template cost more than the rest of the page put together.
    @property
    def before_marks(self) -> SafeString:
        return marks(self.before, "before", 3)

    @property
    def after_marks(self) -> SafeString:
        return marks(self.after, "after", 3.5)

    @property
    def table_rows(self) -> SafeString:
        return mark_safe(  # noqa: S308 - every value below is a number or escaped
            "".join(
                f'<tr><th scope="row"><time datetime="{w.start.isoformat()}">'
                f"{escape(long_day_label(w.start))}</time></th>"
                f'<td class="num">{w.count}</td>'
                f'<td class="num">{"–" if w.mean_before is None else w.mean_before_display}</td>'
                f'<td class="num">{w.mean_after_display}</td></tr>'
                for w in self.weeks
            )
        )


def marks(dots: Sequence[Dot], series: str, radius: float) -> SafeString:
    return mark_safe(  # noqa: S308 - every value below is a number or escaped
        "".join(
            f'<circle class="chart-point" cx="{d.x}" cy="{d.y}" r="{radius}">'
            f"<title>{escape(d.label)}: {series} {d.value}</title></circle>"
            for d in dots
        )
    )


def path(dots: Sequence[Dot]) -> str:
    if len(dots) < 2:
        return ""
    return "M" + " L".join(f"{d.x:.1f} {d.y:.1f}" for d in dots)


def y_for(value: float) -> float:
    """Pain 0 at the bottom of the plot, 10 at the top."""
    return (HEIGHT - BOTTOM) - value / 10 * (HEIGHT - BOTTOM - TOP)


class XScale:
    """Maps local days (with a fraction for the time of day) across the plot."""

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.start = start
        self.days = (end - start).days + 1

    def __call__(self, day: datetime.date, fraction: float = 0.5) -> float:
        offset = (day - self.start).days + fraction
        offset = min(max(offset, 0), self.days)
        return LEFT + offset / self.days * (WIDTH - RIGHT - LEFT)


def x_ticks(start: datetime.date, end: datetime.date, scale: XScale) -> list[Tick]:
    """About MAX_X_TICKS date labels: days, Mondays, or the first of months."""
    span = (end - start).days + 1
    ticks = []
    if span <= 14:
        step = math.ceil(span / MAX_X_TICKS)
        day = start
        while day <= end:
            ticks.append(Tick(scale(day), day_label(day)))
            day += datetime.timedelta(days=step)
    elif span <= 200:
        step = math.ceil(span / 7 / MAX_X_TICKS) * 7
        day = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
        while day <= end:
            ticks.append(Tick(scale(day, 0), day_label(day)))
            day += datetime.timedelta(days=step)
    else:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        step = math.ceil(months / MAX_X_TICKS)
        year, month = start.year, start.month + 1
        while True:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = datetime.date(year, month, 1)
            if day > end:
                break
            label = f"{MONTHS[month - 1]} {year}" if month == 1 or not ticks else MONTHS[month - 1]
            ticks.append(Tick(scale(day, 0), label))
            month += step
    return ticks


def run_weeks(
    first_day: datetime.date, last_day: datetime.date, max_points: int = MAX_POINTS
) -> int:
    """How many calendar weeks each point of a weekly chart stands for."""
    span_weeks = (week_start(last_day) - week_start(first_day)).days // 7 + 1
    return math.ceil(span_weeks / max_points)


def axes(
    chart_start: datetime.date | None,
    chart_end: datetime.date | None,
    first_day: datetime.date,
    last_day: datetime.date,
) -> tuple[datetime.date, datetime.date]:
    """The days the x axis runs between: the period, from the first entry if that is later."""
    start = max(chart_start, first_day) if chart_start else first_day
    end = chart_end or last_day
    if end <= start:
        start = end - datetime.timedelta(days=1)
    return start, end


def new_chart(start: datetime.date, end: datetime.date, weeks: list[Week], weekly: bool) -> Chart:
    chart = Chart(start=start, end=end, weeks=weeks, weekly=weekly)
    chart.y_ticks = [Tick(y_for(v), str(v)) for v in range(0, 11, 2)]
    chart.x_ticks = x_ticks(start, end, XScale(start, end))
    chart.title = "Pain over time, from 0 (no pain) to 10 (worst imaginable)"
    return chart


def average_dots(weeks: Sequence[Week], scale: XScale) -> tuple[list[Dot], list[Dot]]:
    """A point in the middle of each week (or run of weeks) for the mean after and before."""
    after, before = [], []
    for w in weeks:
        x, label = scale(w.middle), week_label(w)
        mean = float(w.mean_after)
        after.append(Dot(x, y_for(mean), round(mean, 1), label))
        if w.mean_before is not None:
            mean = float(w.mean_before)
            before.append(Dot(x, y_for(mean), round(mean, 1), label))
    return after, before


def build_chart(
    rows: Sequence[Row],
    tz: datetime.tzinfo,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    max_points: int = MAX_POINTS,
) -> Chart | None:
    """The chart of `rows` between local dates `start` and `end`, or None without entries."""
    if not rows:
        return None
    local = [(r.recorded_at.astimezone(tz), r) for r in rows]
    first_day = min(when.date() for when, _ in local)
    last_day = max(when.date() for when, _ in local)
    counted = tallies(rows, tz)
    if len(rows) > max_points:
        run = run_weeks(first_day, last_day, max_points)
        return weekly_chart(counted, len(rows), first_day, last_day, start, end, run)
    start, end = axes(start, end, first_day, last_day)
    scale = XScale(start, end)
    chart = new_chart(start, end, runs_of(counted), weekly=False)
    for when, r in sorted(local, key=lambda pair: pair[0]):
        fraction = (when.hour * 60 + when.minute) / (24 * 60)
        x = scale(when.date(), fraction)
        label = f"{day_label(when.date())} {when:%H:%M}"
        chart.after.append(Dot(x, y_for(r.pain_after), r.pain_after, label))
        if r.pain_before is not None:
            chart.before.append(Dot(x, y_for(r.pain_before), r.pain_before, label))
    chart.average, _ = average_dots(chart.weeks, scale)
    chart.desc = describe(chart, len(rows))
    return chart


def weekly_chart(
    counted: Sequence[Tally],
    entries: int,
    first_day: datetime.date,
    last_day: datetime.date,
    start: datetime.date | None,
    end: datetime.date | None,
    run: int,
) -> Chart:
    """A point per run of `run` weeks, from tallies that each lie within one run."""
    start, end = axes(start, end, first_day, last_day)
    scale = XScale(start, end)
    chart = new_chart(start, end, runs_of(counted, weeks=run), weekly=True)
    chart.after, chart.before = average_dots(chart.weeks, scale)
    chart.desc = describe(chart, entries)
    return chart


def week_label(week: Week) -> str:
    if week.weeks == 1:
        return f"week of {day_label(week.start)}"
    return f"{week.weeks} weeks from {day_label(week.start)}"


def describe(chart: Chart, count: int) -> str:
    noun = "entry" if count == 1 else "entries"
    text = f"{count} {noun} from {long_day_label(chart.start)} to {long_day_label(chart.end)}."
    if chart.weekly:
        weeks = chart.weeks[0].weeks if chart.weeks else 1
        text += (
            " Each point is a weekly average."
            if weeks == 1
            else f" Each point is the average of {weeks} weeks."
        )
    weeks = chart.weeks
    if len(weeks) >= 2:
        first, last = weeks[0], weeks[-1]
        text += (
            f" Average pain after went from {as_float(first.mean_after)} in the "
            f"{week_label(first)} to {as_float(last.mean_after)} in the {week_label(last)}."
        )
    elif weeks:
        text += f" Average pain after: {as_float(weeks[0].mean_after)}."
    return text
