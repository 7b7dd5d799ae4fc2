"""Every routine URL answers 404 to anyone but the routine's owner; POSTs need the CSRF token."""

import pytest
from django.test import Client
from django.urls import reverse

from routines.models import Routine, Step
from tests.factories import PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

# (method, URL name, needs a step, data)
ROUTINE_URLS = [
    ("get", "detail", False, {}),
    ("get", "edit", False, {}),
    ("post", "edit", False, {"name": "Taken", "schedule": "daily", "practice_time": "08:00"}),
    ("get", "print", False, {}),
    ("get", "card", False, {}),
    ("post", "add_step", False, {"point": "__point__"}),
    ("post", "update_step", True, {"__prefix__hold_seconds": "30"}),
    ("post", "move_step", True, {"direction": "up"}),
    ("post", "remove_step", True, {}),
    ("get", "archive", False, {}),
    ("post", "archive", False, {"archived": "1"}),
    ("get", "delete", False, {}),
    ("post", "delete", False, {}),
]
STEP_URLS = [url for url in ROUTINE_URLS if url[2]]


@pytest.fixture
def owned(other_user) -> tuple[Routine, Step]:
    routine = RoutineFactory(owner=other_user, name="Not yours")
    StepFactory(routine=routine, position=0)
    step = StepFactory(routine=routine, position=1, hold_seconds=45)
    return routine, step


def request(client, method, name, needs_step, data, routine, step):
    args = [routine.pk, step.pk] if needs_step else [routine.pk]
    values = {}
    for key, value in data.items():
        if value == "__point__":
            value = PointFactory().pk
        values[key.replace("__prefix__", f"step-{step.pk}-")] = value
    return getattr(client, method)(reverse(f"routines:{name}", args=args), values)


def unchanged(routine: Routine, step: Step) -> bool:
    routine.refresh_from_db()
    step.refresh_from_db()
    return (
        routine.name == "Not yours"
        and not routine.archived
        and routine.steps.count() == 2
        and step.hold_seconds == 45
        and step.position == 1
    )


@pytest.mark.parametrize(("method", "name", "needs_step", "data"), ROUTINE_URLS)
def test_someone_elses_routine_is_404(user_client, owned, method, name, needs_step, data):
    routine, step = owned

    response = request(user_client, method, name, needs_step, data, routine, step)

    assert response.status_code == 404
    assert unchanged(routine, step)


@pytest.mark.parametrize(("method", "name", "needs_step", "data"), ROUTINE_URLS)
def test_the_owner_gets_through(client, other_user, owned, method, name, needs_step, data):
    routine, step = owned
    client.force_login(other_user)

    response = request(client, method, name, needs_step, data, routine, step)

    assert response.status_code in {200, 302}


@pytest.mark.parametrize(("method", "name", "needs_step", "data"), ROUTINE_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, owned, method, name, needs_step, data):
    routine, step = owned

    response = request(client, method, name, needs_step, data, routine, step)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert unchanged(routine, step)


@pytest.mark.parametrize(("method", "name", "needs_step", "data"), STEP_URLS)
def test_a_step_of_someone_elses_routine_is_404_through_my_own_routine(
    user_client, user, owned, method, name, needs_step, data
):
    mine = RoutineFactory(owner=user)
    _, step = owned

    response = request(user_client, method, name, needs_step, data, mine, step)

    assert response.status_code == 404
    step.refresh_from_db()
    assert (step.hold_seconds, step.position) == (45, 1)


def test_a_routine_that_does_not_exist_is_404(user_client):
    assert user_client.get(reverse("routines:detail", args=[987654])).status_code == 404


def test_use_only_copies_starters_never_someone_elses_routine(user_client, user, owned):
    routine, _ = owned
    routine.slug = "not-a-starter"
    routine.save()

    response = user_client.post(reverse("routines:use", args=["not-a-starter"]))

    assert response.status_code == 404
    assert not Routine.objects.filter(owner=user).exists()


# CSRF -------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_a_post_without_the_csrf_token_is_refused(csrf_client, user):
    routine = RoutineFactory(owner=user)
    point = PointFactory()

    response = csrf_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": point.pk}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 403
    assert routine.steps.count() == 0


def test_a_post_with_the_token_in_the_htmx_header_passes(csrf_client, user):
    routine = RoutineFactory(owner=user)
    point = PointFactory()
    page = csrf_client.get(reverse("routines:edit", args=[routine.pk]))
    token = csrf_client.cookies["csrftoken"].value
    # The page carries the token for htmx on <body>.
    assert "x-csrftoken" in page.content.decode()

    response = csrf_client.post(
        reverse("routines:add_step", args=[routine.pk]),
        {"point": point.pk},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 200
    assert routine.steps.count() == 1
