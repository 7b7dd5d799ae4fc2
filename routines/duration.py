"""How long a routine takes to press: every hold, on every side, every repetition.

One rule with two spellings: ``routine_seconds`` adds up steps already in hand (builder, detail,
print, card, today, calendar), ``with_totals`` asks the database for the same sum when a page
lists many routines (list, starters, the start page). Step.total_seconds is the rule for one step.
"""

from collections.abc import Iterable

from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from routines.models import Routine, Step


def routine_seconds(steps: Iterable[Step]) -> int:
    """Pressing time of these steps (pass ``routine.steps.all()`` to use prefetched steps)."""
    return sum(step.total_seconds for step in steps)


def with_totals(routines: QuerySet[Routine]) -> QuerySet[Routine]:
    """Annotate each routine with ``step_count`` and ``total_seconds`` in the same query."""
    sides = Case(When(steps__side=Step.Side.BOTH, then=Value(2)), default=Value(1))
    return routines.annotate(
        step_count=Count("steps"),
        total_seconds=Coalesce(
            Sum(
                sides * F("steps__hold_seconds") * F("steps__repetitions"),
                output_field=IntegerField(),
            ),
            Value(0),
        ),
    )
