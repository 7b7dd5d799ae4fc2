"""A routine's length: both sides count twice, every repetition counts, in Python and in SQL."""

import pytest

from routines.duration import routine_seconds, with_totals
from routines.models import Routine
from tests.factories import RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


def make_routine() -> Routine:
    routine = RoutineFactory()
    StepFactory(routine=routine, side="both", hold_seconds=60, repetitions=2)  # 240
    StepFactory(routine=routine, side="left", hold_seconds=30, repetitions=1)  # 30
    StepFactory(routine=routine, side="midline", hold_seconds=90, repetitions=1)  # 90
    return routine


def test_routine_seconds_counts_both_sides_and_repetitions():
    routine = make_routine()

    assert routine_seconds(routine.steps.all()) == 360


def test_list_pages_get_the_same_total_from_the_database():
    routine = make_routine()
    empty = RoutineFactory()

    totals = {r.pk: (r.step_count, r.total_seconds) for r in with_totals(Routine.objects.all())}

    assert totals[routine.pk] == (3, 360)
    assert totals[empty.pk] == (0, 0)
