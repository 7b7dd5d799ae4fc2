"""Checks shared by the routine forms and the builder functions."""

from django.core.exceptions import ValidationError

from points.models import Point
from routines.models import MAX_HOLD_SECONDS, MAX_REPETITIONS, MAX_STEPS, MIN_HOLD_SECONDS, Step

HOLD_MESSAGE = (
    f"Hold for {MIN_HOLD_SECONDS} to {MAX_HOLD_SECONDS} seconds (up to 10 minutes), "
    "as a whole number."
)
REPETITIONS_MESSAGE = f"Press 1 to {MAX_REPETITIONS} times, as a whole number."
ROUTINE_FULL_MESSAGE = (
    f"A routine holds at most {MAX_STEPS} points. Remove one before adding another."
)
# The weekly schedule is "three times a week": exactly this many days, chosen by the person.
WEEKLY_DAYS = 3
COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven"]


def validate_hold_seconds(value: int) -> None:
    if not MIN_HOLD_SECONDS <= value <= MAX_HOLD_SECONDS:
        raise ValidationError(HOLD_MESSAGE, code="hold_seconds")


def validate_repetitions(value: int) -> None:
    if not 1 <= value <= MAX_REPETITIONS:
        raise ValidationError(REPETITIONS_MESSAGE, code="repetitions")


def weekly_days_message(count: int) -> str:
    """Why the ticked days do not make three times a week, counting what was ticked."""
    start = "Choose three days for three times a week"
    if count == 0:
        return f"{start}: no day is ticked."
    ticked = f"{COUNT_WORDS[count]} {'is' if count == 1 else 'are'} ticked"
    if count < WEEKLY_DAYS:
        return f"{start}: only {ticked}."
    return f"{start}: {ticked}. To practise more often, choose every day."


def validate_weekly_days(values: list[int]) -> None:
    """Three times a week means three different weekdays, Monday = 0."""
    days = set(values)
    if any(not 0 <= day <= 6 for day in days):
        raise ValidationError("Choose days from Monday to Sunday.", code="weekdays")
    if len(days) != WEEKLY_DAYS:
        raise ValidationError(weekly_days_message(len(days)), code="weekly_days")


def validate_room_for_step(step_count: int) -> None:
    """A routine that already has MAX_STEPS steps takes no more."""
    if step_count >= MAX_STEPS:
        raise ValidationError(ROUTINE_FULL_MESSAGE, code="routine_full")


def sides_for_point(point: Point) -> list[str]:
    """Midline points are pressed once, in the middle; the others on the left, right or both."""
    if point.is_midline:
        return [Step.Side.MIDLINE]
    return [Step.Side.BOTH, Step.Side.LEFT, Step.Side.RIGHT]


def side_message(point: Point) -> str:
    if point.is_midline:
        return f"{point.code} lies on the midline: it has no left or right side."
    return f"{point.code} is on both sides of the body: choose left, right or both."


def validate_side_for_point(side: str, point: Point) -> None:
    if side not in sides_for_point(point):
        raise ValidationError(side_message(point), code="side")
