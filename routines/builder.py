"""Editing a routine's steps: add, change, move, remove, copy.

Each edit runs in one transaction that first locks the routine's row, so two browser tabs (or
two devices) editing the same routine queue one behind the other: no step is lost or doubled
and positions stay 0..n-1. On PostgreSQL the lock is SELECT ... FOR UPDATE; SQLite ignores
FOR UPDATE but its IMMEDIATE transactions (see settings) take the write lock at BEGIN, which
serialises the same way.
"""

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from points.models import Point
from routines.models import Routine, Step
from routines.validators import (
    validate_hold_seconds,
    validate_repetitions,
    validate_room_for_step,
    validate_side_for_point,
)

Direction = Literal["up", "down"]


def _lock(routine: Routine) -> Routine:
    return Routine.objects.select_for_update().get(pk=routine.pk)


def _renumber(routine: Routine) -> list[Step]:
    """Positions 0..n-1 in the current order; returns the steps in that order."""
    steps = list(routine.steps.select_related("point").order_by("position", "id"))
    changed = []
    for index, step in enumerate(steps):
        if step.position != index:
            step.position = index
            changed.append(step)
    if changed:
        Step.objects.bulk_update(changed, ["position"])
    return steps


def default_side(point: Point) -> str:
    return Step.Side.MIDLINE if point.is_midline else Step.Side.BOTH


def add_step(routine: Routine, point: Point, *, again: bool = False) -> Step:
    """Append a point with its usual hold, once, on the side(s) it has.

    Raises ValidationError (code "routine_full") when the routine already has MAX_STEPS steps,
    and (code "already_in_routine") when the point is already a step, unless `again` says a
    second step for it is meant: a double tap on "Add" must not quietly press a point twice.
    """
    with transaction.atomic():
        _lock(routine)
        validate_room_for_step(routine.steps.count())
        if not again and routine.steps.filter(point=point).exists():
            raise ValidationError(
                f"{point.code} {point.name} is already in this routine. "
                "Add it again only if you mean to press it twice.",
                code="already_in_routine",
            )
        step = Step.objects.create(
            routine=routine,
            position=routine.steps.count(),
            point=point,
            side=default_side(point),
            hold_seconds=point.hold_seconds,
            repetitions=1,
        )
        _renumber(routine)
        Routine.objects.filter(pk=routine.pk).update(updated=timezone.now())
    return step


def update_step(
    routine: Routine,
    step_pk: int,
    *,
    side: str,
    hold_seconds: int,
    repetitions: int,
    note: str = "",
) -> Step:
    """Change one step. Raises Step.DoesNotExist if it was removed meanwhile (another tab)."""
    with transaction.atomic():
        _lock(routine)
        step = routine.steps.select_related("point").get(pk=step_pk)
        validate_side_for_point(side, step.point)
        validate_hold_seconds(hold_seconds)
        validate_repetitions(repetitions)
        step.side = side
        step.hold_seconds = hold_seconds
        step.repetitions = repetitions
        step.note = note
        # update_fields makes a vanished row an error rather than a silent re-insert.
        step.save(update_fields=["side", "hold_seconds", "repetitions", "note"])
        Routine.objects.filter(pk=routine.pk).update(updated=timezone.now())
    return step


def move_step(routine: Routine, step_pk: int, direction: Direction) -> list[Step]:
    """Swap a step with its neighbour above or below; at either end nothing changes.

    Returns the steps in their new order. Raises Step.DoesNotExist if the step is gone.
    """
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    with transaction.atomic():
        _lock(routine)
        steps = _renumber(routine)
        index = next((i for i, s in enumerate(steps) if s.pk == step_pk), None)
        if index is None:
            raise Step.DoesNotExist(f"Step {step_pk} is not in routine {routine.pk}.")
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(steps):
            steps[index], steps[other] = steps[other], steps[index]
            for position, step in enumerate(steps):
                step.position = position
            Step.objects.bulk_update([steps[index], steps[other]], ["position"])
            Routine.objects.filter(pk=routine.pk).update(updated=timezone.now())
    return steps


def remove_step(routine: Routine, step_pk: int) -> list[Step]:
    """Delete a step and close the gap. Raises Step.DoesNotExist if it is already gone."""
    with transaction.atomic():
        _lock(routine)
        deleted, _ = routine.steps.filter(pk=step_pk).delete()
        if not deleted:
            raise Step.DoesNotExist(f"Step {step_pk} is not in routine {routine.pk}.")
        steps = _renumber(routine)
        Routine.objects.filter(pk=routine.pk).update(updated=timezone.now())
    return steps


def copy_routine(
    original: Routine, owner, *, leave_out_avoided_in_pregnancy: bool = False
) -> tuple[Routine, list[Point]]:
    """A copy of a routine (usually a starter) for ``owner``, with its steps.

    Returns the copy and the points left out (those traditionally avoided in pregnancy, when
    asked to leave them out), in routine order.
    """
    with transaction.atomic():
        copy = Routine.objects.create(
            owner=owner,
            source=original.source,
            name=original.name,
            # A starter's description is about its article; notes on a copy are the owner's.
            description="" if original.is_starter else original.description,
            schedule=original.schedule,
            weekdays=original.weekdays,
            practice_time=original.practice_time,
            copied_from=original,
        )
        kept: list[Step] = []
        left_out: list[Point] = []
        for step in original.steps.select_related("point").order_by("position", "id"):
            if leave_out_avoided_in_pregnancy and step.point.avoid_in_pregnancy:
                if step.point not in left_out:
                    left_out.append(step.point)
                continue
            kept.append(
                Step(
                    routine=copy,
                    position=len(kept),
                    point=step.point,
                    side=step.side,
                    hold_seconds=step.hold_seconds,
                    repetitions=step.repetitions,
                    note=step.note,
                )
            )
        Step.objects.bulk_create(kept)
    return copy, left_out
