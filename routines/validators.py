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
NO_WEEKDAY_MESSAGE = "Choose at least one weekday."


def validate_hold_seconds(value: int) -> None:
    if not MIN_HOLD_SECONDS <= value <= MAX_HOLD_SECONDS:
        raise ValidationError(HOLD_MESSAGE, code="hold_seconds")


def validate_repetitions(value: int) -> None:
    if not 1 <= value <= MAX_REPETITIONS:
        raise ValidationError(REPETITIONS_MESSAGE, code="repetitions")


def validate_weekday_numbers(values: list[int]) -> None:
    if not values or any(not 0 <= v <= 6 for v in values):
        raise ValidationError(NO_WEEKDAY_MESSAGE, code="weekdays")


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
