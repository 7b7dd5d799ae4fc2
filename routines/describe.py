"""Routines and steps in words, for pages, the printed sheet and the card."""

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


def side_text(step: Step) -> str:
    return {
        Step.Side.BOTH: "both sides, left then right",
        Step.Side.LEFT: "left side only",
        Step.Side.RIGHT: "right side only",
        Step.Side.MIDLINE: "on the midline",
    }[step.side]


def side_short(step: Step) -> str:
    return {
        Step.Side.BOTH: "Both",
        Step.Side.LEFT: "Left",
        Step.Side.RIGHT: "Right",
        Step.Side.MIDLINE: "Midline",
    }[step.side]


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
