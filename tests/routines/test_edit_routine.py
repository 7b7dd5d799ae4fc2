"""The builder page and its step actions, with htmx and without JavaScript."""

import datetime
import re

import pytest
from django.urls import reverse

from points.models import Point
from routines.models import MAX_STEPS, Routine, Step
from tests.factories import PointFactory, RoutineFactory, StepFactory
from tests.support.html import element

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def routine(user) -> Routine:
    return RoutineFactory(owner=user, name="Back routine")


@pytest.fixture
def three_steps(routine) -> list[Step]:
    return [
        StepFactory(routine=routine, position=i, point=PointFactory(code=code), hold_seconds=hold)
        for i, (code, hold) in enumerate((("BL23", 60), ("BL40", 30), ("BL60", 45)))
    ]


def edit_url(routine) -> str:
    return reverse("routines:edit", args=[routine.pk])


def step_url(name: str, step: Step) -> str:
    return reverse(f"routines:{name}", args=[step.routine_id, step.pk])


def step_data(step: Step, **values) -> dict:
    data = {"side": step.side, "hold_seconds": step.hold_seconds, "repetitions": step.repetitions}
    data.update(values)
    return {f"step-{step.pk}-{name}": value for name, value in data.items()}


def codes(routine) -> list[str]:
    return [s.point.code for s in routine.steps.order_by("position")]


# The page -----------------------------------------------------------------------------------


def test_the_builder_lists_the_steps_in_order_with_the_total(user_client, routine, three_steps):
    response = user_client.get(edit_url(routine))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("BL23") < html.index("BL40") < html.index("BL60")
    # (60 + 30 + 45) seconds, both sides each
    assert 'Total: <span id="total-time">4 min 30 s</span>' in html
    assert "3 of 30 points" in html


def test_move_buttons_are_disabled_at_the_ends(user_client, routine, three_steps):
    html = user_client.get(edit_url(routine)).content.decode()

    first, _, last = three_steps
    assert f'id="step-{first.pk}-up" class="button-secondary button-small" disabled' in html
    assert f'id="step-{last.pk}-down" class="button-secondary button-small" disabled' in html
    assert f'id="step-{first.pk}-down" class="button-secondary button-small">' in html


def test_every_step_form_works_without_javascript(user_client, routine, three_steps):
    html = user_client.get(edit_url(routine)).content.decode()

    step = three_steps[0]
    for name in ("update_step", "move_step", "remove_step"):
        url = step_url(name, step)
        assert f'method="post" novalidate action="{url}"' in html or (
            f'method="post" action="{url}"' in html
        )
        assert f'hx-post="{url}"' in html
    assert 'hx-trigger="change"' in html


def test_the_edit_page_query_count_does_not_grow_with_steps(
    user_client, routine, django_assert_max_num_queries
):
    StepFactory(routine=routine)
    with django_assert_max_num_queries(12) as one:
        user_client.get(edit_url(routine))
    for _ in range(MAX_STEPS - 1):
        StepFactory(routine=routine)
    with django_assert_max_num_queries(len(one.captured_queries)):
        user_client.get(edit_url(routine))


# Search -------------------------------------------------------------------------------------


def test_searching_with_htmx_returns_only_the_results(user_client, routine):
    PointFactory(code="BL40", name="Middle of the Crook")
    PointFactory(code="GB30", name="Jumping Round")

    response = user_client.get(edit_url(routine), {"q": "crook"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="search-results"')
    assert "Middle of the Crook" in html
    assert "Jumping Round" not in html
    assert "<html" not in html
    assert f'action="{reverse("routines:add_step", args=[routine.pk])}"' in html


def test_searching_without_javascript_shows_the_whole_page_with_results(user_client, routine):
    PointFactory(code="BL40", name="Middle of the Crook")

    response = user_client.get(edit_url(routine), {"q": "BL40"})

    html = response.content.decode()
    assert "<html" in html
    assert "Middle of the Crook" in html


def test_a_search_with_no_match_says_so(user_client, routine):
    response = user_client.get(edit_url(routine), {"q": "elbow"}, **HTMX)

    assert "No point matches “elbow”" in response.content.decode()


# Adding -------------------------------------------------------------------------------------


def test_adding_with_htmx_returns_the_steps_partial(user_client, routine):
    point = PointFactory(code="BL23", name="Kidney Shu", hold_seconds=120)

    response = user_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": point.pk}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="steps"')
    assert "Kidney Shu" in html
    assert 'Total: <span id="total-time">4 min</span>' in html
    assert '<p class="visually-hidden" role="status">Added BL23 Kidney Shu.</p>' in html
    step = routine.steps.get()
    assert (step.point, step.side, step.hold_seconds, step.repetitions) == (point, "both", 120, 1)


def test_adding_a_midline_point_sets_the_midline_side(user_client, routine):
    point = PointFactory(code="GV4", laterality=Point.Laterality.MIDLINE, hold_seconds=90)

    user_client.post(reverse("routines:add_step", args=[routine.pk]), {"point": point.pk})

    assert routine.steps.get().side == "midline"


def test_adding_without_javascript_redirects_back_with_a_message(user_client, routine):
    point = PointFactory(code="BL23", name="Kidney Shu")

    response = user_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": point.pk}, follow=True
    )

    assert response.redirect_chain[-1][0] == edit_url(routine) + "#steps"
    assert "Added BL23 Kidney Shu." in response.content.decode()
    assert routine.steps.count() == 1


@pytest.mark.parametrize("value", ["999999", "abc", ""])
def test_adding_an_unknown_point_is_explained_and_saves_nothing(user_client, routine, value):
    response = user_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": value}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "That point is not in the catalogue" in html or "Choose a point to add." in html, html
    assert routine.steps.count() == 0


def test_adding_an_unknown_point_without_javascript_shows_the_page_with_the_message(
    user_client, routine
):
    response = user_client.post(reverse("routines:add_step", args=[routine.pk]), {"point": "0"})

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "That point is not in the catalogue" in response.content.decode()


def test_a_31st_step_is_refused_with_a_clear_message(user_client, routine):
    point = PointFactory()
    for position in range(MAX_STEPS):
        StepFactory(routine=routine, point=point, position=position)

    response = user_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": point.pk}, **HTMX
    )

    assert "A routine holds at most 30 points. Remove one before adding another." in (
        response.content.decode()
    )
    assert routine.steps.count() == MAX_STEPS


# Changing a step ----------------------------------------------------------------------------


def test_changing_a_hold_with_htmx_returns_the_new_total(user_client, routine, three_steps):
    step = three_steps[0]

    response = user_client.post(
        step_url("update_step", step), step_data(step, hold_seconds=90, repetitions=2), **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="steps"')
    # 90×2×2 + 30×2 + 45×2 = 510 s
    assert 'Total: <span id="total-time">8 min 30 s</span>' in html
    step.refresh_from_db()
    assert (step.hold_seconds, step.repetitions) == (90, 2)


def test_changing_side_and_note(user_client, routine, three_steps):
    step = three_steps[1]

    user_client.post(step_url("update_step", step), step_data(step, side="left", note="Gently"))

    step.refresh_from_db()
    assert (step.side, step.note) == ("left", "Gently")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"hold_seconds": "0"}, "Hold for 5 to 600 seconds"),
        ({"hold_seconds": "-5"}, "Hold for 5 to 600 seconds"),
        ({"hold_seconds": "601"}, "Hold for 5 to 600 seconds"),
        ({"hold_seconds": "abc"}, "Hold for 5 to 600 seconds"),
        ({"repetitions": "11"}, "Press 1 to 10 times"),
        ({"repetitions": "0"}, "Press 1 to 10 times"),
        ({"side": "midline"}, "is on both sides of the body"),
    ],
)
def test_a_bad_value_is_explained_next_to_its_field_and_nothing_is_saved(
    user_client, routine, three_steps, values, message
):
    step = three_steps[0]

    response = user_client.post(step_url("update_step", step), step_data(step, **values), **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    field = next(iter(values))
    # The message sits in the step's own field, which is marked invalid.
    assert f'name="step-{step.pk}-{field}"' in html
    assert 'aria-invalid="true"' in html
    step.refresh_from_db()
    assert (step.side, step.hold_seconds, step.repetitions) == ("both", 60, 1)


def test_a_bad_value_without_javascript_shows_the_whole_page_with_the_message(
    user_client, routine, three_steps
):
    step = three_steps[0]

    response = user_client.post(step_url("update_step", step), step_data(step, hold_seconds=601))

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "Hold for 5 to 600 seconds" in response.content.decode()
    step.refresh_from_db()
    assert step.hold_seconds == 60


def test_a_step_from_another_routine_of_the_same_user_is_404(user_client, user, routine):
    other = StepFactory(routine=RoutineFactory(owner=user))
    url = reverse("routines:update_step", args=[routine.pk, other.pk])

    response = user_client.post(url, {f"step-{other.pk}-hold_seconds": "30"})

    assert response.status_code == 404


# Moving and removing ------------------------------------------------------------------------


def test_moving_the_last_step_up_with_htmx(user_client, routine, three_steps):
    response = user_client.post(step_url("move_step", three_steps[2]), {"direction": "up"}, **HTMX)

    html = response.content.decode()
    assert html.index("BL60") < html.index("BL40")
    assert codes(routine) == ["BL23", "BL60", "BL40"]


def autofocused(html: str) -> list[str]:
    return re.findall(r'id="(step-\d+-(?:up|down))"[^>]*\bautofocus\b', html)


@pytest.mark.parametrize(
    ("moved", "direction", "focused"),
    [
        (2, "up", "up"),  # still not at the top: the same button
        (1, "up", "down"),  # now at the top, where "up" is disabled: the other one
        (1, "down", "up"),  # now at the bottom
        (0, "down", "down"),
    ],
)
def test_after_a_move_focus_goes_to_a_move_button_that_still_works(
    user_client, routine, three_steps, moved, direction, focused
):
    step = three_steps[moved]

    response = user_client.post(step_url("move_step", step), {"direction": direction}, **HTMX)

    assert autofocused(response.content.decode()) == [f"step-{step.pk}-{focused}"]


def test_other_changes_do_not_move_focus(user_client, routine, three_steps):
    response = user_client.post(
        step_url("update_step", three_steps[0]), step_data(three_steps[0], hold_seconds=20), **HTMX
    )

    assert autofocused(response.content.decode()) == []


def test_moving_without_javascript_redirects_back(user_client, routine, three_steps):
    response = user_client.post(step_url("move_step", three_steps[0]), {"direction": "down"})

    assert response.status_code == 302
    assert response["Location"] == edit_url(routine) + "#steps"
    assert codes(routine) == ["BL40", "BL23", "BL60"]


def test_a_bad_direction_is_refused(user_client, routine, three_steps):
    response = user_client.post(
        step_url("move_step", three_steps[0]), {"direction": "sideways"}, **HTMX
    )

    assert "Move a point up or down." in response.content.decode()
    assert codes(routine) == ["BL23", "BL40", "BL60"]


def test_moving_with_get_is_not_allowed(user_client, routine, three_steps):
    response = user_client.get(step_url("move_step", three_steps[0]))

    assert response.status_code == 405


def test_removing_a_step_renumbers_the_rest(user_client, routine, three_steps):
    response = user_client.post(step_url("remove_step", three_steps[0]), **HTMX)

    html = response.content.decode()
    assert '<span class="badge badge-code">BL23</span>' not in html
    assert "Removed BL23." in html
    assert codes(routine) == ["BL40", "BL60"]
    assert list(routine.steps.values_list("position", flat=True)) == [0, 1]


def test_removing_a_step_twice_is_404_the_second_time(user_client, routine, three_steps):
    url = step_url("remove_step", three_steps[0])
    user_client.post(url)

    assert user_client.post(url).status_code == 404
    assert routine.steps.count() == 2


# Name and schedule --------------------------------------------------------------------------


def details(**values) -> dict:
    data = {
        "name": "Evening",
        "schedule": "weekly",
        "weekdays": ["1", "3", "5"],
        "practice_time": "20:00",
        "description": "On the yoga mat.",
    }
    data.update(values)
    return data


def test_saving_name_and_schedule_without_javascript_goes_to_the_routine_page(user_client, routine):
    response = user_client.post(edit_url(routine), details(), follow=True)

    assert response.redirect_chain == [(reverse("routines:detail", args=[routine.pk]), 302)]
    assert "Saved “Evening”." in response.content.decode()
    routine.refresh_from_db()
    assert (routine.name, routine.schedule, routine.weekdays) == ("Evening", "weekly", "135")
    assert routine.practice_time == datetime.time(20, 0)
    assert routine.description == "On the yoga mat."


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": ""}, "Give the routine a name."),
        ({"name": "y" * 200}, "Keep the name to 100 characters or fewer"),
        ({"weekdays": []}, "Choose three days for three times a week: no day is ticked."),
        (
            {"weekdays": ["1", "3"]},
            "Choose three days for three times a week: only two are ticked.",
        ),
        ({"practice_time": "25:00"}, "Enter a time of day as hours and minutes"),
    ],
)
def test_bad_settings_without_javascript_are_explained_on_the_page_and_not_saved(
    user_client, routine, values, message
):
    response = user_client.post(edit_url(routine), details(**values))

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<h1" in html
    # The heading still shows the stored name, not the refused one.
    assert "Edit “Back routine”" in html
    routine.refresh_from_db()
    assert (routine.name, routine.schedule) == ("Back routine", "daily")


def test_the_details_form_posts_with_htmx_and_without(user_client, routine):
    html = user_client.get(edit_url(routine)).content.decode()

    form = html[html.index('<form id="details"') :]
    form = form[: form.index(">")]
    assert f'action="{edit_url(routine)}"' in form
    assert f'hx-post="{edit_url(routine)}"' in form
    assert 'hx-target="this"' in form
    # The live region the saved message goes into is there from the start, empty.
    assert '<p id="details-status" class="details-status" role="status"></p>' in html


def test_saving_details_with_htmx_returns_the_form_and_a_saved_message(user_client, routine):
    response = user_client.post(edit_url(routine), details(), **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form id="details"')
    assert "<html" not in html
    assert 'id="steps"' not in html
    assert (
        '<p id="details-status" hx-swap-oob="innerHTML"><span class="details-saved">'
        "Saved “Evening”: Tuesday, Thursday and Saturday at 20:00.</span></p>"
    ) in html
    # The page heading, back link and title follow the new name.
    assert '<h1 id="edit-heading" hx-swap-oob="true">Edit “Evening”</h1>' in html
    assert '<span id="back-name" hx-swap-oob="true">Evening</span>' in html
    assert "<title>Edit Evening · Press Points</title>" in html
    assert 'value="Evening"' in html
    routine.refresh_from_db()
    assert (routine.name, routine.schedule, routine.weekdays) == ("Evening", "weekly", "135")
    assert routine.practice_time == datetime.time(20, 0)
    # No flash message left over for the next full page.
    assert "Saved “Evening”" not in user_client.get(edit_url(routine)).content.decode()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": ""}, "name", "Give the routine a name."),
        (
            {"weekdays": ["0", "1", "2", "3"]},
            "weekdays",
            "Choose three days for three times a week: four are ticked. "
            "To practise more often, choose every day.",
        ),
        ({"practice_time": "noon"}, "practice_time", "Enter a time of day as hours and minutes"),
    ],
)
def test_bad_details_with_htmx_come_back_with_the_error_beside_the_field_and_save_nothing(
    user_client, routine, values, field, message
):
    response = user_client.post(edit_url(routine), details(**values), **HTMX)

    html = response.content.decode()
    # 200, not 400: htmx swaps only successful answers, and the errors must be seen.
    assert response.status_code == 200
    assert "<html" not in html
    assert response.context["form"].errors[field][0].startswith(message)
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}' in html
    assert "Not saved: see the messages beside the fields." in html
    assert "details-unsaved" in html
    assert 'hx-swap-oob="true"' not in html
    # What was typed stays in the form to be corrected.
    assert "On the yoga mat.</textarea>" in html
    routine.refresh_from_db()
    assert (routine.name, routine.schedule, routine.description) == ("Back routine", "daily", "")


def test_switching_to_every_day_keeps_the_three_days_for_later(user_client, routine):
    routine.schedule, routine.weekdays = "weekly", "246"
    routine.save()

    # Two boxes ticked when switching to every day: not a reason to refuse the save.
    response = user_client.post(
        edit_url(routine), details(schedule="daily", weekdays=["0", "1"]), **HTMX
    )

    assert "Saved “Evening”: Every day at 20:00." in response.content.decode()
    routine.refresh_from_db()
    assert (routine.schedule, routine.weekdays) == ("daily", "246")


def test_saving_details_of_someone_elses_routine_with_htmx_is_404(user_client, other_user):
    theirs = RoutineFactory(owner=other_user, name="Theirs")

    response = user_client.post(edit_url(theirs), details(), **HTMX)

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"


# Pregnancy ----------------------------------------------------------------------------------


def test_a_pregnant_user_sees_a_warning_on_points_avoided_in_pregnancy(user_client, user, routine):
    user.pregnant = True
    user.save()
    StepFactory(routine=routine, point=PointFactory(code="LI4", avoid_in_pregnancy=True))
    StepFactory(routine=routine, point=PointFactory(code="BL23"))

    html = user_client.get(edit_url(routine), {"q": "LI4"}).content.decode()

    assert "<strong>Traditionally avoided in pregnancy: LI4.</strong>" in html
    assert "pregnancy: BL23." not in html
    # and in the search results
    results = element(html, "#search-results")
    assert "Avoid in pregnancy" in results.text


def test_other_users_see_no_pregnancy_warning(user_client, routine):
    StepFactory(routine=routine, point=PointFactory(code="LI4", avoid_in_pregnancy=True))

    html = user_client.get(edit_url(routine)).content.decode()

    assert "Traditionally avoided in pregnancy" not in html


def test_a_full_routine_says_so_and_disables_add(user_client, routine):
    point = PointFactory(code="BL23")
    for position in range(MAX_STEPS):
        StepFactory(routine=routine, point=point, position=position)

    html = user_client.get(edit_url(routine), {"q": "BL23"}).content.decode()

    assert "This routine has 30 points, the most it can hold." in html
    assert 'class="button-small" disabled>Add' in html


# Adding a point twice -----------------------------------------------------------------------


def test_adding_a_point_already_in_the_routine_asks_instead_of_duplicating(user_client, routine):
    point = PointFactory(code="BL23", name="Kidney Shu")
    StepFactory(routine=routine, point=point, position=0)

    response = user_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": point.pk}, **HTMX
    )

    html = response.content.decode()
    alert = html[html.index('id="add-error"') :]
    assert "BL23 Kidney Shu is already in this routine." in alert
    assert '<input type="hidden" name="again" value="1">' in alert
    assert "Add BL23 again</button>" in alert
    assert routine.steps.count() == 1


def test_add_again_makes_the_second_step_when_meant(user_client, routine):
    point = PointFactory(code="BL23", name="Kidney Shu")
    StepFactory(routine=routine, point=point, position=0)

    user_client.post(
        reverse("routines:add_step", args=[routine.pk]), {"point": point.pk, "again": "1"}, **HTMX
    )

    assert codes(routine) == ["BL23", "BL23"]


def test_adding_twice_without_javascript_shows_the_question_on_the_page(user_client, routine):
    point = PointFactory(code="BL40", name="Middle of the Crook")
    url = reverse("routines:add_step", args=[routine.pk])
    user_client.post(url, {"point": point.pk})

    response = user_client.post(url, {"point": point.pk})

    assert response.status_code == 200
    assert "BL40 Middle of the Crook is already in this routine." in response.content.decode()
    assert codes(routine) == ["BL40"]


def test_search_results_say_which_points_are_already_steps(user_client, routine):
    bl23 = PointFactory(code="BL23", name="Kidney Shu", pinyin="Shenshu")
    PointFactory(code="BL52", name="Will Chamber", pinyin="Zhishi")
    StepFactory(routine=routine, point=bl23, position=0)

    html = user_client.get(edit_url(routine), {"q": "BL"}, **HTMX).content.decode()

    results = re.findall(r'<li class="result">.*?</li>', html, re.S)
    [already] = [item for item in results if "BL23" in item]
    [other] = [item for item in results if "BL52" in item]
    assert "Already step 1" in already and ">Add again<" in already
    assert 'name="again" value="1"' in already
    assert "Already step" not in other and ">Add<" in other
