"""The session as a phone companion, in a real browser: it carries on through a lost
connection and catches up, speaks and sounds each change, asks for one tap after a reload, and
keeps the countdown and its controls on screen however the phone is held."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Entry
from points.models import Mark
from practice.models import Practice
from tests.factories import PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.browser

# speechSynthesis replaced by a recorder; WebAudio and vibration counted.
RECORDER = """
window.__said = [];
window.__tones = [];
window.__buzz = [];
window.__rejections = [];
window.addEventListener("unhandledrejection", (e) => window.__rejections.push(String(e.reason)));
const synth = {
  speak(u) { if (u.text.trim()) window.__said.push(u.text); },
  cancel() {}, pause() {}, resume() {}, getVoices() { return []; },
  speaking: false, pending: false, paused: false,
};
Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
navigator.vibrate = (pattern) => { window.__buzz.push(pattern); return true; };
window.__contexts = [];
const Real = window.AudioContext;
window.AudioContext = function () { const c = new Real(); window.__contexts.push(c); return c; };
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (when) {
  window.__tones.push(this.type + ":" + Math.round(this.frequency.value));
  return start.call(this, when);
};
"""


def until(page, script: str, timeout: float = 5.0) -> None:
    """Wait for a condition in the page (the CSP forbids Playwright's wait_for_function)."""
    for _ in range(int(timeout * 10)):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def make_point(code, pinyin, place, **extra):
    point = PointFactory(code=code, pinyin=pinyin, place=place, **extra)
    # The factory finds a point by its code: whatever an earlier test left, one mark each.
    Mark.objects.get_or_create(point=point, view="back", x=100, y=178)
    return point


@pytest.fixture
def two_points(user):
    """BL40 on both sides, then GV4 on the midline, 5 s each with a 3 s lead-in."""
    user.get_ready_seconds = 3
    user.save()
    routine = RoutineFactory(owner=user, name="Two points")
    bl40 = make_point("BL40", "Weizhong", "behind the knee")
    gv4 = make_point("GV4", "Mingmen", "on the spine at waist level", laterality="midline")
    StepFactory(routine=routine, position=1, point=bl40, side="both", hold_seconds=5)
    StepFactory(routine=routine, position=2, point=gv4, side="midline", hold_seconds=5)
    return routine


def start(page, routine) -> None:
    page.goto(f"/practice/start/{routine.pk}/")
    page.check("#id_pain_5")
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_url(re.compile(r"/practice/\d+/$"))


def finish(page, practice) -> None:
    page.get_by_role("link", name="Record how it feels now").click()
    page.wait_for_url(f"**/practice/{practice.pk}/finish/")
    page.check("input[name=pain_after][value='3']")
    page.get_by_role("button", name="Save to my journal").click()
    page.wait_for_url("**/journal/")


def test_offline_for_20_seconds_the_session_goes_on_and_catches_up(logged_in_page, user):
    page = logged_in_page
    page.add_init_script(RECORDER)
    user.get_ready_seconds = 0
    user.save()
    routine = RoutineFactory(owner=user, name="Bedroom wifi")
    StepFactory(
        routine=routine,
        position=1,
        point=make_point("BL23", "Shenshu", ""),
        side="left",
        hold_seconds=15,
    )
    StepFactory(
        routine=routine,
        position=2,
        point=make_point("BL40", "Weizhong", ""),
        side="left",
        hold_seconds=15,
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    start(page, routine)
    expect(page.locator(".player-point")).to_contain_text("BL23")
    page.wait_for_timeout(4000)

    page.context.set_offline(True)
    # The countdown goes on, and at the end of the hold the phone moves on by itself.
    expect(page.locator("#player-offline")).to_be_visible()
    expect(page.locator("#player-offline")).to_have_text("Offline — will catch up")
    expect(page.locator(".player-point")).to_contain_text("BL40", timeout=14_000)
    assert "Next: BL40, Weizhong — left side" in page.evaluate("window.__said")
    page.wait_for_timeout(20_000 - 11_000 - 1000)  # until 20 s after the connection went
    assert Practice.objects.get().index == 0  # the server has heard nothing
    phone = page.evaluate(
        "({index: +document.querySelector('[data-state]').dataset.index,"
        " deadline: +document.getElementById('player').dataset.deadline})"
    )
    assert phone["index"] == 1

    page.context.set_offline(False)
    expect(page.locator("#player-offline")).to_be_hidden(timeout=10_000)
    practice = Practice.objects.get()
    assert practice.index == phone["index"]
    drift_ms = abs(practice.deadline.timestamp() * 1000 - phone["deadline"])
    assert drift_ms < 1000, drift_ms
    print(f"drift after reconnect: {drift_ms:.0f} ms")
    # Back online, the server's timer ends the session.
    expect(page.get_by_role("heading", name="Session complete")).to_be_visible(timeout=20_000)
    finish(page, practice)
    assert Entry.objects.filter(practice=practice).count() == 1
    assert page.evaluate("window.__rejections") == []
    assert errors == []


@pytest.fixture
def into_a_point_to_avoid(user):
    """BL23 for 5 s, then BL60, which the catalogue says to avoid in pregnancy."""
    user.get_ready_seconds = 0
    user.save()
    routine = RoutineFactory(owner=user, name="Evening")
    bl23 = make_point("BL23", "Shenshu", "")
    bl60 = make_point(
        "BL60",
        "Kunlun",
        "behind the outer ankle",
        avoid_in_pregnancy=True,
        how_to_find="Find the outer ankle bone.\nSlide back into the hollow before the tendon.",
        pressure="gentle",
        cautions="Not on a swollen or injured ankle.",
    )
    StepFactory(routine=routine, position=1, point=bl23, side="left", hold_seconds=5)
    StepFactory(routine=routine, position=2, point=bl60, side="left", hold_seconds=30)
    return routine


@pytest.mark.parametrize("pregnant", [True, False], ids=["pregnant", "not-pregnant"])
def test_offline_the_next_point_brings_its_pregnancy_warning_and_how_to_find_it(
    logged_in_page, user, into_a_point_to_avoid, pregnant
):
    user.pregnant = pregnant
    user.save()
    page = logged_in_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    start(page, into_a_point_to_avoid)
    expect(page.locator(".player-point")).to_contain_text("BL23")
    expect(page.locator(".player-pregnancy")).to_have_count(0)

    page.context.set_offline(True)
    expect(page.locator("#player-offline")).to_be_visible()
    page.clock.run_for(6000)  # past the end of BL23's hold: the phone moves on by itself
    expect(page.locator(".player-point")).to_contain_text("BL60")
    assert Practice.objects.get().index == 0  # the server has heard nothing

    warning = page.locator(".player-main .player-pregnancy")
    if pregnant:
        expect(warning).to_be_visible()
        expect(warning).to_have_attribute("role", "alert")
        expect(warning).to_contain_text(
            "You told us you are pregnant. Traditionally avoided in pregnancy: BL60."
        )
        expect(warning).to_contain_text("leave it out unless your midwife or doctor")
        expect(warning.get_by_role("link", name="Why")).to_have_attribute(
            "href", "/safety/#pregnancy"
        )
    else:
        expect(warning).to_have_count(0)
        expect(page.locator("#player")).not_to_contain_text("pregnan")
    # How to find and press it, from the page itself.
    detail = page.locator(".player-detail")
    expect(detail.get_by_role("heading", name="How to find BL60")).to_be_visible()
    expect(detail.locator(".steps li")).to_have_text(["Find the outer ankle bone."])
    expect(detail.locator(".player-pressure")).to_have_text(
        "Pressure: Gentle only: a light, steady touch, never firm."
        " Ease off if it shoots, burns or tingles."
    )
    expect(detail.locator(".alert-warn")).to_have_text("Not on a swollen or injured ankle.")
    expect(page.locator(".player-hold")).to_have_text("Hold for 30 s, gentle pressure")
    assert errors == []


def test_the_prompts_of_a_two_point_session_come_in_order(logged_in_page, two_points):
    page = logged_in_page
    page.add_init_script(RECORDER)
    start(page, two_points)
    expect(page.get_by_role("heading", name="Session complete")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__said") == [
        "Next: BL40, Weizhong, behind the knee — both sides, left first",
        "Press now, left side, 5 seconds",
        "Right side",
        "Next: GV4, Mingmen, on the spine at waist level",
        "Press now, 5 seconds",
        "Session complete",
    ]
    # A sound of its own for the next point, pressing, the other side and the end.
    tones = page.evaluate("window.__tones")
    assert tones == [
        "sine:523",
        "sine:784",  # next: BL40
        "sine:880",  # press
        "triangle:659",
        "triangle:659",  # right side
        "sine:523",
        "sine:784",  # next: GV4
        "sine:880",  # press
        "sine:523",
        "sine:659",
        "sine:784",
        "sine:1047",  # end
    ]
    assert page.evaluate("window.__buzz") == [
        [200],
        [120],
        [90, 80, 90],
        [200],
        [120],
        [300, 120, 300],
    ]


def test_ten_seconds_left_on_a_long_hold(logged_in_page, user):
    page = logged_in_page
    page.add_init_script(RECORDER)
    user.get_ready_seconds = 0
    user.save()
    routine = RoutineFactory(owner=user)
    StepFactory(
        routine=routine, point=make_point("BL23", "Shenshu", ""), side="left", hold_seconds=30
    )
    start(page, routine)
    expect(page.locator(".player-point")).to_contain_text("BL23")
    # Jump to 11.5 s before the end of the hold, on the server and then on the page.
    Practice.objects.update(deadline=timezone.now() + timezone.timedelta(seconds=11.5))
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    until(page, "window.__said.includes('Ten seconds left')")
    assert page.evaluate("window.__said").count("Ten seconds left") == 1


def test_with_sound_off_nothing_is_said_played_or_felt(logged_in_page, two_points, user):
    user.voice_on = user.sound_on = user.vibrate_on = False
    user.save()
    page = logged_in_page
    page.add_init_script(RECORDER)
    start(page, two_points)
    page.keyboard.press("ArrowRight")
    expect(page.locator(".player-phase")).to_have_text("Press and hold")
    page.keyboard.press("ArrowRight")
    expect(page.locator(".player-side")).to_have_text("Right side")
    expect(page.locator("#player-sound-overlay")).to_be_hidden()
    calls = page.evaluate("[window.__said, window.__tones, window.__buzz]")
    assert calls == [[], [], []]


def test_after_a_reload_one_tap_brings_the_sound_back(logged_in_page, user):
    page = logged_in_page
    page.add_init_script(RECORDER)
    user.get_ready_seconds = 0
    user.save()
    routine = RoutineFactory(owner=user)
    StepFactory(
        routine=routine,
        position=1,
        point=make_point("BL23", "Shenshu", ""),
        side="left",
        hold_seconds=30,
    )
    StepFactory(
        routine=routine,
        position=2,
        point=make_point("BL40", "Weizhong", ""),
        side="left",
        hold_seconds=30,
    )
    start(page, routine)
    # Started with a tap: no need to ask.
    expect(page.locator(".player-point")).to_contain_text("BL23")
    expect(page.locator("#player-sound-overlay")).to_be_hidden()

    page.reload()
    overlay = page.get_by_role("button", name="Tap to continue with sound")
    expect(overlay).to_be_visible()
    assert page.evaluate("window.__contexts[0].state") == "suspended"
    page.mouse.click(200, 600)  # anywhere on it
    expect(overlay).to_be_hidden()
    until(page, "window.__contexts[0].state === 'running'")
    page.get_by_role("button", name="Skip").click()
    expect(page.locator(".player-point")).to_contain_text("BL40")
    assert "Next: BL40, Weizhong — left side" in page.evaluate("window.__said")
    assert "sine:523" in page.evaluate("window.__tones")


def test_without_speech_the_session_runs_with_sounds_and_text(logged_in_page, two_points):
    page = logged_in_page
    page.add_init_script(
        RECORDER + "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    start(page, two_points)
    page.keyboard.press("ArrowRight")
    expect(page.locator(".player-phase")).to_have_text("Press and hold")
    assert "sine:880" in page.evaluate("window.__tones")
    assert errors == []


SIZES = {"portrait": (390, 844), "landscape": (844, 390), "zoomed": (640, 400)}


@pytest.mark.parametrize("size", SIZES)
def test_the_countdown_and_controls_fit_the_screen(browser, live_server, user, two_points, size):
    from tests.factories import PASSWORD

    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2 if size == "zoomed" else 1,
        base_url=live_server.url,
    )
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.login-form button[type=submit]")
        page.wait_for_url("**/today/")
        page.clock.install()
        start(page, two_points)
        # Session mode: no site header, a small way out.
        expect(page.locator(".site-header")).to_have_count(0)
        expect(page.get_by_role("link", name=re.compile("^Leave"))).to_be_visible()

        def inside(locator) -> bool:
            box = locator.bounding_box()
            return (
                box is not None
                and box["y"] >= 0
                and box["y"] + box["height"] <= height
                and (box["x"] >= 0 and box["x"] + box["width"] <= width)
            )

        expect(page.locator(".player-phase")).to_have_text("Get ready")
        controls = [
            page.locator(".countdown"),
            page.get_by_role("button", name="Pause"),
            page.get_by_role("button", name="Back"),
            page.get_by_role("button", name="Skip"),
        ]
        assert all(inside(item) for item in controls)
        # Getting ready: the drawing and the first finding step are in view too.
        assert inside(page.locator(".player-figure svg").first)
        assert inside(page.locator(".player-detail .steps li").first)

        page.get_by_role("button", name="Skip").click()
        expect(page.locator(".player-phase")).to_have_text("Press and hold")
        assert all(inside(item) for item in controls)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
