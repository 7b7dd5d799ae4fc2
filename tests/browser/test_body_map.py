import pytest
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
