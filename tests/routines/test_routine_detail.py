"""The routine page, its printed sheet, archiving and deleting."""

import pytest
from django.urls import reverse

from journal.models import Entry
from points.models import Mark
from routines.models import MAX_STEPS, Routine
from routines.step_markers import (
    DISC_RADIUS,
    SMALLEST_DISC_RADIUS,
    disc_radius,
    routine_diagrams,
)
from tests.factories import (
    EntryFactory,
    MarkFactory,
    PointFactory,
    RoutineFactory,
    StarterRoutineFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine(user) -> Routine:
    routine = RoutineFactory(owner=user, name="Back and knee", schedule="weekly", weekdays="14")
    back = [("BL23", 90, 178), ("BL52", 80, 178)]
    for position, (code, x, y) in enumerate(back):
        point = PointFactory(code=code, name=f"{code} name")
        MarkFactory(point=point, view=Mark.View.BACK, x=x, y=y)
        MarkFactory(point=point, view=Mark.View.BACK, x=200 - x, y=y)
        StepFactory(routine=routine, point=point, position=position, hold_seconds=60)
    knee = PointFactory(code="BL40", name="Middle of the Crook")
    MarkFactory(point=knee, view=Mark.View.LEG_BACK, x=70, y=160)
    MarkFactory(point=knee, view=Mark.View.BACK, x=85, y=330, primary=False)
    StepFactory(routine=routine, point=knee, position=2, hold_seconds=30, note="Gently")
    return routine


def url(name: str, routine: Routine) -> str:
    return reverse(f"routines:{name}", args=[routine.pk])


def test_the_page_shows_schedule_steps_and_total(user_client, routine):
    response = user_client.get(url("detail", routine))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tuesday and Friday at 08:00 · 3 points · 5 min" in html
    assert html.index("BL23") < html.index("BL52") < html.index("BL40")
    assert "30 s each side, left then right" in html
    assert "Gently" in html


def test_the_page_links_to_start_edit_print_and_card(user_client, routine):
    html = user_client.get(url("detail", routine)).content.decode()

    assert f'href="{reverse("practice:start", args=[routine.pk])}"' in html
    assert "Start session" in html
    for name in ("edit", "print", "card", "delete"):
        assert f'href="{url(name, routine)}"' in html
    # Archiving asks first: a link to the confirmation, not a one-click form.
    assert (
        f'<a class="button button-secondary" href="{url("archive", routine)}">Archive…</a>' in html
    )
    assert f'action="{url("archive", routine)}"' not in html


def test_an_empty_routine_offers_no_session(user_client, user):
    routine = RoutineFactory(owner=user)

    html = user_client.get(url("detail", routine)).content.decode()

    assert "Start session" not in html


def test_points_are_grouped_on_one_diagram_per_view_and_numbered(user_client, routine):
    response = user_client.get(url("detail", routine))

    diagrams = response.context["diagrams"]
    assert [d.view for d in diagrams] == ["back", "leg-back"]
    back, leg = diagrams
    assert back.numbers == [1, 2]
    assert sorted(spot.text for spot in back.spots) == ["1", "1", "2", "2"]
    assert leg.numbers == [3]
    html = response.content.decode()
    assert html.count('class="diagram diagram-back routine-diagram"') == 1
    assert '<text x="70" y="160" text-anchor="middle"' in html
    assert "Back: points 1, 2" in html
    assert "Back of the leg: point 3" in html


def test_a_point_pressed_twice_carries_both_numbers():
    routine = RoutineFactory()
    point = PointFactory(code="BL23")
    MarkFactory(point=point, view=Mark.View.BACK, x=90, y=178)
    StepFactory(routine=routine, point=point, position=0)
    StepFactory(routine=routine, point=PointFactory(code="GB30"), position=1)
    StepFactory(routine=routine, point=point, position=2)

    (diagram,) = routine_diagrams(list(routine.steps.all()))

    assert [spot.text for spot in diagram.spots] == ["1,3"]
    assert "Points 1,3: BL23" in diagram.markers()[0].label


def test_numbers_of_points_close_together_get_smaller_discs_that_do_not_overlap(routine):
    back, leg = routine_diagrams(list(routine.steps.all()))

    # BL23 and BL52 are 10 units apart on the back; BL40 is alone on the back of the leg.
    radii = [disc_radius(spot, back.spots) for spot in back.spots]
    assert all(2 * radius < 10 for radius in radii)
    assert min(radii) >= SMALLEST_DISC_RADIUS
    assert disc_radius(leg.spots[0], leg.spots) == DISC_RADIUS
    svg = back.svg()
    assert f'r="{DISC_RADIUS:g}"' not in svg
    assert 'r="4.75"' in svg


def test_query_count_is_the_same_for_1_and_30_steps(user_client, user, django_assert_num_queries):
    routine = RoutineFactory(owner=user)
    source_routine = StarterRoutineFactory()
    routine.copied_from = source_routine
    routine.source = source_routine.source
    routine.save()

    def add_step():
        point = PointFactory()
        MarkFactory(point=point, view=Mark.View.BACK)
        MarkFactory(point=point, view=Mark.View.LEG_BACK, primary=False)
        StepFactory(routine=routine, point=point)

    add_step()
    user_client.get(url("detail", routine))
    # session, user, routine, steps+points, marks, the reminder line
    with django_assert_num_queries(6) as one:
        user_client.get(url("detail", routine))
    for _ in range(MAX_STEPS - 1):
        add_step()
    with django_assert_num_queries(len(one.captured_queries)):
        response = user_client.get(url("detail", routine))
    assert len(response.context["steps"]) == MAX_STEPS


def test_a_pregnant_user_is_warned_about_points_avoided_in_pregnancy(user_client, user, routine):
    user.pregnant = True
    user.save()
    StepFactory(routine=routine, point=PointFactory(code="LI4", avoid_in_pregnancy=True))

    html = user_client.get(url("detail", routine)).content.decode()

    assert "<strong>Traditionally avoided in pregnancy: LI4.</strong>" in html
    assert '<p class="step-warning"><strong>Traditionally avoided in pregnancy: LI4.' in html


def test_the_print_view_has_the_table_and_diagrams_without_links(user_client, routine):
    response = user_client.get(url("print", routine))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="print-sheet"' in html
    assert '<table class="sheet-table">' in html
    assert html.count("<tr>") == 4  # heading and three steps
    assert "Middle of the Crook" in html
    assert 'class="diagram diagram-back routine-diagram" role="img"' in html
    assert "diagram-link" not in html
    assert "js/print-button.js" in html


def test_archive_asks_first_and_changes_nothing(user_client, routine):
    response = user_client.get(url("archive", routine))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Archive “Back and knee”?" in html
    assert "It leaves your Today page and your calendar reminders." in html
    assert "past sessions and journal entries are kept" in html
    assert "make it active again" in html
    assert f'action="{url("archive", routine)}"' in html
    assert '<input type="hidden" name="archived" value="1">' in html
    assert f'href="{url("detail", routine)}">Keep it active</a>' in html
    routine.refresh_from_db()
    assert not routine.archived


def test_confirming_archives_the_routine(user_client, routine):
    response = user_client.post(url("archive", routine), {"archived": "1"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(url("detail", routine), 302)]
    assert "Archived “Back and knee”. It no longer appears on Today or in your calendar." in html
    assert "Make active again" in html
    routine.refresh_from_db()
    assert routine.archived


def test_making_active_again_is_one_click_from_the_routine_page(user_client, routine):
    routine.archived = True
    routine.save()
    html = user_client.get(url("detail", routine)).content.decode()
    assert f'action="{url("archive", routine)}"' in html
    assert '<input type="hidden" name="archived" value="0">' in html

    response = user_client.post(url("archive", routine), {"archived": "0"}, follow=True)

    assert "“Back and knee” is active again." in response.content.decode()
    routine.refresh_from_db()
    assert not routine.archived


def test_the_confirmation_page_of_an_archived_routine_offers_to_make_it_active(
    user_client, routine
):
    routine.archived = True
    routine.save()

    html = user_client.get(url("archive", routine)).content.decode()

    assert "“Back and knee” is archived" in html
    assert '<input type="hidden" name="archived" value="0">' in html


@pytest.mark.parametrize("data", [{}, {"archived": "yes"}, {"archived": "on"}])
def test_an_archive_post_that_does_not_say_which_way_changes_nothing(user_client, routine, data):
    response = user_client.post(url("archive", routine), data)

    assert response.status_code == 400
    assert "Say whether to archive the routine or make it active again." in (
        response.content.decode()
    )
    routine.refresh_from_db()
    assert not routine.archived


def test_delete_asks_first(user_client, routine):
    response = user_client.get(url("delete", routine))

    assert response.status_code == 200
    assert "Delete “Back and knee”?" in response.content.decode()
    assert Routine.objects.filter(pk=routine.pk).exists()


def test_deleting_keeps_the_journal(user_client, user, routine):
    entry = EntryFactory(user=user, routine=routine, routine_name=routine.name)

    response = user_client.post(url("delete", routine))

    assert response.status_code == 302
    assert response["Location"] == reverse("routines:list")
    assert not Routine.objects.filter(pk=routine.pk).exists()
    entry.refresh_from_db()
    assert entry.routine is None
    assert Entry.objects.filter(pk=entry.pk).exists()
