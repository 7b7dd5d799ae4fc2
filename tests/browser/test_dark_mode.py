"""Dark mode in a real browser: every page follows the device or the setting, and passes axe."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from points.models import Point, Source
from practice import sessions
from routines.models import Routine, Step
from tests.conftest import axe_violations
from tests.factories import PASSWORD, EntryFactory

pytestmark = pytest.mark.browser

DARK_PAPER = "rgb(16, 21, 25)"  # --paper in static/css/dark.css
LIGHT_PAPER = "rgb(251, 250, 247)"  # --paper in static/css/tokens.css


@pytest.fixture
def pages(catalogue, user) -> dict[str, list[str]]:
    """Every kind of page, public and signed in, with data on it."""
    routine = Routine.objects.create(owner=user, name="Evening lower back")
    for position, code in enumerate(["BL23", "BL40"]):
        point = Point.objects.get(code=code)
        Step.objects.create(routine=routine, position=position, point=point, hold_seconds=30)
    practice = sessions.start_practice(user, routine, 5, timezone.now())
    finished = sessions.start_practice(user, routine, 6, timezone.now())
    sessions.end_early(finished, timezone.now())
    entry = EntryFactory(user=user, routine=routine, routine_name=routine.name)
    starter = Routine.objects.filter(owner=None).first()
    source = Source.objects.first()
    return {
        "public": [
            "/",
            "/points/",
            "/points/map/",
            "/points/BL40/",
            "/points/XX99/",
            "/sources/",
            f"/sources/{source.slug}/",
            "/safety/",
            "/routines/starters/",
            f"/routines/starters/{starter.slug}/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
        ],
        "private": [
            "/today/",
            "/routines/",
            "/routines/new/",
            f"/routines/{routine.pk}/",
            f"/routines/{routine.pk}/edit/",
            f"/practice/start/{routine.pk}/",
            "/practice/",
            f"/practice/{practice.pk}/",
            f"/practice/{finished.pk}/finish/",
            "/journal/",
            "/journal/new/",
            f"/journal/{entry.pk}/edit/",
            "/journal/summary/",
            "/accounts/settings/",
            "/accounts/password/",
            "/accounts/delete/",
        ],
    }


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_in_both_schemes(browser, live_server, user, pages, scheme):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=live_server.url, color_scheme=scheme
    )
    page = context.new_page()
    try:
        problems = {}
        for path in pages["public"]:
            page.goto(path)
            problems[path] = axe_violations(page)
        log_in(page, user)
        for path in pages["private"]:
            page.goto(path)
            problems[path] = axe_violations(page)
        # The scheme really applied (the player has its own dimmer night palette).
        page.goto("/points/")
        assert background(page) == (DARK_PAPER if scheme == "dark" else LIGHT_PAPER)
        found = {path: [v["id"] for v in found] for path, found in problems.items() if found}
        assert found == {}
    finally:
        context.close()


def test_the_setting_overrides_the_device(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto("/points/")
        assert page.locator("html").get_attribute("data-theme") == "auto"
        assert background(page) == DARK_PAPER

        log_in(page, user)
        page.goto("/accounts/settings/")
        page.get_by_label("Colours").select_option("light")
        page.get_by_role("button", name="Save settings").click()
        expect(page.locator(".messages")).to_contain_text("saved")
        assert page.locator("html").get_attribute("data-theme") == "light"
        assert background(page) == LIGHT_PAPER

        page.emulate_media(color_scheme="light")
        page.get_by_label("Colours").select_option("dark")
        page.get_by_role("button", name="Save settings").click()
        expect(page.locator(".messages")).to_contain_text("saved")
        assert page.locator("html").get_attribute("data-theme") == "dark"
        assert background(page) == DARK_PAPER
        user.refresh_from_db()
        assert user.theme == "dark"
    finally:
        context.close()
