"""The list of unfinished sessions: resume, discard, and old ones set aside."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practice import sessions
from practice.models import Practice
from tests.factories import RoutineFactory, StepFactory


@pytest.fixture
def make_practice(user):
    def make(name: str, **changes) -> Practice:
        routine = RoutineFactory(owner=user, name=name)
        StepFactory(routine=routine, hold_seconds=20)
        practice = sessions.start_practice(user, routine, 4, timezone.now())
        if changes:
            Practice.objects.filter(pk=practice.pk).update(**changes)
            practice.refresh_from_db()
        return practice

    return make


def test_lists_unfinished_sessions_with_resume_and_discard(user_client, make_practice):
    running = make_practice("Morning back")
    paused = make_practice("Evening hips", state=Practice.State.PAUSED, remaining_ms=4000)
    make_practice("Done already", state=Practice.State.FINISHED)

    response = user_client.get(reverse("practice:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Morning back" in html and "Evening hips" in html
    assert "Done already" not in html
    assert reverse("practice:player", args=[running.pk]) in html
    assert reverse("practice:discard", args=[paused.pk]) in html
    assert "Paused" in html


def test_sessions_older_than_a_day_are_set_aside_and_can_be_resumed(user_client, make_practice):
    old = make_practice("Last week", updated_at=timezone.now() - datetime.timedelta(days=2))

    html = user_client.get(reverse("practice:list")).content.decode()

    old.refresh_from_db()
    assert old.state == Practice.State.ABANDONED
    assert "Left unfinished" in html
    assert reverse("practice:reopen", args=[old.pk]) in html

    response = user_client.post(reverse("practice:reopen", args=[old.pk]))
    assert response.url == reverse("practice:player", args=[old.pk])
    old.refresh_from_db()
    assert old.state == Practice.State.PAUSED


def test_discard_deletes_the_session(user_client, make_practice):
    practice = make_practice("Morning back")
    response = user_client.post(reverse("practice:discard", args=[practice.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("practice:list")
    assert not Practice.objects.filter(pk=practice.pk).exists()
    assert "Discarded" in response.content.decode()


def test_a_finished_session_is_not_discarded(user_client, make_practice):
    practice = make_practice("Morning back", state=Practice.State.FINISHED)
    user_client.post(reverse("practice:discard", args=[practice.pk]))
    assert Practice.objects.filter(pk=practice.pk).exists()


def test_empty_list(user_client):
    html = user_client.get(reverse("practice:list")).content.decode()
    assert "No unfinished sessions" in html


def test_list_queries_do_not_grow_with_sessions(
    user_client, make_practice, django_assert_num_queries
):
    for n in range(5):
        make_practice(f"Routine {n}")
    # session, user, abandon update, list
    with django_assert_num_queries(4):
        user_client.get(reverse("practice:list"))


def test_the_routine_list_counts_as_unfinished_every_state_but_finished():
    # routines cannot import the practice app, so its list names the states itself.
    from routines.views import UNFINISHED_STATES

    assert set(UNFINISHED_STATES) == set(Practice.State) - {Practice.State.FINISHED}
