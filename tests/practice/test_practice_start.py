"""Starting a session: the pain score before, and an unfinished session of the same routine."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practice import sessions
from practice.models import Practice
from tests.factories import PointFactory, RoutineFactory, StepFactory


@pytest.fixture
def routine(user):
    routine = RoutineFactory(owner=user, name="Evening hips")
    StepFactory(routine=routine, hold_seconds=30)
    StepFactory(routine=routine, hold_seconds=45, side="left")
    return routine


def start_url(routine) -> str:
    return reverse("practice:start", args=[routine.pk])


def test_asks_how_much_it_hurts(user_client, routine):
    response = user_client.get(start_url(routine))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend>How much does it hurt right now?</legend>" in html
    for n in range(11):
        assert f'value="{n}" id="id_pain_{n}"' in html
    assert "No pain" in html and "Worst imaginable" in html
    assert 'value="skip"' in html
    assert "Evening hips" in html


def test_start_with_a_score_creates_the_session_and_opens_the_player(user_client, user, routine):
    response = user_client.post(start_url(routine), {"pain": "7"})
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("practice:player", args=[practice.pk])
    assert practice.owner == user
    assert practice.routine == routine
    assert practice.pain_before == 7
    assert practice.state == Practice.State.RUNNING
    # Two steps, the first on both sides, each after a 5 s lead-in.
    assert [p["kind"] for p in practice.phases] == ["ready", "press", "press", "ready", "press"]


@pytest.mark.parametrize("data", [{"pain": "skip"}, {}])
def test_skip_starts_without_a_score(user_client, routine, data):
    response = user_client.post(start_url(routine), data)
    assert response.status_code == 302
    assert Practice.objects.get().pain_before is None


@pytest.mark.parametrize("bad", ["11", "-1", "2.5", "abc", "10 "])
def test_bad_scores_are_refused_and_nothing_is_saved(user_client, routine, bad):
    response = user_client.post(start_url(routine), {"pain": bad})
    assert response.status_code == 400
    assert "Choose a whole number from 0 (no pain) to 10" in response.content.decode()
    assert not Practice.objects.exists()


def test_zero_is_a_score_not_a_skip(user_client, routine):
    user_client.post(start_url(routine), {"pain": "0"})
    assert Practice.objects.get().pain_before == 0


def test_a_routine_without_points_cannot_start(user_client, user):
    empty = RoutineFactory(owner=user)
    html = user_client.get(start_url(empty)).content.decode()
    assert "This routine has no points yet" in html
    assert "Start the session" not in html
    response = user_client.post(start_url(empty), {"pain": "3"})
    assert response.status_code == 302
    assert not Practice.objects.exists()


def test_offers_to_resume_or_discard_an_unfinished_session(user_client, user, routine):
    unfinished = sessions.start_practice(user, routine, 4, timezone.now())
    html = user_client.get(start_url(routine)).content.decode()
    assert "You have an unfinished session of this routine" in html
    assert reverse("practice:player", args=[unfinished.pk]) in html
    assert reverse("practice:discard", args=[unfinished.pk]) in html


def test_discarding_from_the_start_page_comes_back_to_it(user_client, user, routine):
    unfinished = sessions.start_practice(user, routine, 4, timezone.now())
    response = user_client.post(
        reverse("practice:discard", args=[unfinished.pk]), {"next": start_url(routine)}
    )
    assert response.status_code == 302
    assert response.url == start_url(routine)
    assert not Practice.objects.exists()


def test_discard_ignores_a_next_address_elsewhere(user_client, user, routine):
    unfinished = sessions.start_practice(user, routine, 4, timezone.now())
    response = user_client.post(
        reverse("practice:discard", args=[unfinished.pk]), {"next": "https://example.com/"}
    )
    assert response.url == reverse("practice:list")


def test_starting_afresh_replaces_the_unfinished_session(user_client, user, routine):
    old = sessions.start_practice(user, routine, 4, timezone.now())
    other_routine = RoutineFactory(owner=user)
    StepFactory(routine=other_routine)
    other = sessions.start_practice(user, other_routine, 4, timezone.now())

    user_client.post(start_url(routine), {"pain": "2"})

    assert not Practice.objects.filter(pk=old.pk).exists()
    assert Practice.objects.filter(pk=other.pk).exists()
    assert Practice.objects.filter(routine=routine).get().pain_before == 2


def test_an_abandoned_session_is_offered_back(user_client, user, routine):
    old = sessions.start_practice(user, routine, 4, timezone.now())
    Practice.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=3)
    )
    html = user_client.get(start_url(routine)).content.decode()
    old.refresh_from_db()
    assert old.state == Practice.State.ABANDONED
    assert "left for more than a day" in html
    assert reverse("practice:reopen", args=[old.pk]) in html


def test_needs_login(client, routine):
    response = client.get(start_url(routine))
    assert response.status_code == 302
    assert reverse("login") in response.url


# Pregnancy ----------------------------------------------------------------------------------


@pytest.fixture
def with_hand_and_ankle(routine):
    for position, code in enumerate(("SP6", "LI4"), start=2):
        point = PointFactory(code=code, avoid_in_pregnancy=True)
        StepFactory(routine=routine, point=point, position=position)
    return routine


def test_a_pregnant_user_is_warned_before_starting(user_client, user, with_hand_and_ankle):
    user.pregnant = True
    user.save()

    html = user_client.get(start_url(with_hand_and_ankle)).content.decode()

    assert "<strong>Traditionally avoided in pregnancy: SP6, LI4.</strong>" in html
    assert "leave them out unless your midwife or doctor" in html
    edit = reverse("routines:edit", args=[with_hand_and_ankle.pk])
    assert f'<a href="{edit}">remove them from the routine</a>' in html
    # Before the form that starts the session.
    assert html.index("pregnancy: SP6, LI4") < html.index('class="pain-form"')


def test_the_warning_comes_back_with_a_refused_score(user_client, user, with_hand_and_ankle):
    user.pregnant = True
    user.save()

    response = user_client.post(start_url(with_hand_and_ankle), {"pain": "11"})

    assert response.status_code == 400
    assert "pregnancy: SP6, LI4" in response.content.decode()


def test_no_warning_without_points_avoided_in_pregnancy(user_client, user, routine):
    user.pregnant = True
    user.save()

    html = user_client.get(start_url(routine)).content.decode()

    assert "practice-pregnancy" not in html
    assert "Contains" not in html


def test_no_warning_for_someone_not_pregnant(user_client, with_hand_and_ankle):
    html = user_client.get(start_url(with_hand_and_ankle)).content.decode()

    assert "practice-pregnancy" not in html
    assert "Contains" not in html
