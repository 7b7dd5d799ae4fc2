import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.conftest import axe_violations
from tests.factories import PASSWORD, RoutineFactory, StepFactory, UserFactory

pytestmark = pytest.mark.browser

User = get_user_model()
NEW_PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def paris_page(browser, live_server):
    """A phone-sized page whose browser says it is in Paris."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
        timezone_id="Europe/Paris",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.console_errors = errors
    yield page
    context.close()


def test_sign_up_lands_on_today_with_the_browser_time_zone(paris_page):
    page = paris_page
    page.goto("/accounts/signup/")
    expect(page.locator("input[name=timezone]")).to_have_value("Europe/Paris")
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/today/$"))
    expect(page.locator(".messages")).to_contain_text("Welcome, newcomer!")
    expect(page.get_by_role("heading", name="Your first routine")).to_be_visible()
    assert User.objects.get(username="newcomer").timezone == "Europe/Paris"

    violations = axe_violations(page)
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    page.goto("/accounts/settings/")
    assert axe_violations(page) == []
    assert not [text for text in page.console_errors if "Content Security Policy" in text]


def test_settings_offers_the_device_time_zone(paris_page, live_server):
    user = UserFactory(timezone="UTC")
    page = paris_page
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(re.compile(r"/today/$"))

    page.goto("/accounts/settings/")
    button = page.get_by_role("button", name=re.compile("Use this device’s time zone"))
    expect(button).to_be_visible()
    expect(button).to_contain_text("Europe/Paris")
    button.click()
    expect(page.locator("select[name=timezone]")).to_have_value("Europe/Paris")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".messages")).to_contain_text("Your settings are saved.")
    user.refresh_from_db()
    assert user.timezone == "Europe/Paris"
    expect(button).to_be_hidden()


def test_today_with_routines_is_accessible(logged_in_page, user):
    routine = RoutineFactory(owner=user, name="Morning back")
    StepFactory.create_batch(2, routine=routine)
    RoutineFactory(owner=user, name="Weekend hips", schedule="weekly", weekdays="56")
    page = logged_in_page
    page.goto("/today/")
    expect(page.get_by_role("heading", name="Morning back")).to_be_visible()
    expect(page.get_by_role("link", name="Start Morning back")).to_be_visible()
    assert axe_violations(page) == []


def test_calendar_reset_asks_first_then_changes_the_address(logged_in_page, user):
    old = user.calendar_token
    page = logged_in_page
    page.goto("/accounts/settings/")
    confirm = page.get_by_role("button", name="Yes, make a new address")
    expect(confirm).to_be_hidden()
    page.get_by_text("Reset the address").click()
    confirm.click()
    expect(page.locator(".messages")).to_contain_text("Your calendar link is new.")
    user.refresh_from_db()
    assert user.calendar_token != old
    expect(page.locator("#feed-url")).to_have_value(re.compile(re.escape(user.calendar_token)))
