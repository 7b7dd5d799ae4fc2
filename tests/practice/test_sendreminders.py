"""The sender against real local servers: an SMTP sink and a stand-in push service."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command

from practice.models import Practice, PushSubscription, SentReminder
from practice.reminders import sender, webpush
from routines.models import Routine
from tests.factories import (
    PracticeFactory,
    PushSubscriptionFactory,
    ReminderFactory,
    RoutineFactory,
    UserFactory,
)
from tests.support.push_service import PushService, vapid_keys
from tests.support.smtp_sink import SMTPSink

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

UTC = datetime.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")
# Wednesday 3 June 2026, 08:00:30 in London (British Summer Time), 16:00:30 in Tokyo.
NOW = datetime.datetime(2026, 6, 3, 7, 0, 30, tzinfo=UTC)
EIGHT = datetime.time(8, 0)


@pytest.fixture
def sink(settings):
    server = SMTPSink()
    server.start()
    settings.MAILERS = server.mailers(timeout=2)
    yield server
    server.stop()


@pytest.fixture
def push_service(settings):
    service = PushService().start()
    for name, value in vapid_keys().items():
        setattr(settings, name, value)
    settings.VAPID_SUBJECT = "mailto:admin@example.com"
    yield service
    service.stop()


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://presspoints.example"


def reminder(owner, name, *, at=EIGHT, push=False, email=True, **routine):
    made = RoutineFactory(owner=owner, name=name, practice_time=at, **routine)
    return ReminderFactory(routine=made, by_push=push, by_email=email)


def device(service, owner, **kwargs):
    fake = service.new_device(**kwargs)
    PushSubscriptionFactory(
        owner=owner, endpoint=fake.endpoint, p256dh=fake.p256dh, auth=fake.auth_secret
    )
    return fake


def subjects(sink):
    return sorted((m.envelope_to[0], m.message["Subject"]) for m in sink.messages)


def test_the_sink_receives_exactly_the_due_reminders_not_yet_practised(sink):
    ana = UserFactory(username="ana", timezone="Europe/London")
    ken = UserFactory(username="ken", timezone="Asia/Tokyo")
    reminder(ana, "Daily stretch")
    done = reminder(ana, "Done already")
    PracticeFactory(
        owner=ana,
        routine=done.routine,
        state=Practice.State.FINISHED,
        started_at=datetime.datetime(2026, 6, 3, 6, 30, tzinfo=LONDON),
        ended_at=datetime.datetime(2026, 6, 3, 6, 45, tzinfo=LONDON),
    )
    # Finished yesterday, or only started today: still due.
    yesterday = reminder(ana, "Done yesterday")
    PracticeFactory(
        owner=ana,
        routine=yesterday.routine,
        state=Practice.State.FINISHED,
        started_at=datetime.datetime(2026, 6, 2, 21, 0, tzinfo=LONDON),
        ended_at=datetime.datetime(2026, 6, 2, 21, 10, tzinfo=LONDON),
    )
    reminder(ana, "Mon Wed Fri", schedule=Routine.Schedule.WEEKLY, weekdays="024")
    reminder(ana, "Tue Thu Sat", schedule=Routine.Schedule.WEEKLY, weekdays="135")
    reminder(ana, "Later today", at=datetime.time(9, 0))
    reminder(ana, "Archived", archived=True)
    off = reminder(ana, "Turned off")
    off.enabled = False
    off.save()
    reminder(ana, "Push only", push=True, email=False)
    reminder(ken, "Afternoon in Tokyo", at=datetime.time(16, 0))
    reminder(ken, "Tokyo morning, long past", at=EIGHT)
    nobody = UserFactory(username="noaddress", email="", timezone="Europe/London")
    reminder(nobody, "No address")

    done_round = sender.send_due(NOW)

    assert subjects(sink) == [
        ("ana@example.com", "Time for Daily stretch"),
        ("ana@example.com", "Time for Done yesterday"),
        ("ana@example.com", "Time for Mon Wed Fri"),
        ("ken@example.com", "Time for Afternoon in Tokyo"),
    ]
    assert len(done_round.sent) == 4
    # A second round, a minute later, sends nothing again.
    sender.send_due(NOW + datetime.timedelta(minutes=1))
    assert len(sink.messages) == 4
    assert SentReminder.objects.filter(state=SentReminder.State.SENT).count() == 4


def test_the_email_carries_a_working_unsubscribe_link(sink, client):
    ana = UserFactory(timezone="Europe/London")
    daily = reminder(ana, "Daily stretch")
    sender.send_due(NOW)
    [received] = sink.messages
    header = received.message["List-Unsubscribe"]
    assert header.startswith("<https://presspoints.example/reminders/unsubscribe/")
    path = header.strip("<>").removeprefix("https://presspoints.example")
    assert f"https://presspoints.example/practice/start/{daily.routine_id}/" in (
        received.message.get_body(("plain",)).get_content()
    )
    # One-click unsubscribe as a mail program does it: a POST, no session, no CSRF token.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    daily.refresh_from_db()
    assert not daily.by_email


def test_the_evening_nudge_comes_only_when_asked_for_and_not_yet_done(sink):
    ana = UserFactory(timezone="Europe/London")
    nudged = reminder(ana, "Nudged")
    nudged.nudge = True
    nudged.nudge_time = datetime.time(20, 0)
    nudged.save()
    reminder(ana, "Not nudged")
    evening = datetime.datetime(2026, 6, 3, 20, 0, 10, tzinfo=LONDON)
    sender.send_due(evening)
    assert subjects(sink) == [(ana.email, "Still time for Nudged")]


def test_push_reaches_each_device_and_reads_back_with_its_keys(push_service, sink):
    ana = UserFactory(timezone="Europe/London")
    both = reminder(ana, "Hips and back", push=True, email=True)
    phone = device(push_service, ana)
    laptop = device(push_service, ana)
    gone = device(push_service, ana, status=410)

    sender.send_due(NOW)

    delivered = {d.device.endpoint: d.payload for d in push_service.deliveries}
    assert set(delivered) == {phone.endpoint, laptop.endpoint}
    payload = delivered[phone.endpoint]
    assert payload["routine"] == "Hips and back"
    assert payload["title"] == "Time for Hips and back"
    assert payload["url"] == f"https://presspoints.example/practice/start/{both.routine_id}/"
    # The push service said the third device is gone: it is removed, the others stay.
    assert list(PushSubscription.objects.values_list("endpoint", flat=True).order_by("id")) == [
        phone.endpoint,
        laptop.endpoint,
    ]
    assert not PushSubscription.objects.filter(endpoint=gone.endpoint).exists()
    # Email went too, as a separate channel.
    assert subjects(sink) == [(ana.email, "Time for Hips and back")]


def test_without_vapid_keys_push_is_not_attempted(settings, sink):
    settings.VAPID_PRIVATE_KEY = ""
    ana = UserFactory(timezone="Europe/London")
    reminder(ana, "Push only", push=True, email=False)
    PushSubscriptionFactory(owner=ana)
    assert sender.send_due(NOW).sent == []
    assert SentReminder.objects.count() == 0


def test_a_stalled_push_service_does_not_hold_up_email_and_is_retried(
    push_service, sink, monkeypatch
):
    monkeypatch.setattr(webpush, "TIMEOUT", (1, 0.3))
    ana, ben = UserFactory(timezone="Europe/London"), UserFactory(timezone="Europe/London")
    reminder(ana, "Ana's", push=True, email=False)
    reminder(ben, "Ben's", push=True, email=True)
    device(push_service, ana, stall_seconds=2)
    device(push_service, ben)

    first = sender.send_due(NOW)

    # After the first stall the host counts as down for the round: Ben's push waits too,
    # and Ben's email still goes.
    assert push_service.deliveries == []
    assert subjects(sink) == [(ben.email, "Time for Ben's")]
    assert len(first.retry) == 2
    assert len(push_service.requests) == 1
    # Nothing is tried again before its next attempt...
    assert sender.send_due(NOW + datetime.timedelta(seconds=30)).retry == []
    # ...and then it is, once the service answers.
    for fake in push_service.devices.values():
        fake.stall_seconds = 0
    later = sender.send_due(NOW + datetime.timedelta(minutes=1, seconds=1))
    assert len(later.sent) == 2
    assert sorted(d.payload["routine"] for d in push_service.deliveries) == ["Ana's", "Ben's"]


def test_an_smtp_server_that_refuses_is_retried_then_let_go(sink):
    sink.handler.refuse = True
    ana = UserFactory(timezone="Europe/London")
    reminder(ana, "Daily")
    moments = [NOW + datetime.timedelta(minutes=m) for m in (0, 1, 6, 21)]
    for moment in moments:
        sender.send_due(moment)
    row = SentReminder.objects.get()
    assert row.attempts == 4
    assert row.state == SentReminder.State.FAILED
    assert sink.messages == []


def test_an_smtp_server_that_is_down_is_retried_and_then_delivers(settings, sink):
    ana = UserFactory(timezone="Europe/London")
    reminder(ana, "Daily")
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {**working["default"], "OPTIONS": {**working["default"]["OPTIONS"], "port": 9}}
    }
    assert len(sender.send_due(NOW).retry) == 1
    settings.MAILERS = working
    assert len(sender.send_due(NOW + datetime.timedelta(minutes=1)).sent) == 1
    assert subjects(sink) == [(ana.email, "Time for Daily")]


def test_sendreminders_once_sends_what_is_due(sink):
    ana = UserFactory(timezone="Europe/London")
    daily = reminder(ana, "Daily")
    daily.routine.practice_time = (
        datetime.datetime.now(LONDON) - datetime.timedelta(minutes=1)
    ).time()
    daily.routine.save()
    call_command("sendreminders", "--once")
    assert subjects(sink) == [(ana.email, "Time for Daily")]
