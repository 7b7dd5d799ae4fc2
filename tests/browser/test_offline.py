"""The installed app offline: the catalogue from the cache, the app's own offline page, and
nothing of one person left for the next after logout."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from points.models import Point
from practice import sessions
from routines.models import Routine, Step
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def worker_on(settings, catalogue):
    settings.SERVICE_WORKER = True


def installed(page) -> None:
    """Wait until the worker has cached what it caches at install and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def cached_urls(page) -> list[str]:
    return page.evaluate(
        """async () => {
          const urls = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              urls.push(name + " " + new URL(request.url).pathname);
            }
          }
          return urls;
        }"""
    )


def test_after_one_visit_the_catalogue_opens_offline(browser, live_server, worker_on):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/")
        installed(page)
        context.set_offline(True)
        # Never visited: from the cache the worker filled at install.
        page.goto("/points/SP6/")
        expect(page.locator("h1")).to_contain_text("Sanyinjiao")
        expect(page.locator(".point-figure svg").first).to_be_visible()
        # The catalogue list draws its thumbnails from the drawings document: cached too.
        page.goto("/points/")
        drawn = page.evaluate(
            "fetch(document.querySelector('.diagram-thumb use, .diagram use')"
            ".getAttribute('href').split('#')[0]).then(r => r.ok)"
        )
        assert drawn
        page.goto("/safety/")
        expect(page.locator("h1")).to_contain_text("Safety")
        # Its stylesheets came from the cache too.
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
        # Not cached: the app's own offline page instead of the browser's error.
        page.goto("/routines/")
        expect(page.get_by_role("heading", name="No connection")).to_be_visible()
        page.get_by_role("link", name="the point catalogue").click()
        expect(page.locator("h1")).to_contain_text("Point catalogue")
    finally:
        context.close()


def test_after_logout_nothing_private_is_served_from_the_cache(
    browser, live_server, worker_on, user
):
    routine = Routine.objects.create(owner=user, name="Private evening routine")
    Step.objects.create(routine=routine, point=Point.objects.get(code="BL23"), hold_seconds=30)
    practice = sessions.start_practice(user, routine, 7, timezone.now())
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        installed(page)
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.login-form button[type=submit]")
        page.goto("/journal/")
        expect(page.locator("h1")).to_have_text("Pain journal")
        page.goto(f"/practice/{practice.pk}/")
        expect(page.locator(".player-point")).to_contain_text("BL23")
        # A started session is kept for a reload without a connection ...
        assert any(url.endswith(f"/practice/{practice.pk}/") for url in cached_urls(page))
        context.set_offline(True)
        page.reload()
        expect(page.locator(".player-point")).to_contain_text("BL23")
        context.set_offline(False)

        page.goto("/today/")  # the player has no site header: log out from another page
        page.get_by_role("button", name="Log out").click()
        expect(page.locator(".messages")).to_contain_text("logged out")
        # ... until its owner logs out.
        assert not [url for url in cached_urls(page) if "/practice/" in url or "/journal/" in url]
        context.set_offline(True)
        for private in ["/journal/", f"/practice/{practice.pk}/"]:
            page.goto(private)
            expect(page.get_by_role("heading", name="No connection")).to_be_visible()
            expect(page.locator("main")).not_to_contain_text("Private evening routine")
    finally:
        context.close()
