"""Routines and steps in words, for pages, the printed sheet and the card."""

from dataclasses import dataclass

from acupressure.templatetags.ui import duration
from routines.models import WEEKDAY_NAMES, Routine, Step


def join_words(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def schedule_text(routine: Routine, *, with_time: bool = True) -> str:
    """ "Every day at 08:00", "Monday, Wednesday and Friday at 18:30"."""
    days = routine.weekday_numbers()
    text = "Every day" if len(days) == 7 else join_words([WEEKDAY_NAMES[day] for day in days])
    if with_time:
        text += f" at {routine.practice_time:%H:%M}"
    return text


@dataclass(frozen=True)
class SideWords:
    """A step's side in each of the places it is written."""

    phrase: str  # in a sentence: "Hold 1 min, left side only"
    short: str  # a column of the printed sheet
    choice: str  # the builder's side menu
    pressing: str  # the player, one side at a time (a step on both sides becomes two)


SIDE_WORDS = {
    Step.Side.BOTH: SideWords(
        "both sides, left then right", "Both", "Both sides (left, then right)", "Both sides"
    ),
    Step.Side.LEFT: SideWords("left side only", "Left", "Left only", "Left side"),
    Step.Side.RIGHT: SideWords("right side only", "Right", "Right only", "Right side"),
    Step.Side.MIDLINE: SideWords("on the midline", "Midline", "Midline", "Midline"),
}


def side_words(side: str) -> SideWords:
    return SIDE_WORDS[side]


def side_text(step: Step) -> str:
    return side_words(step.side).phrase


def side_short(step: Step) -> str:
    return side_words(step.side).short


def step_text(step: Step) -> str:
    """ "1 min each side, left then right, 2 times"; "2 min, on the midline"."""
    hold = duration(step.hold_seconds)
    if step.side == Step.Side.BOTH:
        text = f"{hold} each side, left then right"
    else:
        text = f"{hold}, {side_text(step)}"
    if step.repetitions > 1:
        text += f", {step.repetitions} times"
    return text
