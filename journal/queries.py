"""Every read of a person's journal goes through here, scoped to its owner."""

import datetime
from collections.abc import Sequence
from typing import NamedTuple

from django.db.models import Count, Func, IntegerField, Max, Min, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from journal.models import Entry
from journal.rows import Row, Tally


def entries_for_user(user) -> QuerySet[Entry]:
    return Entry.objects.filter(user=user)


def get_entry_for_user(user, pk: int) -> Entry:
    """The user's own entry, or 404: other people's entries do not exist for them."""
    return get_object_or_404(entries_for_user(user), pk=pk)


def local_midnight(day: datetime.date, tz: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def entries_since(user, since: datetime.datetime | None) -> QuerySet[Entry]:
    entries = entries_for_user(user)
    if since is not None:
        entries = entries.filter(recorded_at__gte=since)
    return entries


def entry_rows(user, since: datetime.datetime | None = None) -> list[Row]:
    """The user's entries (from `since`, if given) oldest first, in one query."""
    # Converted to local time once here, so the many local_date() calls after this one take
    # astimezone()'s shortcut for a datetime already in the zone asked for.
    zone = timezone.get_current_timezone()
    values = entries_since(user, since).order_by("recorded_at", "id").values_list(*Row._fields)
    return [Row(recorded_at.astimezone(zone), *rest) for recorded_at, *rest in values]


class Span(NamedTuple):
    entries: int
    first: datetime.datetime | None
    last: datetime.datetime | None


def entry_span(user, since: datetime.datetime | None = None) -> Span:
    """How many entries there are from `since`, and when the first and last were recorded."""
    found = entries_since(user, since).aggregate(
        entries=Count("id"), first=Min("recorded_at"), last=Max("recorded_at")
    )
    return Span(**found)


class StretchIndex(Func):
    """Which stretch between the sorted `bounds` a value falls in: 0 before the first bound, 1
    from the first to the second, ..., len(bounds) from the last one on.

    Written as a binary tree of CASE WHEN comparisons with plain values, about log2(bounds)
    comparisons a row: on SQLite every date function (TruncWeek with a time zone included) calls
    back into Python once a row, which costs more than reading the rows.
    """

    output_field = IntegerField()

    def __init__(self, expression, bounds: Sequence[datetime.datetime]) -> None:
        super().__init__(expression)
        self.bounds = list(bounds)
        self.compiled: dict[str, tuple[str, list]] = {}

    def as_sql(self, compiler, connection, **extra_context):
        # Compiled twice a query (the select and the group by): the tree is written once.
        if connection.alias in self.compiled:
            return self.compiled[connection.alias]
        column, column_params = compiler.compile(self.source_expressions[0])
        values = [connection.ops.adapt_datetimefield_value(b) for b in self.bounds]

        def tree(low: int, high: int) -> tuple[str, list]:
            if low == high:
                return str(low), []
            middle = (low + high + 1) // 2
            below, below_params = tree(low, middle - 1)
            above, above_params = tree(middle, high)
            sql = f"CASE WHEN {column} < %s THEN {below} ELSE {above} END"
            return sql, [*column_params, values[middle - 1], *below_params, *above_params]

        self.compiled[connection.alias] = tree(0, len(values))
        return self.compiled[connection.alias]


def period_tallies(
    user, since: datetime.datetime | None, cuts: Sequence[datetime.date], tz: datetime.tzinfo
) -> list[Tally]:
    """The entries from `since`, added up per routine in the stretches of local days that
    start at each of `cuts` (sorted; the first on or before the first entry's day).

    One row per routine and stretch: a hundred stretches read a hundred-odd rows, however many
    entries they hold.
    """
    scored = Q(pain_before__isnull=False, ran_to_end=True)
    full = Q(ran_to_end=True)
    session = Q(practice__isnull=False) | Q(routine__isnull=False)
    bounds = [local_midnight(day, tz) for day in cuts[1:]]
    values = (
        entries_since(user, since)
        .annotate(stretch=StretchIndex("recorded_at", bounds))
        .values("stretch", "routine_id", "routine_name")
        .annotate(
            entries=Count("id"),
            full_entries=Count("id", filter=full),
            practices=Count("practice", filter=full),
            early=Count("id", filter=~full & session),
            scored=Count("pain_before", filter=scored),
            before=Sum("pain_before", filter=scored),
            after=Sum("pain_after"),
            after_scored=Sum("pain_after", filter=scored),
            latest_scored=Max("recorded_at", filter=scored),
        )
        .order_by("stretch", "routine_id", "routine_name")
        .values_list(
            "stretch",
            "routine_id",
            "routine_name",
            "entries",
            "full_entries",
            "practices",
            "early",
            "scored",
            "before",
            "after",
            "after_scored",
            "latest_scored",
        )
    )
    return [
        Tally(
            day=cuts[stretch],
            routine_id=routine_id,
            routine_name=routine_name,
            entries=entries,
            # Row.is_session: every entry naming a live routine, or closing a practice.
            sessions=full_entries if routine_id is not None else practices,
            scored=scored,
            before=before or 0,
            after=after,
            after_scored=after_scored or 0,
            latest_scored=latest_scored,
            early=early,
        )
        for (
            stretch,
            routine_id,
            routine_name,
            entries,
            full_entries,
            practices,
            early,
            scored,
            before,
            after,
            after_scored,
            latest_scored,
        ) in values
    ]
