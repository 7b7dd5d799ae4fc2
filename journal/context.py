"""What else the entries of a period say: where it hurt, which medicines were taken (and pain on
those days against the others), and how well the person could do their activities.

Each figure is one or two aggregate queries, however long the period, so the summary of three
years reads as little as the summary of four weeks.
"""

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Sum

from journal import areas
from journal.models import Ability, Entry
from journal.queries import entries_since
from journal.trends import as_float, ratio


@dataclass(frozen=True)
class MedicineDays:
    """Mean pain on entries with a pain medicine ticked, against entries without."""

    with_count: int
    with_mean: Fraction | None
    without_count: int
    without_mean: Fraction | None
    by_medicine: list[tuple[str, int]] = field(default_factory=list)  # (name, entries)

    @property
    def with_mean_display(self) -> float | None:
        return as_float(self.with_mean)

    @property
    def without_mean_display(self) -> float | None:
        return as_float(self.without_mean)


@dataclass(frozen=True)
class AbilityTrend:
    name: str
    scores: int
    first: int
    first_at: datetime.datetime
    latest: int
    latest_at: datetime.datetime

    @property
    def change(self) -> int:
        return self.latest - self.first


def took_medicine(queryset):
    """The entries annotated with `took`: a medicine from the list ticked, or Other."""
    listed = Entry.medicines.through.objects.filter(entry_id=OuterRef("pk"))
    return queryset.annotate(took=Exists(listed))


def medicine_days(user, since: datetime.datetime | None, with_names: bool = False) -> MedicineDays:
    took = Q(took=True) | Q(other_medicine=True)
    found = took_medicine(entries_since(user, since)).aggregate(
        with_count=Count("id", filter=took),
        with_sum=Sum("pain_after", filter=took),
        without_count=Count("id", filter=~took),
        without_sum=Sum("pain_after", filter=~took),
    )
    by_medicine = []
    if with_names:
        through = Entry.medicines.through.objects.filter(entry__in=entries_since(user, since))
        by_medicine = [
            (name, count)
            for name, count in through.values("medicine__name")
            .annotate(n=Count("entry_id"))
            .order_by("-n", "medicine__name")
            .values_list("medicine__name", "n")
        ]
        other = entries_since(user, since).filter(other_medicine=True).count()
        if other:
            by_medicine.append(("Other", other))
    return MedicineDays(
        with_count=found["with_count"],
        with_mean=ratio(found["with_sum"] or 0, found["with_count"]),
        without_count=found["without_count"],
        without_mean=ratio(found["without_sum"] or 0, found["without_count"]),
        by_medicine=by_medicine,
    )


def area_counts(user, since: datetime.datetime | None) -> list[tuple[areas.Area, int]]:
    """How many entries marked each area, in the map's order; areas never marked left out."""
    counts = (
        entries_since(user, since)
        .filter(areas__gt=0)
        .values("areas")
        .annotate(n=Count("id"))
        .values_list("areas", "n")
    )
    totals = dict.fromkeys(areas.AREAS, 0)
    for bits, n in counts:
        for area in areas.AREAS:
            if bits & area.bit:
                totals[area] += n
    return [(area, n) for area, n in totals.items() if n]


def ability_trends(user, since: datetime.datetime | None) -> list[AbilityTrend]:
    """Each activity's first and latest score in the period, in the order first scored."""
    scored = Ability.objects.filter(entry__in=entries_since(user, since))
    spans = (
        scored.values("name")
        .annotate(
            n=Count("id"), first_at=Min("entry__recorded_at"), last_at=Max("entry__recorded_at")
        )
        .order_by("first_at")
    )
    trends = []
    for span in spans:
        of_name = scored.filter(name=span["name"])
        first = of_name.filter(entry__recorded_at=span["first_at"]).values_list("score", flat=True)
        last = of_name.filter(entry__recorded_at=span["last_at"]).values_list("score", flat=True)
        trends.append(
            AbilityTrend(
                name=span["name"],
                scores=span["n"],
                first=first[0],
                first_at=span["first_at"],
                latest=last[0],
                latest_at=span["last_at"],
            )
        )
    return trends
