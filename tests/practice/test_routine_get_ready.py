"""Get-ready time per routine: the routine's own value wins over the person's setting."""

import pytest
from django.utils import timezone

from practice import sessions
from tests.factories import RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


def lead_ins(routine) -> list[int]:
    practice = sessions.start_practice(routine.owner, routine, None, timezone.now())
    return [phase["seconds"] for phase in practice.phases if phase["kind"] == sessions.READY]


def test_the_routine_value_is_used_when_set(user):
    routine = RoutineFactory(owner=user, get_ready_seconds=20)
    StepFactory(routine=routine, side="left")
    StepFactory(routine=routine, side="left")
    assert lead_ins(routine) == [20, 20]
    routine.get_ready_seconds = 0
    routine.save()
    assert lead_ins(routine) == []


def test_empty_means_the_persons_own_setting(user):
    user.get_ready_seconds = 8
    user.save()
    routine = RoutineFactory(owner=user, get_ready_seconds=None)
    StepFactory(routine=routine, side="left")
    assert lead_ins(routine) == [8]


def test_the_routine_form_saves_and_bounds_it(user_client, user):
    routine = RoutineFactory(owner=user)
    data = {"name": "Night", "schedule": "daily", "practice_time": "21:00"}
    response = user_client.post(
        f"/routines/{routine.pk}/edit/", {**data, "get_ready_seconds": "15"}
    )
    assert response.status_code in (200, 302)
    routine.refresh_from_db()
    assert routine.get_ready_seconds == 15
    response = user_client.post(
        f"/routines/{routine.pk}/edit/", {**data, "get_ready_seconds": "61"}
    )
    assert "from 0 to 60, or leave it empty" in response.content.decode()
    routine.refresh_from_db()
    assert routine.get_ready_seconds == 15
    user_client.post(f"/routines/{routine.pk}/edit/", {**data, "get_ready_seconds": ""})
    routine.refresh_from_db()
    assert routine.get_ready_seconds is None
