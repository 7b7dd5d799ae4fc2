"""Turning a routine's reminder on, and the devices that get notifications."""

import datetime
import json
import re

import pytest

from practice.models import PushSubscription, Reminder
from practice.reminders.sender import reminder_address
from tests.factories import PushSubscriptionFactory, ReminderFactory, RoutineFactory
from tests.support.push_service import vapid_keys

pytestmark = pytest.mark.django_db

SUBSCRIPTION = {
    "endpoint": "https://fcm.googleapis.com/fcm/send/abc123",
    "expirationTime": None,
    "keys": {
        "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ",
        "auth": "tBHItJI5svbpez7KI4CCXg",
    },
}
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)


@pytest.fixture
def vapid(settings):
    for name, value in vapid_keys().items():
        setattr(settings, name, value)
    settings.VAPID_SUBJECT = "mailto:admin@example.com"


def section(html: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]*id="{element_id}".*?</\1>', html, re.S)
    assert match, element_id
    return match.group(0)


def form_data(routine, **values):
    data = {
        "enabled": "on",
        "practice_time": "07:15",
        "by_push": "on",
        "nudge_time": "20:00",
    }
    data.update(values)
    return {f"r{routine.pk}-{k}": v for k, v in data.items() if v is not None}


def test_reminders_are_off_until_turned_on(user_client, user):
    routine = RoutineFactory(owner=user, name="Morning")
    html = user_client.get("/reminders/").content.decode()
    form = section(html, f"reminder-{routine.pk}")
    assert "Morning" in form
    assert f'name="r{routine.pk}-enabled"' in form
    assert "checked" not in re.search(
        rf'<input[^>]*name="r{routine.pk}-enabled"[^>]*>', form
    ).group(0)
    assert not Reminder.objects.exists()


def test_turning_a_reminder_on_saves_time_and_nudge(user_client, user):
    routine = RoutineFactory(owner=user, name="Morning")
    response = user_client.post(
        f"/reminders/routine/{routine.pk}/",
        form_data(routine, nudge="on", nudge_time="21:30"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "“Morning” reminds you at 07:15 by notification, and nudges gently at 21:30" in html
    reminder = Reminder.objects.get(routine=routine)
    assert reminder.enabled and reminder.by_push and not reminder.by_email and reminder.nudge
    assert reminder.nudge_time == datetime.time(21, 30)
    routine.refresh_from_db()
    assert routine.practice_time == datetime.time(7, 15)


def test_without_javascript_saving_goes_back_to_the_routine(user_client, user):
    routine = RoutineFactory(owner=user)
    response = user_client.post(f"/reminders/routine/{routine.pk}/", form_data(routine))
    assert response.status_code == 302
    assert response["Location"] == routine.get_absolute_url()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"by_push": None}, "Choose how the reminder should reach you."),
        ({"nudge": "on", "nudge_time": "06:00"}, "The evening nudge comes after the reminder"),
        ({"practice_time": "25:00"}, "Enter a time, such as 08:00."),
    ],
)
def test_a_reminder_that_cannot_work_is_refused(user_client, user, values, message):
    routine = RoutineFactory(owner=user)
    response = user_client.post(
        f"/reminders/routine/{routine.pk}/",
        form_data(routine, **values),
        headers={"HX-Request": "true"},
    )
    assert message in response.content.decode()
    assert not Reminder.objects.exists()


def test_email_needs_an_address(user_client, user):
    user.email = ""
    user.save()
    routine = RoutineFactory(owner=user)
    response = user_client.post(
        f"/reminders/routine/{routine.pk}/",
        form_data(routine, by_push=None, by_email="on"),
        headers={"HX-Request": "true"},
    )
    assert "There is no email address to send to yet." in response.content.decode()


def test_turning_email_off_retires_old_unsubscribe_links(user_client, user):
    reminder = ReminderFactory(routine=RoutineFactory(owner=user), by_email=True)
    user_client.post(f"/reminders/routine/{reminder.routine_id}/", form_data(reminder.routine))
    reminder.refresh_from_db()
    assert not reminder.by_email
    assert reminder.email_epoch == 1


def test_someone_elses_routine_is_not_found(user_client, other_user):
    routine = RoutineFactory(owner=other_user)
    assert user_client.get(f"/reminders/routine/{routine.pk}/").status_code == 404
    assert (
        user_client.post(f"/reminders/routine/{routine.pk}/", form_data(routine)).status_code == 404
    )
    assert not Reminder.objects.exists()


def test_without_vapid_keys_push_is_not_offered(user_client, settings):
    settings.VAPID_PRIVATE_KEY = ""
    html = user_client.get("/reminders/").content.decode()
    devices = section(html, "devices")
    assert "Notifications are not set up on this server" in devices
    assert "data-push-enable" not in devices
    assert "push.js" not in html
    response = user_client.post(
        "/reminders/devices/", json.dumps(SUBSCRIPTION), content_type="application/json"
    )
    assert response.status_code == 409


def test_the_page_offers_push_with_the_public_key(user_client, vapid, settings):
    settings.SERVICE_WORKER = True
    devices = section(user_client.get("/reminders/").content.decode(), "devices")
    assert f'data-push-key="{settings.VAPID_PUBLIC_KEY}"' in devices
    assert "Turn on reminders on this device" in devices


def test_a_browser_subscription_is_stored_and_listed(user_client, user, vapid):
    response = user_client.post(
        "/reminders/devices/",
        json.dumps(SUBSCRIPTION),
        content_type="application/json",
        headers={"User-Agent": ANDROID_CHROME},
    )
    assert response.status_code == 201
    device = PushSubscription.objects.get()
    assert (device.owner, device.endpoint, device.auth) == (
        user,
        SUBSCRIPTION["endpoint"],
        "tBHItJI5svbpez7KI4CCXg",
    )
    assert device.label == "Chrome on Android"
    devices = section(user_client.get("/reminders/").content.decode(), "devices")
    assert "Chrome on Android" in devices
    # Subscribing the same browser again updates it rather than listing it twice.
    again = user_client.post(
        "/reminders/devices/", json.dumps(SUBSCRIPTION), content_type="application/json"
    )
    assert again.status_code == 200
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/abc",
        "https://127.0.0.1/push",
        "https://[::1]/push",
        "https://localhost:8000/push",
        "not a url",
    ],
)
def test_an_endpoint_that_is_not_a_push_service_is_refused(user_client, vapid, endpoint):
    body = {**SUBSCRIPTION, "endpoint": endpoint}
    response = user_client.post(
        "/reminders/devices/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_garbage_instead_of_a_subscription_is_refused(user_client, vapid):
    for body in ("{", "[]", json.dumps({"endpoint": "https://x.example/"})):
        response = user_client.post("/reminders/devices/", body, content_type="application/json")
        assert response.status_code == 400


def test_a_device_can_be_removed_only_by_its_owner(user_client, user, other_user):
    mine = PushSubscriptionFactory(owner=user)
    theirs = PushSubscriptionFactory(owner=other_user)
    assert user_client.post(f"/reminders/devices/{theirs.pk}/remove/").status_code == 404
    response = user_client.post(f"/reminders/devices/{mine.pk}/remove/")
    assert response.status_code == 302
    assert list(PushSubscription.objects.all()) == [theirs]


def test_pages_need_a_login(client):
    assert client.get("/reminders/").status_code == 302
    assert (
        client.post("/reminders/devices/", "{}", content_type="application/json").status_code == 302
    )


def test_the_routine_page_says_whether_it_reminds(user_client, user):
    routine = RoutineFactory(owner=user, practice_time=datetime.time(7, 45))
    html = user_client.get(routine.get_absolute_url()).content.decode()
    line = section(
        html.replace('aria-labelledby="reminder-heading"', 'id="reminder-line"'), "reminder-line"
    )
    assert "Off." in line
    assert f'href="/reminders/routine/{routine.pk}/"' in line
    ReminderFactory(routine=routine, by_push=False, by_email=True, nudge=True)
    html = user_client.get(routine.get_absolute_url()).content.decode()
    line = section(
        html.replace('aria-labelledby="reminder-heading"', 'id="reminder-line"'), "reminder-line"
    )
    assert "On: at 07:45 on the days it is due, by email, with a gentle nudge at 20:00" in line


def test_settings_offer_one_tap_calendar_subscription(user_client, user):
    html = user_client.get("/accounts/settings/").content.decode()
    calendar = section(html, "calendar")
    feed = f"testserver/calendar/{user.calendar_token}.ics"
    assert f'href="webcal://{feed}"' in calendar
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in calendar
    assert "iPhone and iPad:" in calendar and "Android:" in calendar
    assert 'href="/reminders/"' in section(html, "reminders")


def test_the_admin_lists_what_the_sender_did(client):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from practice.models import SentReminder

    routine = RoutineFactory(name="Morning")
    SentReminder.objects.create(
        routine=routine,
        date=datetime.date(2026, 6, 3),
        kind="reminder",
        channel="email",
        state="retry",
        claimed_at=timezone.now(),
    )
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-long-enough")
    client.force_login(admin)
    response = client.get("/admin/practice/sentreminder/?state=retry")
    assert response.status_code == 200
    assert "Waiting to try again" in response.content.decode()


def test_without_the_service_worker_push_is_not_offered(user_client, vapid, settings):
    settings.SERVICE_WORKER = False
    html = user_client.get("/reminders/").content.decode()
    devices = section(html, "devices")
    assert "Notifications need the app’s service worker" in devices
    assert "data-push-enable" not in devices


def test_email_needs_a_confirmed_address(user_client, user):
    user.email_verified = False
    user.save()
    routine = RoutineFactory(owner=user)
    response = user_client.post(
        f"/reminders/routine/{routine.pk}/",
        form_data(routine, by_push=None, by_email="on"),
        headers={"HX-Request": "true"},
    )
    assert "There is no email address to send to yet." in response.content.decode()
    assert not Reminder.objects.exists()
    page = user_client.get("/reminders/").content.decode()
    assert "Confirm your email address" in page
    assert f"Email reminders go to {user.email}" not in page


def test_reminder_mail_goes_only_to_a_confirmed_address(user):
    assert reminder_address(user) == user.email
    user.email_verified = False
    assert reminder_address(user) == ""
