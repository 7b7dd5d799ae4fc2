"""A step's side has one set of words, and each page that names a side takes them from it."""

import pytest

from routines.describe import SIDE_WORDS, side_words, step_text
from routines.forms import StepForm
from routines.models import Step
from tests.factories import PointFactory, RoutineFactory, StepFactory


def test_every_side_has_its_words():
    assert set(SIDE_WORDS) == set(Step.Side)


@pytest.mark.django_db
def test_the_builder_menu_offers_the_sides_a_point_has_in_the_same_words():
    step = StepFactory(routine=RoutineFactory(), point=PointFactory(laterality="bilateral"))

    choices = dict(StepForm(instance=step).fields["side"].choices)

    assert choices == {
        side: side_words(side).choice for side in (Step.Side.BOTH, Step.Side.LEFT, Step.Side.RIGHT)
    }


@pytest.mark.django_db
def test_a_one_sided_step_is_described_with_its_side():
    step = StepFactory(routine=RoutineFactory(), side=Step.Side.LEFT, hold_seconds=60)

    assert step_text(step) == "1 min, left side only"
