import pytest
from django.urls import reverse

from tests.factories import RoutineFactory, StarterRoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


def test_routine_admin_lists_and_edits_routines_with_their_steps(admin_client):
    routine = RoutineFactory(name="Evening back")
    StepFactory(routine=routine, note="Gently")
    StarterRoutineFactory(name="A starter")

    changelist = admin_client.get(reverse("admin:routines_routine_changelist"))
    starters_only = admin_client.get(
        reverse("admin:routines_routine_changelist"), {"owner__isempty": "1"}
    )
    change = admin_client.get(reverse("admin:routines_routine_change", args=[routine.pk]))

    assert changelist.status_code == 200
    assert "Evening back" in changelist.content.decode()
    assert "A starter" in starters_only.content.decode()
    assert "Evening back" not in starters_only.content.decode()
    assert change.status_code == 200
    assert "Gently" in change.content.decode()
