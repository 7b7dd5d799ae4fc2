import re

import pytest
from playwright.sync_api import expect

from points.models import Source
from tests.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_searching_an_old_code_lands_on_the_standard_point(page, catalogue):
    page.goto("/points/")
    page.fill("input[name=q]", "UB40")
    # Typing filters the list in place; Enter goes straight to the one exact match.
    expect(page.locator("#results .point-card")).to_have_count(1)
    expect(page.locator("#results .point-card")).to_contain_text("BL40")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/points/BL40/$"))
    expect(page.locator("h1")).to_contain_text("Weizhong")
    expect(page.locator(".messages")).to_contain_text("“UB40” is BL40")


def test_region_filter_updates_the_list_in_place_and_the_address(page, catalogue):
    page.goto("/points/")
    total = page.locator("#results .point-card").count()
    page.evaluate("window.__noReload = 1")
    page.select_option("select[name=region]", "leg")
    page.wait_for_url(re.compile(r"[?&]region=leg"))
    cards = page.locator("#results .point-card")
    expect(cards.first).to_contain_text("Knee and leg")
    assert 0 < cards.count() < total
    for text in cards.all_inner_texts():
        assert "Knee and leg" in text
    expect(page.locator("#result-count")).to_contain_text(f"{cards.count()} point")
    assert page.evaluate("window.__noReload") == 1


def drawn(locator) -> bool:
    # The drawing arrives in a file of its own: give the browser a moment to lay it out.
    for _ in range(20):
        box = locator.bounding_box()
        if box is not None and box["width"] > 10 and box["height"] > 10:
            return True
        locator.page.wait_for_timeout(100)
    return False


def test_every_card_shows_its_point_on_a_small_diagram(page, catalogue):
    page.goto("/points/")
    cards = page.locator("#results .point-card")
    expect(cards).to_have_count(23)
    for card in cards.all():
        # The body drawn from the drawings document, and the point's marker on it.
        assert drawn(card.locator(".diagram-thumb use")), card.inner_text()
        expect(card.locator(".diagram-thumb circle.marker").first).to_be_visible()

    # Filtering swaps in new cards that draw from the same document: the pictures still draw.
    page.select_option("select[name=region]", "hand")
    page.wait_for_url(re.compile(r"[?&]region=hand"))
    expect(cards.first).to_contain_text("Hand and wrist")
    for card in cards.all():
        assert drawn(card.locator(".diagram-thumb use")), card.inner_text()


def test_a_click_on_the_picture_opens_the_point(page, catalogue):
    page.goto("/points/?region=leg")
    # The card's link covers the whole card, picture included.
    picture = page.locator(".point-card", has_text="BL40").locator(".diagram-thumb")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/points/BL40/$"))


def test_the_marker_is_visible_on_the_point_diagram(page, catalogue):
    page.goto("/points/BL40/")
    marker = page.locator(".point-figure svg .diagram-marker-highlight circle.marker").first
    expect(marker).to_be_visible()
    expect(page.get_by_role("link", name="Save or print the diagram")).to_be_visible()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/points/",
        "/points/?region=leg",
        "/points/BL40/",
        "/points/LI4/",
        "/sources/",
        "first-source",
        "/safety/",
        "/points/BL99/",
    ],
)
def test_pages_have_no_serious_accessibility_violations(page, catalogue, url):
    if url == "first-source":
        url = Source.objects.first().get_absolute_url()
    page.goto(url)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]


def test_searching_a_complaint_on_a_phone_shows_its_points_in_view(page, catalogue):
    page.goto("/points/")
    page.fill("input[name=q]", "sciatica")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"[?]q=sciatica(&|$)"))
    # The same points the complaint filter finds, with the first result on screen.
    expect(page.locator("#result-count")).to_contain_text("8 points")
    expect(page.locator("#result-count")).to_be_in_viewport()
    expect(page.locator("#results .point-card").first).to_be_in_viewport()
