import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from points.models import Mark, Point
from tests.conftest import axe_violations
from tests.factories import MarkFactory, PointFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def bl23(transactional_db):
    point = PointFactory(code="BL23", pinyin="Shenshu", region=Point.Region.LOWER_BACK)
    MarkFactory(point=point, view=Mark.View.BACK, x=90.2, y=178)
    MarkFactory(point=point, view=Mark.View.BACK, x=109.8, y=178)
    return point


def focused_name(page) -> str | None:
    return page.evaluate(
        "document.activeElement && document.activeElement.getAttribute('aria-label')"
    )


def test_regions_and_markers_are_visible_links_reached_by_keyboard(page, bl23):
    page.goto("/points/map/")

    marker = page.get_by_role("link", name="BL23 Shenshu").first
    expect(marker).to_be_visible()
    assert axe_violations(page) == []

    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_name(page) == "Lower back":
            break
    assert focused_name(page) == "Lower back"
    page.keyboard.press("Tab")
    assert focused_name(page) == "Buttock and hip"

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/points/?region=lower-back")


def test_a_marker_opens_its_point(page, bl23):
    page.goto("/points/map/")

    page.get_by_role("link", name="BL23 Shenshu").first.click()

    page.wait_for_url("**/points/BL23/")


@pytest.fixture
def whole_catalogue(transactional_db):
    call_command("load_catalogue", verbosity=0)


def test_every_dot_tapped_at_its_centre_on_a_phone_opens_its_own_point(
    browser, live_server, whole_catalogue
):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
        has_touch=True,
        is_mobile=True,
    )
    page = context.new_page()
    page.goto("/points/map/")
    dots = page.locator("a.diagram-link")
    count = dots.count()
    # Every mark of the catalogue is a dot somewhere on the map.
    assert count >= Mark.objects.count()
    opened = set()
    for i in range(count):
        link = dots.nth(i)
        href = link.get_attribute("href")
        dot = link.locator("circle.marker")
        dot.scroll_into_view_if_needed()
        centre = dot.bounding_box()
        target = link.locator("circle.marker-hit").bounding_box()
        assert min(target["width"], target["height"]) >= 24, href

        page.touchscreen.tap(centre["x"] + centre["width"] / 2, centre["y"] + centre["height"] / 2)

        page.wait_for_url(f"**{href}")
        opened.add(href)
        page.go_back()
        page.wait_for_url("**/points/map/")
    assert len(opened) == Point.objects.filter(marks__isnull=False).distinct().count()
    context.close()


def test_a_dot_shows_its_name_while_it_has_focus(page, bl23):
    page.goto("/points/map/")
    link = page.get_by_role("link", name="BL23 Shenshu").first
    name = link.locator(".marker-name")
    expect(name).to_be_hidden()

    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_name(page) == "BL23 Shenshu":
            break

    expect(name).to_be_visible()
    expect(name).to_have_text("BL23 Shenshu")
