"""The builder's plain functions: add, update, move, remove, copy, and their row lock."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.db.models import QuerySet

from points.models import Point
from routines import builder
from routines.models import MAX_STEPS, Routine, Step
from tests.factories import (
    PointFactory,
    RoutineFactory,
    StarterRoutineFactory,
    StepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def codes(routine: Routine) -> list[str]:
    return [step.point.code for step in routine.steps.order_by("position")]


def positions(routine: Routine) -> list[int]:
    return list(routine.steps.order_by("position").values_list("position", flat=True))


@pytest.fixture
def routine_of_three() -> Routine:
    routine = RoutineFactory()
    for code in ("BL23", "BL40", "BL60"):
        builder.add_step(routine, PointFactory(code=code))
    return routine


def test_add_step_uses_the_points_usual_hold_once_on_both_sides():
    routine = RoutineFactory()
    point = PointFactory(code="BL23", hold_seconds=120)

    step = builder.add_step(routine, point)

    assert (step.side, step.hold_seconds, step.repetitions, step.position) == ("both", 120, 1, 0)


def test_add_step_puts_a_midline_point_on_the_midline():
    point = PointFactory(code="GV4", laterality=Point.Laterality.MIDLINE, hold_seconds=90)

    step = builder.add_step(RoutineFactory(), point)

    assert step.side == Step.Side.MIDLINE


def test_add_step_appends_at_the_end(routine_of_three):
    builder.add_step(routine_of_three, PointFactory(code="GB30"))

    assert codes(routine_of_three) == ["BL23", "BL40", "BL60", "GB30"]
    assert positions(routine_of_three) == [0, 1, 2, 3]


def test_a_31st_step_is_refused_and_nothing_is_saved():
    routine = RoutineFactory()
    point = PointFactory()
    for _ in range(MAX_STEPS):
        builder.add_step(routine, point, again=True)

    with pytest.raises(ValidationError) as error:
        builder.add_step(routine, point, again=True)

    assert error.value.code == "routine_full"
    assert "at most 30 points" in error.value.messages[0]
    assert routine.steps.count() == MAX_STEPS


def test_move_up_swaps_with_the_step_above(routine_of_three):
    last = routine_of_three.steps.get(position=2)

    builder.move_step(routine_of_three, last.pk, "up")

    assert codes(routine_of_three) == ["BL23", "BL60", "BL40"]
    assert positions(routine_of_three) == [0, 1, 2]


def test_move_down_swaps_with_the_step_below(routine_of_three):
    first = routine_of_three.steps.get(position=0)

    builder.move_step(routine_of_three, first.pk, "down")

    assert codes(routine_of_three) == ["BL40", "BL23", "BL60"]


@pytest.mark.parametrize(("position", "direction"), [(0, "up"), (2, "down")])
def test_moving_past_either_end_changes_nothing(routine_of_three, position, direction):
    step = routine_of_three.steps.get(position=position)

    builder.move_step(routine_of_three, step.pk, direction)

    assert codes(routine_of_three) == ["BL23", "BL40", "BL60"]


def test_moving_twice_to_the_top(routine_of_three):
    last = routine_of_three.steps.get(position=2)

    builder.move_step(routine_of_three, last.pk, "up")
    builder.move_step(routine_of_three, last.pk, "up")

    assert codes(routine_of_three) == ["BL60", "BL23", "BL40"]


def test_move_refuses_a_direction_other_than_up_or_down(routine_of_three):
    with pytest.raises(ValueError):
        builder.move_step(routine_of_three, routine_of_three.steps.first().pk, "left")


def test_move_repairs_gaps_left_by_other_tools():
    routine = RoutineFactory()
    first = StepFactory(routine=routine, position=3, point=PointFactory(code="BL23"))
    second = StepFactory(routine=routine, position=9, point=PointFactory(code="BL40"))

    builder.move_step(routine, second.pk, "up")

    assert codes(routine) == ["BL40", "BL23"]
    assert positions(routine) == [0, 1]
    first.refresh_from_db()
    assert first.position == 1


def test_remove_renumbers_the_rest(routine_of_three):
    middle = routine_of_three.steps.get(position=1)

    builder.remove_step(routine_of_three, middle.pk)

    assert codes(routine_of_three) == ["BL23", "BL60"]
    assert positions(routine_of_three) == [0, 1]


def test_removing_a_step_twice_raises_does_not_exist(routine_of_three):
    step = routine_of_three.steps.get(position=0)
    builder.remove_step(routine_of_three, step.pk)

    with pytest.raises(Step.DoesNotExist):
        builder.remove_step(routine_of_three, step.pk)
    assert routine_of_three.steps.count() == 2


def test_a_step_of_another_routine_cannot_be_moved_or_removed(routine_of_three):
    stranger = StepFactory()

    with pytest.raises(Step.DoesNotExist):
        builder.move_step(routine_of_three, stranger.pk, "up")
    with pytest.raises(Step.DoesNotExist):
        builder.remove_step(routine_of_three, stranger.pk)
    assert Step.objects.filter(pk=stranger.pk).exists()


def test_update_step_saves_the_new_values(routine_of_three):
    step = routine_of_three.steps.get(position=0)

    builder.update_step(
        routine_of_three, step.pk, side="left", hold_seconds=45, repetitions=3, note="Gently"
    )

    step.refresh_from_db()
    assert (step.side, step.hold_seconds, step.repetitions, step.note) == ("left", 45, 3, "Gently")
    assert step.total_seconds == 135


@pytest.mark.parametrize(
    "values",
    [
        {"side": "both", "hold_seconds": 0, "repetitions": 1},
        {"side": "both", "hold_seconds": 601, "repetitions": 1},
        {"side": "both", "hold_seconds": 30, "repetitions": 11},
        {"side": "midline", "hold_seconds": 30, "repetitions": 1},
    ],
)
def test_update_step_refuses_out_of_bounds_values(routine_of_three, values):
    step = routine_of_three.steps.get(position=0)

    with pytest.raises(ValidationError):
        builder.update_step(routine_of_three, step.pk, **values)

    step.refresh_from_db()
    assert (step.side, step.hold_seconds, step.repetitions) == ("both", 60, 1)


def test_updating_a_step_removed_in_another_tab_does_not_bring_it_back(routine_of_three):
    step = routine_of_three.steps.get(position=1)
    builder.remove_step(routine_of_three, step.pk)  # the other tab

    with pytest.raises(Step.DoesNotExist):
        builder.update_step(routine_of_three, step.pk, side="both", hold_seconds=30, repetitions=1)

    assert codes(routine_of_three) == ["BL23", "BL60"]


def test_two_tabs_with_stale_pages_neither_lose_nor_double_steps(routine_of_three):
    # Both tabs loaded the routine with BL23, BL40, BL60.
    tab_a = Routine.objects.get(pk=routine_of_three.pk)
    tab_b = Routine.objects.get(pk=routine_of_three.pk)
    bl40 = routine_of_three.steps.get(point__code="BL40")
    bl60 = routine_of_three.steps.get(point__code="BL60")

    builder.remove_step(tab_a, bl40.pk)
    builder.move_step(tab_b, bl60.pk, "up")  # tab B still thinks BL60 is third
    builder.add_step(tab_a, PointFactory(code="GB30"))
    builder.add_step(tab_b, PointFactory(code="LR3"))

    assert codes(routine_of_three) == ["BL60", "BL23", "GB30", "LR3"]
    assert positions(routine_of_three) == [0, 1, 2, 3]


def test_every_edit_locks_the_routine_row(monkeypatch, routine_of_three):
    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        if self.model is Routine:
            locked.append(True)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    step = routine_of_three.steps.get(position=0)

    builder.add_step(routine_of_three, PointFactory(code="GB30"))
    builder.update_step(routine_of_three, step.pk, side="both", hold_seconds=30, repetitions=1)
    builder.move_step(routine_of_three, step.pk, "down")
    builder.remove_step(routine_of_three, step.pk)

    assert len(locked) == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_queue_behind_the_lock():
    """Eight requests adding at once: eight steps, positions 0..7, none lost or doubled."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        # The in-memory test database is shared through SQLite's shared cache, which refuses
        # a second writer at once ("table is locked") instead of waiting for it.
        pytest.skip("needs a database file or PostgreSQL to run writers in parallel")
    routine = RoutineFactory()
    points = [PointFactory(code=f"BL{n}") for n in range(1, 9)]
    start = threading.Barrier(len(points))
    errors = []

    def add(point):
        try:
            start.wait()
            builder.add_step(routine, point)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=add, args=(point,)) for point in points]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert positions(routine) == list(range(8))
    assert sorted(codes(routine)) == sorted(p.code for p in points)


def test_copy_routine_copies_steps_in_order_and_remembers_the_original():
    starter = StarterRoutineFactory(name="Five points", schedule="weekly", weekdays="135")
    for code, hold in (("BL60", 60), ("SI11", 45), ("BL23", 120)):
        StepFactory(routine=starter, point=PointFactory(code=code), hold_seconds=hold, note=code)
    owner = UserFactory()

    copy, left_out = builder.copy_routine(starter, owner)

    assert left_out == []
    assert copy.owner == owner
    assert copy.copied_from == starter
    assert copy.source == starter.source
    assert (copy.name, copy.schedule, copy.weekdays) == ("Five points", "weekly", "135")
    assert [(s.point.code, s.hold_seconds, s.note, s.position) for s in copy.steps.all()] == [
        ("BL60", 60, "BL60", 0),
        ("SI11", 45, "SI11", 1),
        ("BL23", 120, "BL23", 2),
    ]
    assert starter.steps.count() == 3


def test_copy_routine_can_leave_out_points_avoided_in_pregnancy():
    starter = StarterRoutineFactory()
    StepFactory(routine=starter, point=PointFactory(code="BL23"))
    StepFactory(routine=starter, point=PointFactory(code="LI4", avoid_in_pregnancy=True))
    StepFactory(routine=starter, point=PointFactory(code="BL40"))

    copy, left_out = builder.copy_routine(
        starter, UserFactory(), leave_out_avoided_in_pregnancy=True
    )

    assert [p.code for p in left_out] == ["LI4"]
    assert codes(copy) == ["BL23", "BL40"]
    assert positions(copy) == [0, 1]
