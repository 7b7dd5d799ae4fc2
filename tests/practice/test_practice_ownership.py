"""Every practice address answers 404 to anyone but the session's owner, and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from practice import sessions
from practice.models import Practice
from tests.factories import RoutineFactory, StepFactory

POST_ACTIONS = ["advance", "pause", "resume", "skip", "back", "end", "reopen", "discard"]


@pytest.fixture
def their_routine(other_user):
    routine = RoutineFactory(owner=other_user)
    StepFactory(routine=routine, hold_seconds=10)
    return routine


@pytest.fixture
def their_practice(other_user, their_routine):
    return sessions.start_practice(other_user, their_routine, 3, timezone.now())


def snapshot(practice: Practice) -> tuple:
    practice.refresh_from_db()
    return (practice.state, practice.index, practice.deadline, practice.remaining_ms)


def test_player_of_someone_else_is_404(user_client, their_practice):
    response = user_client.get(reverse("practice:player", args=[their_practice.pk]))
    assert response.status_code == 404


def test_player_fragment_of_someone_else_is_404(user_client, their_practice):
    response = user_client.get(
        reverse("practice:player", args=[their_practice.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 404


@pytest.mark.parametrize("action", POST_ACTIONS)
def test_controls_on_someone_elses_session_are_404(user_client, their_practice, action):
    before = snapshot(their_practice)
    response = user_client.post(reverse(f"practice:{action}", args=[their_practice.pk]))
    assert response.status_code == 404
    assert Practice.objects.filter(pk=their_practice.pk).exists()
    assert snapshot(their_practice) == before


@pytest.mark.parametrize("action", POST_ACTIONS)
def test_controls_on_a_missing_session_are_404(user_client, action):
    response = user_client.post(reverse(f"practice:{action}", args=[999_999]))
    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_starting_someone_elses_routine_is_404(user_client, their_routine, method):
    response = getattr(user_client, method)(
        reverse("practice:start", args=[their_routine.pk]), {"pain": "3"}
    )
    assert response.status_code == 404
    assert not Practice.objects.exists()


def test_starting_a_starter_routine_directly_is_404(user_client):
    starter = RoutineFactory(owner=None, slug="gentle-start")
    StepFactory(routine=starter)
    response = user_client.get(reverse("practice:start", args=[starter.pk]))
    assert response.status_code == 404


def test_list_shows_only_my_sessions(user_client, user, their_practice):
    mine = RoutineFactory(owner=user, name="Mine to do")
    StepFactory(routine=mine)
    sessions.start_practice(user, mine, None, timezone.now())
    html = user_client.get(reverse("practice:list")).content.decode()
    assert "Mine to do" in html
    assert their_practice.routine_name not in html
    assert reverse("practice:player", args=[their_practice.pk]) not in html


@pytest.mark.parametrize("name", ["player", "advance", "pause", "discard"])
def test_anonymous_visitors_are_sent_to_log_in(client, their_practice, name):
    path = reverse(f"practice:{name}", args=[their_practice.pk])
    response = client.get(path) if name == "player" else client.post(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
