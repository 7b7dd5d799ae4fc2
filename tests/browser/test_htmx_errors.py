"""A failed htmx request shows an alert instead of silently leaving the page as it was."""

import pytest
from playwright.sync_api import expect

from routines.models import Step
from tests.conftest import axe_violations
from tests.factories import PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def step(user) -> Step:
    routine = RoutineFactory(owner=user, name="Morning back")
    return StepFactory(routine=routine, point=PointFactory(code="BL23"), hold_seconds=60)


def open_builder(page, step: Step):
    page.goto(f"/routines/{step.routine_id}/edit/")
    expect(page.locator("#steps .step-row")).to_have_count(1)
    return page.get_by_label("Hold (seconds)")


def test_changing_a_step_removed_elsewhere_says_it_no_longer_exists(logged_in_page, step):
    page = logged_in_page
    hold = open_builder(page, step)
    alert = page.get_by_role("alert")
    expect(alert).to_have_count(0)

    Step.objects.filter(pk=step.pk).delete()
    hold.fill("30")
    hold.press("Tab")

    expect(alert).to_have_text(
        "That change could not be saved: the step no longer exists. Reload the page."
    )
    expect(alert).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Reload the page").click()
    expect(page.locator("#steps .step-row")).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_lost_connection_is_reported_and_clears_when_it_works_again(logged_in_page, step):
    page = logged_in_page
    hold = open_builder(page, step)
    page.route("**/steps/**", lambda route: route.abort("internetdisconnected"))

    hold.fill("30")
    hold.press("Tab")

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("the server could not be reached")
    step.refresh_from_db()
    assert step.hold_seconds == 60

    page.unroute("**/steps/**")
    hold.fill("45")
    hold.press("Tab")
    expect(page.locator("#total-time")).to_have_text("1 min 30 s")
    expect(alert).to_have_count(0)


def test_an_error_without_a_message_gets_a_general_one_that_can_be_dismissed(logged_in_page, step):
    page = logged_in_page
    hold = open_builder(page, step)
    page.route("**/steps/**", lambda route: route.fulfill(status=500, body="Server error"))

    hold.fill("30")
    hold.press("Tab")

    alert = page.get_by_role("alert")
    expect(alert).to_have_text(
        "That change could not be saved: something went wrong on our side. Try again in a moment."
    )
    page.get_by_role("button", name="Dismiss").click()
    expect(alert).to_have_count(0)
