import datetime

import pytest

from points.models import Point
from routines.forms import AddStepForm, MoveStepForm, RoutineForm, StepForm
from routines.models import Routine
from tests.factories import PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


def routine_data(**overrides) -> dict:
    data = {
        "name": "Evening back",
        "schedule": "weekly",
        "weekdays": ["0", "2", "4"],
        "practice_time": "18:30",
        "description": "",
    }
    data.update(overrides)
    return data


def test_routine_form_converts_weekdays_and_time():
    form = RoutineForm(routine_data(weekdays=["4", "0", "2"]), instance=Routine())

    assert form.is_valid(), form.errors
    assert form.cleaned_data["weekdays"] == "024"
    assert form.cleaned_data["practice_time"] == datetime.time(18, 30)


def test_routine_form_preselects_monday_wednesday_and_friday_for_a_new_routine():
    form = RoutineForm(instance=Routine())

    assert form.initial["weekdays"] == [0, 2, 4]
    html = str(form["weekdays"])
    assert html.count("checked") == 3


def test_routine_form_shows_the_routines_own_weekdays():
    form = RoutineForm(instance=RoutineFactory(schedule="weekly", weekdays="16"))

    assert form.initial["weekdays"] == [1, 6]


@pytest.mark.parametrize(
    ("weekdays", "message"),
    [
        ([], "Choose three days for three times a week: no day is ticked."),
        (["3"], "Choose three days for three times a week: only one is ticked."),
        (["0", "3"], "Choose three days for three times a week: only two are ticked."),
        (
            ["0", "1", "2", "3", "4"],
            "Choose three days for three times a week: five are ticked. "
            "To practise more often, choose every day.",
        ),
    ],
)
def test_three_times_a_week_needs_exactly_three_days(weekdays, message):
    form = RoutineForm(routine_data(weekdays=weekdays), instance=Routine())

    assert not form.is_valid()
    assert form.errors["weekdays"] == [message]


def test_the_same_day_twice_counts_once():
    form = RoutineForm(routine_data(weekdays=["0", "0", "2", "4"]), instance=Routine())

    assert form.is_valid(), form.errors
    assert form.cleaned_data["weekdays"] == "024"


def test_every_day_ignores_days_ticked_that_do_not_make_three():
    routine = RoutineFactory(schedule="weekly", weekdays="135")
    form = RoutineForm(routine_data(schedule="daily", weekdays=["0"]), instance=routine)

    assert form.is_valid(), form.errors
    assert (form.save().schedule, routine.weekdays) == ("daily", "135")


def test_every_day_keeps_three_new_days_for_later():
    routine = RoutineFactory(schedule="weekly", weekdays="135")
    form = RoutineForm(routine_data(schedule="daily", weekdays=["0", "3", "5"]), instance=routine)

    assert form.is_valid(), form.errors
    assert form.save().weekdays == "035"


def test_daily_needs_no_weekday_and_keeps_the_last_choice():
    routine = RoutineFactory(schedule="weekly", weekdays="135")
    form = RoutineForm(routine_data(schedule="daily", weekdays=[]), instance=routine)

    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.schedule, saved.weekdays) == ("daily", "135")


def test_an_unknown_weekday_is_refused():
    form = RoutineForm(routine_data(weekdays=["7"]), instance=Routine())

    assert not form.is_valid()
    assert "weekdays" in form.errors


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the routine a name."),
        ("   ", "Give the routine a name."),
        ("x" * 200, "Keep the name to 100 characters or fewer (it has 200)."),
    ],
)
def test_routine_name_must_be_1_to_100_characters(name, message):
    form = RoutineForm(routine_data(name=name), instance=Routine())

    assert not form.is_valid()
    assert form.errors["name"] == [message]


def test_a_100_character_name_is_fine():
    form = RoutineForm(routine_data(name="x" * 100), instance=Routine())

    assert form.is_valid(), form.errors


def test_routine_form_refuses_a_time_that_is_not_a_time():
    form = RoutineForm(routine_data(practice_time="teatime"), instance=Routine())

    assert not form.is_valid()
    assert "hours and minutes" in form.errors["practice_time"][0]


def step_form(step, **overrides) -> StepForm:
    data = {"side": "both", "hold_seconds": "60", "repetitions": "2", "note": ""}
    data.update(overrides)
    return StepForm(data, instance=step)


def test_step_form_converts_to_whole_numbers():
    form = step_form(StepFactory(), hold_seconds=" 45 ", repetitions="3")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["hold_seconds"] == 45
    assert form.cleaned_data["repetitions"] == 3


@pytest.mark.parametrize("hold", ["0", "-5", "601", "abc", "4", "", "2.5"])
def test_step_form_refuses_a_hold_outside_5_to_600_seconds(hold):
    form = step_form(StepFactory(), hold_seconds=hold)

    assert not form.is_valid()
    assert form.errors["hold_seconds"] == [
        "Hold for 5 to 600 seconds (up to 10 minutes), as a whole number."
    ]


@pytest.mark.parametrize("hold", ["5", "600"])
def test_step_form_accepts_the_hold_bounds(hold):
    assert step_form(StepFactory(), hold_seconds=hold).is_valid()


@pytest.mark.parametrize("repetitions", ["0", "11", "-1", "many"])
def test_step_form_refuses_repetitions_outside_1_to_10(repetitions):
    form = step_form(StepFactory(), repetitions=repetitions)

    assert not form.is_valid()
    assert form.errors["repetitions"] == ["Press 1 to 10 times, as a whole number."]


def test_step_form_offers_left_right_and_both_for_a_bilateral_point():
    form = StepForm(instance=StepFactory())

    assert [value for value, _ in form.fields["side"].choices] == ["both", "left", "right"]


def test_step_form_refuses_midline_for_a_bilateral_point():
    form = step_form(StepFactory(), side="midline")

    assert not form.is_valid()
    assert "side" in form.errors


def test_step_form_allows_only_midline_for_a_midline_point():
    point = PointFactory(code="GV4", laterality=Point.Laterality.MIDLINE)
    step = StepFactory(point=point, side="midline")

    assert step_form(step, side="midline").is_valid()
    form = step_form(step, side="left")
    assert not form.is_valid()
    assert "side" in form.errors


def test_step_form_refuses_a_note_over_200_characters():
    form = step_form(StepFactory(), note="n" * 201)

    assert not form.is_valid()
    assert "200 characters" in form.errors["note"][0]


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_add_step_form_refuses_an_unknown_point(value):
    form = AddStepForm({"point": value})

    assert not form.is_valid()
    assert form.errors["point"][0] in {
        "That point is not in the catalogue. Search for it by code or name.",
        "Choose a point to add.",
    }


def test_add_step_form_returns_the_point():
    point = PointFactory()

    form = AddStepForm({"point": str(point.pk)})

    assert form.is_valid()
    assert form.cleaned_data["point"] == point


def test_move_form_accepts_only_up_or_down():
    assert MoveStepForm({"direction": "up"}).is_valid()
    assert not MoveStepForm({"direction": "sideways"}).is_valid()
