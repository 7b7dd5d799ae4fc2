"""A failed htmx request says why, in an HX-Trigger event that static/js/app.js shows."""

import json

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from acupressure.htmx_errors import ERROR_EVENT, Missing, get_or_missing, not_found_message
from practice import sessions
from routines.models import Routine
from tests.factories import RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def error_message(response) -> str:
    return json.loads(response["HX-Trigger"])[ERROR_EVENT]["message"]


def test_changing_a_step_removed_in_another_tab_says_the_step_is_gone(user_client, user):
    routine = RoutineFactory(owner=user)
    step = StepFactory(routine=routine)
    url = reverse("routines:update_step", args=[routine.pk, step.pk])
    step.delete()

    response = user_client.post(url, {f"step-{step.pk}-hold_seconds": "30"}, **HTMX)

    assert response.status_code == 404
    assert error_message(response) == (
        "That change could not be saved: the step no longer exists. Reload the page."
    )


def test_searching_in_a_deleted_routine_says_it_could_not_be_loaded(user_client, user):
    routine = RoutineFactory(owner=user)
    url = reverse("routines:edit", args=[routine.pk])
    routine.delete()

    response = user_client.get(url, {"q": "BL23"}, **HTMX)

    assert response.status_code == 404
    assert error_message(response) == (
        "That could not be loaded: the routine no longer exists. Reload the page."
    )


def test_someone_elses_session_is_gone_too(user_client, other_user):
    routine = RoutineFactory(owner=other_user)
    StepFactory(routine=routine)
    practice = sessions.start_practice(other_user, routine, None, timezone.now())

    response = user_client.post(reverse("practice:pause", args=[practice.pk]), **HTMX)

    assert response.status_code == 404
    assert "the session no longer exists" in error_message(response)


def test_any_other_missing_address_gets_a_general_sentence(user_client):
    response = user_client.post("/no/such/thing/", **HTMX)

    assert response.status_code == 404
    assert error_message(response) == (
        "That change could not be saved: it is no longer there. Reload the page."
    )


def test_without_htmx_the_full_404_page_is_shown(user_client, user):
    routine = RoutineFactory(owner=user)
    url = reverse("routines:edit", args=[routine.pk])
    routine.delete()

    response = user_client.get(url)

    assert response.status_code == 404
    assert "HX-Trigger" not in response
    assert "Page not found" in response.content.decode()


def test_get_or_missing_returns_the_object_or_raises_with_the_reason(user):
    routine = RoutineFactory(owner=user)

    assert get_or_missing(Routine.objects.all(), "gone", pk=routine.pk) == routine
    with pytest.raises(Missing, match="^the routine is gone$"):
        get_or_missing(Routine.objects.all(), "the routine is gone", pk=routine.pk + 1)


def test_not_found_message_only_repeats_messages_meant_for_people(rf):
    request = rf.post("/")
    assert not_found_message(request, Missing("the step no longer exists")) == (
        "That change could not be saved: the step no longer exists. Reload the page."
    )
    # Django's own 404 messages name models and queries: not for the person.
    assert "Step matches" not in not_found_message(
        request, Http404("No Step matches the given query.")
    )
