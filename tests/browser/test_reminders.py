"""Turning on reminders on a device, in Chromium.

Headless Chromium cannot reach a push service: even with notifications granted,
pushManager.subscribe fails with "AbortError: Registration failed - permission denied". So an
init script stands in for the Push API's subscribe and getSubscription, returning what a
browser would. Everything else is real: the permission
prompt (granted by the test context), the app's service worker, push.js, the POST and the
device list the server renders afterwards.
"""

import datetime
import json
import re

import pytest
from playwright.sync_api import expect

from practice.models import PushSubscription
from practice.reminders.sender import Job, push_payload
from practice.reminders.times import REMINDER, Due
from tests.conftest import axe_violations
from tests.factories import PASSWORD, ReminderFactory, RoutineFactory, UserFactory
from tests.support.push_service import vapid_keys

pytestmark = pytest.mark.browser

FAKE_PUSH = """
(() => {
  const subscription = {
    endpoint: "https://push.example.net/send/browser-test-device",
    expirationTime: null,
    options: null,
    toJSON() {
      return {
        endpoint: this.endpoint,
        expirationTime: null,
        keys: {
          p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ",
          auth: "tBHItJI5svbpez7KI4CCXg",
        },
      };
    },
  };
  let subscribed = null;
  PushManager.prototype.getSubscription = function () { return Promise.resolve(subscribed); };
  PushManager.prototype.subscribe = function (options) {
    sessionStorage.setItem("pushKeyLength", new Uint8Array(options.applicationServerKey).length);
    subscribed = subscription;
    return Promise.resolve(subscription);
  };
})();
"""


@pytest.fixture
def vapid(settings):
    for name, value in vapid_keys().items():
        setattr(settings, name, value)
    settings.VAPID_SUBJECT = "mailto:admin@example.com"


@pytest.fixture
def push_page(browser, live_server, vapid, settings):
    # The app's worker shows the notifications; tests leave it off unless they need it.
    settings.SERVICE_WORKER = True
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
        permissions=["notifications"],
    )
    context.add_init_script(FAKE_PUSH)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.console_errors = errors
    yield page
    context.close()


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_turning_on_reminders_on_this_device_stores_the_subscription(push_page):
    user = UserFactory()
    RoutineFactory(owner=user, name="Morning back")
    page = push_page
    log_in(page, user)
    page.goto("/accounts/settings/")
    page.get_by_role("link", name=re.compile("Reminders and devices")).click()
    page.wait_for_url(re.compile(r"/reminders/$"))
    devices = page.locator("#devices")
    expect(devices.locator("[data-no-devices]")).to_have_text("None yet.")

    devices.get_by_role("button", name="Turn on reminders on this device").click()

    expect(devices.locator(".device")).to_have_count(1)
    expect(devices.locator(".device")).to_contain_text("Chrome on Linux")
    stored = PushSubscription.objects.get()
    assert stored.owner == user
    assert stored.endpoint == "https://push.example.net/send/browser-test-device"
    assert stored.auth == "tBHItJI5svbpez7KI4CCXg"
    # The browser was given the server's public key: an uncompressed P-256 point.
    assert page.evaluate("sessionStorage.getItem('pushKeyLength')") == "65"
    # Subscribed through the app's own worker, the one that shows notifications.
    workers = page.evaluate(
        "navigator.serviceWorker.getRegistrations()"
        ".then(all => all.map(r => [r.scope, new URL(r.active.scriptURL).pathname]))"
    )
    assert workers == [[page.url.split("reminders/")[0], "/sw.js"]]
    assert not [text for text in page.console_errors if "Content Security Policy" in text]
    assert axe_violations(page) == []

    # Removing it from the list stops reminders to it.
    devices.get_by_role("button", name=re.compile("Remove Chrome on Linux")).click()
    expect(page.locator(".messages")).to_contain_text("Chrome on Linux no longer gets reminders.")
    assert not PushSubscription.objects.exists()


def test_the_routine_reminder_saves_in_place(push_page):
    user = UserFactory()
    routine = RoutineFactory(owner=user, name="Morning back")
    page = push_page
    log_in(page, user)
    page.goto(routine.get_absolute_url())
    page.get_by_role("link", name="Turn on a reminder").click()
    form = page.locator(f"#reminder-{routine.pk}")
    form.get_by_label("Remind me on the days this routine is due").check()
    form.get_by_label("At", exact=True).fill("07:30")
    form.get_by_label("A gentle second nudge in the evening if not done").check()
    form.get_by_role("button", name="Save reminder").click()
    expect(page.locator(f"#reminder-{routine.pk} [role=status]")).to_have_text(
        "“Morning back” reminds you at 07:30 by notification,"
        " and nudges gently at 20:00 if not done."
    )
    assert page.url.endswith(f"/reminders/routine/{routine.pk}/")
    routine.refresh_from_db()
    assert routine.practice_time.strftime("%H:%M") == "07:30"
    assert routine.reminder.enabled and routine.reminder.nudge


def test_the_apps_worker_shows_a_reminder_and_keeps_its_start_address(
    push_page, live_server, settings
):
    """A push message as the sender builds it, delivered to the app's worker through Chromium's
    DevTools protocol (there is no push service here): it becomes a notification with the
    routine's title, words and start address."""
    settings.SITE_URL = live_server.url
    user = UserFactory()
    reminder = ReminderFactory(routine__owner=user, routine__name="Evening hips")
    page = push_page
    log_in(page, user)
    page.goto("/reminders/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    registrations: list = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    # The protocol reports the registrations as events, soon after enabling.
    for _ in range(50):
        if registrations:
            break
        page.wait_for_timeout(100)
    assert registrations, "no worker registration reported"
    today = datetime.date.today()
    payload = push_payload(Job(reminder, Due(date=today, kind=REMINDER, at=None), "push"))
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": live_server.url,
            "registrationId": registrations[0]["registrationId"],
            "data": json.dumps(payload),
        },
    )
    shown = None
    for _ in range(100):
        shown = page.evaluate(
            """() => navigator.serviceWorker.ready
              .then(r => r.getNotifications())
              .then(list => list.map(n => [n.title, n.body, n.data.url]))"""
        )
        if shown:
            break
        page.wait_for_timeout(100)
    assert shown == [
        [
            "Time for Evening hips",
            "Your acupressure routine is planned for now. Tap to start when you are ready.",
            f"{live_server.url}/practice/start/{reminder.routine_id}/",
        ]
    ]
