import pytest
from django.urls import reverse

from practice.models import Practice
from tests.factories import PointFactory, PracticeFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

URL = reverse("routines:list")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_empty_list_points_to_the_starters_and_the_builder(user_client):
    html = user_client.get(URL).content.decode()

    assert "No routines yet" in html
    assert f'href="{reverse("routines:starters")}"' in html
    assert f'href="{reverse("routines:new")}"' in html


def test_each_routine_shows_schedule_points_total_and_links(user_client, user):
    routine = RoutineFactory(owner=user, name="Evening back", schedule="weekly", weekdays="024")
    StepFactory(routine=routine, hold_seconds=60, side="both")  # 2 min
    StepFactory(routine=routine, hold_seconds=30, side="left", repetitions=3)  # 1 min 30 s

    html = user_client.get(URL).content.decode()

    assert "Evening back" in html
    assert "Monday, Wednesday and Friday at 08:00" in html
    assert "2 points · 3 min 30 s" in html
    assert f'href="{reverse("routines:detail", args=[routine.pk])}"' in html
    assert f'href="{reverse("routines:edit", args=[routine.pk])}"' in html
    assert f'href="{reverse("practice:start", args=[routine.pk])}"' in html


def test_archived_routines_sit_in_a_collapsed_section_after_the_active_ones(user_client, user):
    RoutineFactory(owner=user, name="Old routine", archived=True)
    RoutineFactory(owner=user, name="Current routine")

    html = user_client.get(URL).content.decode()

    assert html.index("Current routine") < html.index("<details") < html.index("Old routine")
    assert "Archived (1)" in html
    assert "<details open" not in html


def test_only_archived_routines_still_offer_the_empty_state(user_client, user):
    RoutineFactory(owner=user, name="Old routine", archived=True)

    html = user_client.get(URL).content.decode()

    assert "No active routines yet" in html
    assert "Old routine" in html


def test_other_peoples_routines_are_not_listed(user_client, other_user):
    RoutineFactory(owner=other_user, name="Someone else's")
    RoutineFactory(owner=None, slug="starter", name="A starter")

    html = user_client.get(URL).content.decode()

    assert "Someone else" not in html
    assert "A starter" not in html


def test_query_count_does_not_grow_with_routines(user_client, user, django_assert_num_queries):
    point = PointFactory()
    RoutineFactory(owner=user)
    user_client.get(URL)  # warm up the session
    with django_assert_num_queries(3) as captured:  # session, user, routines with totals
        user_client.get(URL)
    for _ in range(10):
        routine = RoutineFactory(owner=user)
        StepFactory.create_batch(3, routine=routine, point=point)
    with django_assert_num_queries(len(captured.captured_queries)):
        response = user_client.get(URL)
    assert len(response.context["active"]) == 11


def test_a_routine_with_an_unfinished_session_links_to_the_unfinished_sessions(
    user_client, user, other_user
):
    paused = RoutineFactory(owner=user, name="Paused one")
    done = RoutineFactory(owner=user, name="Done one")
    PracticeFactory(owner=user, routine=paused, state=Practice.State.PAUSED)
    PracticeFactory(owner=user, routine=done, state=Practice.State.FINISHED)
    PracticeFactory(owner=other_user, routine=done, state=Practice.State.RUNNING)

    response = user_client.get(URL)

    html = response.content.decode()
    list_url = reverse("practice:list")
    assert f'<a class="button button-secondary" href="{list_url}">Unfinished sessions</a>' in html
    assert [r.name for r in response.context["active"] if r.has_unfinished] == ["Paused one"]
    assert html.count(f'<a href="{list_url}">A session is unfinished') == 1


def test_no_link_to_unfinished_sessions_when_there_are_none(user_client, user):
    routine = RoutineFactory(owner=user)
    PracticeFactory(owner=user, routine=routine, state=Practice.State.FINISHED)

    html = user_client.get(URL).content.decode()
    assert f'href="{reverse("practice:list")}"' not in html
