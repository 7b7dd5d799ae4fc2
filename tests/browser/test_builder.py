"""The routine builder in a browser: htmx edits in place, keyboard moves, accessibility."""

import re

import pytest
from playwright.sync_api import expect

from routines.models import Routine
from tests.conftest import axe_violations
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def settled(page) -> None:
    """Wait until htmx has wired up what it swapped in: a key pressed before then would
    submit the form the plain way and load a whole page."""
    expect(page.locator(".htmx-request, .htmx-added, .htmx-settling")).to_have_count(0)


def add_point(page, code: str) -> None:
    count = page.locator("#steps .step-row").count()
    page.fill("#point-search", code)
    button = page.locator("#search-results").get_by_role("button", name=re.compile(f"^Add {code} "))
    expect(button).to_have_count(1)
    button.click()
    expect(page.locator("#steps .step-row")).to_have_count(count + 1)
    settled(page)


def step_codes(page) -> list[str]:
    return [text.strip() for text in page.locator("#steps .step-row .badge-code").all_inner_texts()]


def new_routine(page, name: str = "Morning back") -> Routine:
    page.goto("/routines/new/")
    page.fill("input[name=name]", name)
    page.get_by_role("button", name="Create and add points").click()
    page.wait_for_url(re.compile(r"/routines/\d+/edit/$"))
    return Routine.objects.get(name=name)


def sign_up(page, username: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password1]", "a-long-and-unusual-passphrase")
    page.fill("input[name=password2]", "a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/today/$"))


def test_sign_up_build_reorder_and_time_a_routine_without_page_loads(page, catalogue):
    sign_up(page, "newcomer")
    routine = new_routine(page)
    assert routine.owner.username == "newcomer"
    page.evaluate("window.__noReload = 1")

    for code in ("BL23", "BL40", "BL60"):
        add_point(page, code)
    assert step_codes(page) == ["BL23", "BL40", "BL60"]
    # Usual holds: BL23 2 min, BL40 and BL60 1 min, each on both sides.
    expect(page.locator("#total-time")).to_have_text("8 min")

    last = page.locator("#steps .step-row").nth(2)
    last.get_by_role("button", name=re.compile("^Move up")).click()
    expect(page.locator("#steps .step-row").nth(1)).to_contain_text("BL60")
    page.locator("#steps .step-row").nth(1).get_by_role(
        "button", name=re.compile("^Move up")
    ).click()
    expect(page.locator("#steps .step-row").first).to_contain_text("BL60")
    assert step_codes(page) == ["BL60", "BL23", "BL40"]

    hold = page.locator("#steps .step-row").nth(1).get_by_label("Hold (seconds)")
    hold.fill("30")
    hold.press("Tab")
    expect(page.locator("#total-time")).to_have_text("5 min")
    assert page.evaluate("window.__noReload") == 1

    page.goto(f"/routines/{routine.pk}/edit/")
    assert step_codes(page) == ["BL60", "BL23", "BL40"]
    expect(page.locator("#steps .step-row").nth(1).get_by_label("Hold (seconds)")).to_have_value(
        "30"
    )
    expect(page.locator("#total-time")).to_have_text("5 min")
    assert [
        (s.point.code, s.hold_seconds, s.position) for s in routine.steps.select_related("point")
    ] == [("BL60", 60, 0), ("BL23", 30, 1), ("BL40", 60, 2)]


def test_name_and_schedule_save_in_place_with_errors_beside_the_fields(logged_in_page):
    page = logged_in_page
    routine = new_routine(page)
    page.evaluate("window.__noReload = 1")
    details = page.locator("#details")
    status = page.locator("#details-status")

    details.get_by_label("Name").fill("Evening hips")
    details.get_by_label("Three times a week, on the days I choose").check()
    # Monday, Wednesday and Friday come ticked; two days are not three times a week.
    details.get_by_label("Friday").uncheck()
    details.get_by_role("button", name="Save name and schedule").click()

    expect(status).to_have_text("Not saved: see the messages beside the fields.")
    expect(page.locator("#details .weekdays-field .errorlist")).to_have_text(
        "Choose three days for three times a week: only two are ticked."
    )
    # What was typed is still there to correct.
    expect(page.locator("#details").get_by_label("Name")).to_have_value("Evening hips")
    routine.refresh_from_db()
    assert (routine.name, routine.schedule) == ("Morning back", "daily")

    settled(page)
    details = page.locator("#details")
    details.get_by_label("Saturday").check()
    details.get_by_label("Time of day").fill("19:30")
    details.get_by_role("button", name="Save name and schedule").click()

    expect(status).to_have_text("Saved “Evening hips”: Monday, Wednesday and Saturday at 19:30.")
    expect(page.locator("#details .errorlist")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit “Evening hips”")
    expect(page).to_have_title("Edit Evening hips · Press Points")
    assert page.evaluate("window.__noReload") == 1
    routine.refresh_from_db()
    assert (routine.name, routine.schedule, routine.weekdays) == ("Evening hips", "weekly", "025")
    assert routine.practice_time.strftime("%H:%M") == "19:30"
    # Focus stays on the button pressed, in the form that was swapped in.
    expect(page.get_by_role("button", name="Save name and schedule")).to_be_focused()
    assert axe_violations(page) == []


def test_name_and_schedule_save_without_javascript(browser, live_server, user):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    routine = Routine.objects.create(owner=user, name="Morning back")

    page.goto(f"/routines/{routine.pk}/edit/")
    page.locator("#details").get_by_label("Name", exact=True).fill("Evening hips")
    page.get_by_role("button", name="Save name and schedule").click()

    page.wait_for_url(f"**/routines/{routine.pk}/")
    expect(page.locator(".messages")).to_contain_text("Saved “Evening hips”.")
    routine.refresh_from_db()
    assert routine.name == "Evening hips"
    context.close()


def test_a_bad_hold_is_explained_in_place(logged_in_page, catalogue):
    page = logged_in_page
    routine = new_routine(page)
    add_point(page, "BL23")

    hold = page.get_by_label("Hold (seconds)")
    hold.fill("601")
    hold.press("Tab")

    expect(page.locator("#steps .errorlist")).to_contain_text("Hold for 5 to 600 seconds")
    expect(page.locator("#total-time")).to_have_text("4 min")
    assert routine.steps.get().hold_seconds == 120


def test_moving_with_the_keyboard_keeps_focus_on_the_moved_point(logged_in_page, catalogue):
    page = logged_in_page
    new_routine(page)
    for code in ("BL23", "BL40", "BL60"):
        add_point(page, code)

    down = page.locator("#steps .step-row").first.get_by_role(
        "button", name=re.compile("^Move down")
    )
    down.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#steps .step-row").nth(1)).to_contain_text("BL23")
    settled(page)
    focused = page.evaluate("document.activeElement.id")
    assert focused.endswith("-down")
    expect(page.locator(f"#{focused}")).to_contain_text("BL23")
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step-row").nth(2)).to_contain_text("BL23")
    assert step_codes(page) == ["BL40", "BL60", "BL23"]

    # At the bottom "Move down" is disabled: focus moves to the same point's "Move up".
    bottom_up = (
        page.locator("#steps .step-row").nth(2).get_by_role("button", name=re.compile("^Move up"))
    )
    expect(bottom_up).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step-row").nth(1)).to_contain_text("BL23")
    assert step_codes(page) == ["BL40", "BL23", "BL60"]


def test_moving_a_point_to_the_top_with_the_keyboard_keeps_focus_on_it(logged_in_page, catalogue):
    page = logged_in_page
    new_routine(page)
    for code in ("BL23", "BL40"):
        add_point(page, code)

    page.locator("#steps .step-row").nth(1).get_by_role(
        "button", name=re.compile("^Move up")
    ).focus()
    page.keyboard.press("Enter")

    expect(page.locator("#steps .step-row").first).to_contain_text("BL40")
    top_down = page.locator("#steps .step-row").first.get_by_role(
        "button", name=re.compile("^Move down")
    )
    expect(top_down).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step-row").nth(1)).to_contain_text("BL40")
    assert step_codes(page) == ["BL23", "BL40"]


def test_pregnancy_warning_on_a_point_avoided_in_pregnancy(logged_in_page, user, catalogue):
    user.pregnant = True
    user.save()
    page = logged_in_page
    new_routine(page)

    page.fill("#point-search", "LI4")
    expect(page.locator("#search-results")).to_contain_text("Avoid in pregnancy")
    add_point(page, "LI4")
    add_point(page, "BL23")

    rows = page.locator("#steps .step-row")
    expect(rows.first.locator(".step-warning")).to_be_visible()
    expect(rows.first).to_contain_text("Traditionally avoided in pregnancy: LI4.")
    expect(rows.nth(1).locator(".step-warning")).to_have_count(0)
    expect(page.locator("#steps [role=alert]").first).to_contain_text(
        "Traditionally avoided in pregnancy: LI4."
    )


def test_builder_list_and_detail_pages_have_no_serious_accessibility_problems(
    logged_in_page, catalogue
):
    page = logged_in_page
    routine = new_routine(page)
    for code in ("BL23", "GB30", "BL40"):
        add_point(page, code)
    page.fill("#point-search", "knee")
    expect(page.locator("#search-results .result").first).to_be_visible()
    assert axe_violations(page) == []

    page.goto("/routines/")
    expect(page.get_by_role("heading", name="Your routines")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/routines/{routine.pk}/")
    expect(page.locator("svg.routine-diagram").first).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/routines/{routine.pk}/print/")
    expect(page.locator(".sheet-table")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"/routines/{routine.pk}/")
    page.get_by_role("link", name="Archive…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archive “Morning back”?")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Archive routine").click()
    page.wait_for_url(f"**/routines/{routine.pk}/")
    routine.refresh_from_db()
    assert routine.archived


def test_starter_pages_have_no_serious_accessibility_problems(page, catalogue):
    page.goto("/routines/starters/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Relaxing set from a clinical trial").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relaxing set from a clinical trial")
    assert axe_violations(page) == []
