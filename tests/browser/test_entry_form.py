"""The entry form in a real browser: the body map by touch, by keyboard and without JavaScript,
the optional context, and accessibility."""

import pytest
from playwright.sync_api import expect

from journal.models import Activity, Entry, Medicine
from tests.conftest import axe_violations
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def lists(user):
    for position, name in enumerate(["Ibuprofen", "Paracetamol", "Naproxen"]):
        Medicine.objects.create(user=user, name=name, position=position)
    for position, name in enumerate(["Sit for an hour", "Put on socks", "Walk to the shop"]):
        Activity.objects.create(user=user, name=name, position=position)


def test_marking_the_map_and_the_context_by_tapping(logged_in_page, lists):
    page = logged_in_page
    page.goto("/journal/new/")
    page.locator("label[for=id_pain_after_6]").click()
    page.locator("label.body-map-spot", has=page.locator("[value=hip-left]")).click()
    page.get_by_label("Below the knee, left").check()
    page.get_by_label("Ibuprofen").check()
    page.get_by_label("Badly", exact=True).check()
    page.locator("label[for=id_ability_1_3]").click()
    page.get_by_role("button", name="Save to my journal").click()
    page.wait_for_url("**/journal/")
    entry = Entry.objects.get()
    assert entry.area_codes() == ["hip-left", "below-knee-left"]
    assert [m.name for m in entry.medicines.all()] == ["Ibuprofen"]
    assert entry.sleep == Entry.Sleep.BADLY
    assert [(a.name, a.score) for a in entry.abilities.all()] == [("Put on socks", 3)]
    shown = page.locator(".entry-list .entry").first
    expect(shown).to_contain_text("buttock or hip, left, below the knee, left")
    expect(shown).to_contain_text("Medicine: Ibuprofen")
    expect(shown).to_contain_text("Put on socks 3/10")


def test_the_map_works_from_the_keyboard(logged_in_page):
    page = logged_in_page
    page.goto("/journal/new/")
    page.locator("#id_pain_after_0").focus()
    page.keyboard.press("ArrowRight")
    page.locator("[name=areas][value=back-centre]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # lower back, right
    spot = page.locator("label.body-map-spot", has=page.locator("[value=back-right]"))
    expect(spot).to_have_css("color", "rgb(255, 255, 255)")  # marked on the map
    page.get_by_role("button", name="Save to my journal").press("Enter")
    page.wait_for_url("**/journal/")
    assert Entry.objects.get().area_codes() == ["back-centre", "back-right"]


def test_the_form_works_without_javascript(browser, live_server, user):
    context = browser.new_context(
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.goto("/journal/new/")
    page.locator("label[for=id_pain_after_2]").click()
    page.get_by_label("Foot, right").check()
    page.get_by_role("button", name="Save to my journal").click()
    page.wait_for_url("**/journal/")
    assert Entry.objects.get().area_codes() == ["foot-right"]
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_entry_form_and_lists_have_no_serious_accessibility_issues(logged_in_page, lists, width):
    page = logged_in_page
    page.set_viewport_size({"width": width, "height": 900})
    for url in ("/journal/new/", "/journal/lists/"):
        page.goto(url)
        violations = axe_violations(page)
        assert violations == [], (url, [n["html"] for v in violations for n in v["nodes"]])
