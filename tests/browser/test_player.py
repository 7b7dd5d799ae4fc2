"""The guided session in a real browser: htmx moves it on by itself, reload resumes it."""

import re

import pytest
from playwright.sync_api import expect

from journal.models import Entry
from practice.models import Practice
from tests.conftest import axe_violations
from tests.factories import MarkFactory, PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.browser

# The shortest hold a step may have.
HOLD = 5


@pytest.fixture
def routine(user):
    """Two points of 5 s each, one on the left side and one on the midline, no lead-in."""
    user.get_ready_seconds = 0
    user.save()
    routine = RoutineFactory(owner=user, name="Quick check")
    bl23 = PointFactory(code="BL23", pinyin="Shenshu", name="Kidney Shu")
    MarkFactory(point=bl23, view="back", x=90, y=178)
    MarkFactory(point=bl23, view="back", x=110, y=178)
    gv4 = PointFactory(code="GV4", pinyin="Mingmen", name="Gate of Life", laterality="midline")
    MarkFactory(point=gv4, view="back", x=100, y=178)
    StepFactory(routine=routine, position=1, point=bl23, side="left", hold_seconds=HOLD)
    StepFactory(routine=routine, position=2, point=gv4, side="midline", hold_seconds=HOLD)
    return routine


def seconds_shown(page) -> int:
    minutes, seconds = page.locator(".countdown").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def settled(page) -> None:
    """Wait until htmx has wired up the controls it swapped in, before the next key."""
    expect(page.locator(".htmx-request, .htmx-added, .htmx-settling")).to_have_count(0)


def start(page, routine, pain: str = "6") -> None:
    page.goto(f"/practice/start/{routine.pk}/")
    page.check(f"#id_pain_{pain}")
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_url(re.compile(r"/practice/\d+/$"))


def test_a_session_runs_by_itself_and_its_score_reaches_the_journal(logged_in_page, routine):
    page = logged_in_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    start(page, routine)

    expect(page.locator(".player-point")).to_contain_text("BL23")
    expect(page.locator(".player-side")).to_have_text("Left side")

    # Reload in the middle of the step: same step, the time left carried over.
    before = seconds_shown(page)
    page.reload()
    expect(page.locator(".player-point")).to_contain_text("BL23")
    remaining = int(page.locator(".countdown").get_attribute("data-remaining-ms")) / 1000
    assert abs(remaining - before) <= 1
    assert abs(seconds_shown(page) - before) <= 1

    # No clicks from here: htmx asks the server to move on when each point's time is up.
    expect(page.locator(".player-point")).to_contain_text("GV4", timeout=HOLD * 1000 + 3000)
    expect(page.locator(".player-side")).to_have_text("Midline")
    expect(page.locator("#player-announce")).to_contain_text("Press GV4")
    expect(page.get_by_role("heading", name="Session complete")).to_be_visible(
        timeout=HOLD * 1000 + 3000
    )
    practice = Practice.objects.get()
    assert practice.index == len(practice.phases) == 2
    assert practice.state == Practice.State.RUNNING
    assert errors == []

    page.get_by_role("link", name="Record how it feels now").click()
    page.wait_for_url(f"**/practice/{practice.pk}/finish/")
    page.check("input[name=pain_after][value='3']")
    page.get_by_role("button", name="Save to my journal").click()
    page.wait_for_url("**/journal/")
    expect(page.locator("main")).to_contain_text("Quick check")
    expect(page.locator(".pain-chart")).to_be_visible()

    entry = Entry.objects.get()
    assert (entry.pain_before, entry.pain_after, entry.practice_id) == (6, 3, practice.pk)
    practice.refresh_from_db()
    assert practice.state == Practice.State.FINISHED


def test_the_countdown_is_live_between_the_servers_answers(logged_in_page, routine):
    page = logged_in_page
    page.clock.install()
    start(page, routine)
    expect(page.locator("[data-state=running]")).to_be_visible()

    first = seconds_shown(page)
    # Time passes in the page only: the server is not asked (the hold is longer than this).
    page.clock.run_for(1500)

    assert seconds_shown(page) < first
    expect(page.locator(".player-point")).to_contain_text("BL23")


def test_keyboard_pauses_resumes_and_skips(logged_in_page, routine):
    page = logged_in_page
    page.clock.install()
    start(page, routine)
    expect(page.locator("[data-state=running]")).to_be_visible()

    page.keyboard.press("Space")
    expect(page.locator(".player-phase")).to_have_text("Paused")
    shown = page.locator(".countdown").inner_text()
    page.clock.run_for(1200)
    assert page.locator(".countdown").inner_text() == shown  # frozen
    assert Practice.objects.get().state == Practice.State.PAUSED

    page.keyboard.press("Space")
    expect(page.locator(".player-phase")).to_have_text("Press and hold")
    settled(page)
    page.keyboard.press("ArrowRight")
    expect(page.locator(".player-point")).to_contain_text("GV4")
    settled(page)
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".player-point")).to_contain_text("BL23")
    settled(page)
    # The control used keeps the focus after htmx replaces it.
    page.get_by_role("button", name="Skip").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".player-point")).to_contain_text("GV4")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip"


def test_without_javascript_next_is_refused_early(browser, live_server, user, routine):
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    try:
        start(page, routine)
        page.get_by_role("button", name="Next").click()
        expect(page.locator(".messages")).to_contain_text(re.compile(r"\d seconds? left"))
        assert Practice.objects.get().index == 0
        # The server owns the time, so this wait is real: no page clock can shorten it.
        page.wait_for_timeout(HOLD * 1000)
        page.get_by_role("button", name="Next").click()
        expect(page.locator(".player-point")).to_contain_text("GV4")
    finally:
        context.close()


def test_player_has_no_serious_accessibility_problems(logged_in_page, routine):
    page = logged_in_page
    start(page, routine)
    assert axe_violations(page) == []
    page.keyboard.press("Space")
    expect(page.locator(".player-phase")).to_have_text("Paused")
    assert axe_violations(page) == []
    page.goto(f"/practice/start/{routine.pk}/")
    assert axe_violations(page) == []


RECORDER = """
window.__calls = {vibrate: [], oscillators: 0, wakeLocks: 0};
navigator.vibrate = function (ms) { window.__calls.vibrate.push(ms); return true; };
Object.defineProperty(navigator, "wakeLock", {value: {request: function () {
  window.__calls.wakeLocks += 1;
  return Promise.resolve({release: function () { return Promise.resolve(); },
                          addEventListener: function () {}});
}}});
const create = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.__calls.oscillators += 1;
  return create.call(this);
};
"""


def test_chime_vibration_and_wake_lock_at_each_change(logged_in_page, routine):
    page = logged_in_page
    page.add_init_script(RECORDER)
    start(page, routine)
    expect(page.locator("[data-state=running]")).to_be_visible()
    assert page.evaluate("window.__calls.wakeLocks") == 1
    page.keyboard.press("ArrowRight")  # a key press also lets the page play sound
    expect(page.locator(".player-point")).to_contain_text("GV4")
    calls = page.evaluate("window.__calls")
    # The first point when the session started, then the next one: the same short buzz.
    assert calls["vibrate"] == [[200], [200]]
    assert calls["oscillators"] >= 4
    # Chime and vibration off in the settings: neither.
    user = routine.owner
    user.sound_on = user.vibrate_on = False
    user.save()
    page.reload()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".player-point")).to_contain_text("BL23")
    calls = page.evaluate("window.__calls")
    assert calls["vibrate"] == [] and calls["oscillators"] == 0
