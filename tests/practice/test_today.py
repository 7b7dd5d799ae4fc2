import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from practice.models import Practice
from routines.models import Routine
from tests.factories import (
    PointFactory,
    PracticeFactory,
    RoutineFactory,
    StepFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Wednesday 19 November 2025, 10:00 UTC; its week runs from Monday 17 to Sunday 23.
NOW = datetime.datetime(2025, 11, 19, 10, 0, tzinfo=UTC)
LAST_WEEK = datetime.datetime(2025, 11, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def frozen(monkeypatch):
    """Pin the clock; returns a setter to move it."""

    def set_now(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_now(NOW)
    return set_now


def make_routine(owner, *, created=LAST_WEEK, steps=1, **kwargs) -> Routine:
    routine = RoutineFactory(owner=owner, **kwargs)
    for _ in range(steps):
        StepFactory(routine=routine, hold_seconds=30, repetitions=1)
    Routine.objects.filter(pk=routine.pk).update(created=created)
    return routine


def finished(routine, ended: datetime.datetime) -> Practice:
    return PracticeFactory(
        owner=routine.owner,
        routine=routine,
        state=Practice.State.FINISHED,
        started_at=ended - datetime.timedelta(minutes=10),
        ended_at=ended,
    )


def test_anonymous_is_sent_to_log_in(client):
    response = client.get("/today/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/today/"


def test_new_user_sees_the_empty_state(user_client, user, frozen):
    response = user_client.get(reverse("today"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your first routine" in html
    assert f'href="{reverse("routines:starters")}"' in html
    assert f'href="{reverse("routines:new")}"' in html
    assert "Build your own" in html
    assert "Due today" not in html


def test_greets_and_shows_the_date(user_client, user, frozen):
    html = user_client.get(reverse("today")).content.decode()
    assert f"Good morning, {user.username}" in html
    assert "Wednesday 19 November" in html


def test_due_routine_shows_points_time_and_start(user_client, user, frozen):
    routine = make_routine(user, name="Lower back", steps=2)  # 2 × 30 s × both sides
    response = user_client.get(reverse("today"))
    html = response.content.decode()
    assert response.context["due"][0].routine == routine
    assert "Lower back" in html
    assert "2 points · 2 min · every day" in html
    assert f'href="{reverse("practice:start", args=[routine.pk])}"' in html
    assert "Done today" not in html


def test_weekly_routines_due_and_not_due(user_client, user, frozen):
    mwf = make_routine(user, name="Mon Wed Fri", schedule="weekly", weekdays="024")
    tue_thu = make_routine(user, name="Tue Thu", schedule="weekly", weekdays="13")
    saturday = make_routine(user, name="Saturday", schedule="weekly", weekdays="5")
    response = user_client.get(reverse("today"))
    assert [week.routine for week in response.context["due"]] == [mwf]
    assert [week.routine for week in response.context["not_due"]] == [tue_thu, saturday]
    html = response.content.decode()
    assert "Mon, Wed and Fri" in html
    assert "Next: tomorrow" in html
    assert "Next: Saturday" in html
    assert "Coming up" in html


def test_rest_day_message_when_nothing_is_due(user_client, user, frozen):
    make_routine(user, schedule="weekly", weekdays="13")
    html = user_client.get(reverse("today")).content.decode()
    assert "Nothing is due today" in html


def test_done_this_week_counts_one_per_day(user_client, user, frozen):
    routine = make_routine(user, schedule="weekly", weekdays="024")
    finished(routine, datetime.datetime(2025, 11, 17, 8, 0, tzinfo=UTC))  # Monday
    finished(routine, datetime.datetime(2025, 11, 17, 20, 0, tzinfo=UTC))  # Monday again
    finished(routine, datetime.datetime(2025, 11, 19, 8, 0, tzinfo=UTC))  # today
    finished(routine, datetime.datetime(2025, 11, 14, 8, 0, tzinfo=UTC))  # last week
    PracticeFactory(owner=user, routine=routine, state=Practice.State.ABANDONED)
    response = user_client.get(reverse("today"))
    week = response.context["due"][0]
    assert (week.done, week.planned, week.done_today) == (2, 3, True)
    html = response.content.decode()
    assert "2 of 3 this week" in html
    assert f'<progress id="week-{routine.pk}" max="3" value="2">' in html
    assert "Done today" in html
    assert "Do it again" in html


def test_extra_sessions_do_not_overflow_the_plan(user_client, user, frozen):
    routine = make_routine(user, schedule="weekly", weekdays="0")
    for day in (17, 18, 19):
        finished(routine, datetime.datetime(2025, 11, day, 8, 0, tzinfo=UTC))
    html = user_client.get(reverse("today")).content.decode()
    assert "1 of 1 this week" in html


def test_routine_made_mid_week_is_planned_from_that_day(user_client, user, frozen):
    make_routine(user, created=NOW - datetime.timedelta(hours=1))
    html = user_client.get(reverse("today")).content.decode()
    assert "0 of 5 this week" in html  # Wednesday to Sunday


def test_counts_in_the_users_time_zone(client, frozen):
    user = UserFactory(timezone="Asia/Tokyo")
    client.force_login(user)
    # 23:30 UTC on Tuesday is 08:30 on Wednesday in Tokyo.
    frozen(datetime.datetime(2025, 11, 18, 23, 30, tzinfo=UTC))
    routine = make_routine(user, schedule="weekly", weekdays="024")
    finished(routine, datetime.datetime(2025, 11, 18, 23, 15, tzinfo=UTC))
    response = client.get(reverse("today"))
    assert response.context["today"] == datetime.date(2025, 11, 19)
    week = response.context["due"][0]
    assert week.done_today is True
    assert week.done == 1
    assert "Wednesday 19 November" in response.content.decode()


def test_same_session_in_utc_counts_on_tuesday(client, frozen):
    user = UserFactory(timezone="UTC")
    client.force_login(user)
    frozen(datetime.datetime(2025, 11, 18, 23, 30, tzinfo=UTC))
    routine = make_routine(user, schedule="weekly", weekdays="024")
    finished(routine, datetime.datetime(2025, 11, 18, 23, 15, tzinfo=UTC))
    response = client.get(reverse("today"))
    assert response.context["due"] == []  # Tuesday: not a Mon/Wed/Fri
    week = response.context["not_due"][0]
    assert (week.done, week.done_today, week.next_due) == (1, True, datetime.date(2025, 11, 19))


def test_archived_and_other_peoples_routines_are_hidden(user_client, user, other_user, frozen):
    make_routine(user, name="Kept")
    make_routine(user, name="Put away", archived=True)
    make_routine(other_user, name="Not mine")
    html = user_client.get(reverse("today")).content.decode()
    assert "Kept" in html
    assert "Put away" not in html
    assert "Not mine" not in html


def test_routine_without_steps_asks_for_points(user_client, user, frozen):
    routine = make_routine(user, steps=0)
    html = user_client.get(reverse("today")).content.decode()
    assert "Add points to start" in html
    assert reverse("practice:start", args=[routine.pk]) not in html


def test_unfinished_session_can_be_resumed(user_client, user, other_user, frozen):
    routine = make_routine(user, name="Evening")
    practice = PracticeFactory(
        owner=user, routine=routine, state=Practice.State.PAUSED, started_at=NOW
    )
    PracticeFactory(owner=other_user, state=Practice.State.RUNNING, started_at=NOW)
    response = user_client.get(reverse("today"))
    assert response.context["unfinished"] == practice
    html = response.content.decode()
    assert "You have a session under way" in html
    assert f'href="{reverse("practice:player", args=[practice.pk])}"' in html


def test_stale_session_is_not_offered(user_client, user, frozen):
    practice = PracticeFactory(owner=user, state=Practice.State.RUNNING, started_at=LAST_WEEK)
    Practice.objects.filter(pk=practice.pk).update(updated_at=LAST_WEEK)
    response = user_client.get(reverse("today"))
    assert response.context["unfinished"] is None
    assert "session under way" not in response.content.decode()


def test_unfinished_sessions_are_linked_only_when_there_are_some(user_client, user, frozen):
    routine = make_routine(user)
    finished(routine, NOW - datetime.timedelta(hours=1))
    list_url = reverse("practice:list")

    assert f'href="{list_url}"' not in user_client.get(reverse("today")).content.decode()

    stale = PracticeFactory(owner=user, routine=routine, state=Practice.State.RUNNING)
    Practice.objects.filter(pk=stale.pk).update(updated_at=LAST_WEEK)
    PracticeFactory(owner=user, state=Practice.State.ABANDONED)

    html = user_client.get(reverse("today")).content.decode()
    assert "session under way" not in html
    assert f'href="{list_url}">Unfinished sessions (2)</a>' in html


def test_the_session_under_way_links_to_the_others_too(user_client, user, frozen):
    PracticeFactory(owner=user, state=Practice.State.PAUSED, started_at=NOW)
    PracticeFactory(owner=user, state=Practice.State.ABANDONED)

    html = user_client.get(reverse("today")).content.decode()

    assert "You have a session under way" in html
    assert f'href="{reverse("practice:list")}">Unfinished sessions (2)</a>' in html


def test_queries_do_not_grow_with_routines(client, frozen):
    def count_queries(routines: int) -> int:
        user = UserFactory()
        client.force_login(user)
        for n in range(routines):
            routine = make_routine(user, steps=3, schedule="weekly", weekdays=str(n % 7))
            finished(routine, NOW - datetime.timedelta(hours=2))
        PracticeFactory(owner=user, state=Practice.State.RUNNING, started_at=NOW)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("today")).status_code == 200
        return len(queries)

    assert count_queries(1) == count_queries(6)


def test_query_count(user_client, user, frozen, django_assert_num_queries):
    for _ in range(3):
        finished(make_routine(user, steps=2), NOW - datetime.timedelta(hours=1))
    # session, user, routines, steps with points, week's sessions, unfinished session
    with django_assert_num_queries(6):
        user_client.get(reverse("today"))


# Pregnancy ----------------------------------------------------------------------------------


def routine_with_points(owner, name: str, codes: list[str]) -> Routine:
    """A routine of the given points; LI4 and SP6 are the ones avoided in pregnancy."""
    routine = make_routine(owner, steps=0, name=name)
    for position, code in enumerate(codes):
        point = PointFactory(code=code, avoid_in_pregnancy=code in {"LI4", "SP6"})
        StepFactory(routine=routine, point=point, position=position)
    return routine


WARNING = "Traditionally avoided in pregnancy"


def test_a_pregnant_user_is_warned_on_each_routine_with_points_avoided_in_pregnancy(
    user_client, user, frozen
):
    user.pregnant = True
    user.save()
    routine_with_points(user, "Hands and legs", ["SP6", "BL23", "LI4", "SP6"])
    routine_with_points(user, "Back only", ["BL23", "BL40"])

    html = user_client.get(reverse("today")).content.decode()

    cards = {card.split("</h3>")[0]: card for card in html.split('<article class="card')[1:]}
    [hands] = [card for head, card in cards.items() if "Hands and legs" in head]
    [back] = [card for head, card in cards.items() if "Back only" in head]
    # Each point once, in the order pressed.
    assert "<strong>Traditionally avoided in pregnancy: SP6, LI4.</strong>" in hands
    assert "leave them out unless your midwife or doctor" in hands
    assert WARNING not in back


def test_one_avoided_point_is_named_alone(user_client, user, frozen):
    user.pregnant = True
    user.save()
    routine_with_points(user, "Hands", ["LI4", "BL23"])

    html = user_client.get(reverse("today")).content.decode()

    assert "<strong>Traditionally avoided in pregnancy: LI4.</strong>" in html
    assert "leave it out unless" in html


def test_no_pregnancy_warning_for_someone_not_pregnant(user_client, user, frozen):
    routine_with_points(user, "Hands", ["LI4", "SP6"])

    html = user_client.get(reverse("today")).content.decode()

    assert WARNING not in html


def test_pregnancy_warnings_cost_no_queries(client, frozen, django_assert_num_queries):
    def pregnant_user_with(routines: int) -> UserFactory:
        user = UserFactory(pregnant=True)
        for n in range(routines):
            routine_with_points(user, f"Routine {n}", ["LI4", "BL23", "SP6"])
        return user

    for routines in (1, 5):
        client.force_login(pregnant_user_with(routines))
        # session, user, routines, steps with points, week's sessions, unfinished sessions
        with django_assert_num_queries(6):
            html = client.get(reverse("today")).content.decode()
        assert (
            html.count("<strong>Traditionally avoided in pregnancy: LI4, SP6.</strong>") == routines
        )


def test_today_is_home_for_signed_in_users(user_client):
    response = user_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("today")


def test_zone_of_user_is_used_for_date_display(client, frozen):
    user = UserFactory(timezone="America/Los_Angeles")
    client.force_login(user)
    frozen(datetime.datetime(2025, 11, 19, 3, 0, tzinfo=UTC))  # 19:00 on Tuesday in LA
    response = client.get(reverse("today"))
    assert response.context["today"] == datetime.date(2025, 11, 18)
    assert response.context["now"].tzinfo == zoneinfo.ZoneInfo("America/Los_Angeles")
    assert "Good evening" in response.content.decode()
