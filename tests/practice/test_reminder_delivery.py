"""The reminder email and push message, delivered to real local servers."""

import smtplib

import pytest
from django.core.mail import mailers

from practice.reminders import webpush
from practice.reminders.mail import reminder_email
from practice.reminders.times import NUDGE, REMINDER
from tests.support.push_service import PushService, vapid_keys
from tests.support.smtp_sink import SMTPSink

pytestmark = pytest.mark.slow


@pytest.fixture
def sink():
    server = SMTPSink()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def push_service():
    service = PushService().start()
    yield service
    service.stop()


@pytest.fixture
def vapid(settings):
    for name, value in vapid_keys().items():
        setattr(settings, name, value)
    settings.VAPID_SUBJECT = "mailto:admin@example.com"


def build(kind=REMINDER):
    return reminder_email(
        to="ana@example.com",
        routine_name="Morning back & hips",
        kind=kind,
        start_url="https://app.example/routines/7/start/",
        settings_url="https://app.example/accounts/settings/",
        unsubscribe_url="https://app.example/reminders/unsubscribe/TOKEN/",
        message_id="<reminder-7-2026-06-03-reminder@app.example>",
    )


def test_the_email_reaches_an_smtp_server_with_both_parts_and_unsubscribe_headers(settings, sink):
    settings.MAILERS = sink.mailers()
    build().send(using="default")
    assert len(sink.messages) == 1
    received = sink.messages[0]
    assert received.envelope_to == ["ana@example.com"]
    message = received.message
    assert message["Subject"] == "Time for Morning back & hips"
    assert message["List-Unsubscribe"] == "<https://app.example/reminders/unsubscribe/TOKEN/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == "<reminder-7-2026-06-03-reminder@app.example>"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "https://app.example/routines/7/start/" in plain
    assert (
        "Stop these emails for this routine: https://app.example/reminders/unsubscribe/TOKEN/"
        in (plain)
    )
    # The name is escaped in HTML, and the links are real links.
    assert "Start “Morning back &amp; hips”" in html
    assert 'href="https://app.example/reminders/unsubscribe/TOKEN/"' in html
    assert 'href="https://app.example/routines/7/start/"' in html


def test_the_nudge_is_worded_as_an_invitation():
    message = build(NUDGE)
    assert message.subject == "Still time for Morning back & hips"
    assert "tomorrow is fine too" in message.body
    for word in ("missed", "failed", "forgot", "should"):
        assert word not in message.body.lower()


def test_an_smtp_server_that_refuses_raises_so_the_sender_can_retry(settings, sink):
    sink.handler.refuse = True
    settings.MAILERS = sink.mailers()
    with pytest.raises(smtplib.SMTPDataError):
        build().send(using="default")
    assert sink.messages == []


def test_push_payload_decrypts_with_the_devices_keys(push_service, vapid):
    device = push_service.new_device()
    keys = webpush.Keys(device.endpoint, device.p256dh, device.auth_secret)
    payload = {"title": "Time for Morning back", "url": "https://app.example/routines/7/start/"}
    assert webpush.send(keys, payload, topic="r7-20260603-reminder") is webpush.Outcome.SENT
    [delivery] = push_service.deliveries
    assert delivery.payload == payload
    assert delivery.headers["content-encoding"] == "aes128gcm"
    assert delivery.headers["topic"] == "r7-20260603-reminder"
    assert delivery.headers["authorization"].startswith("vapid t=")


@pytest.mark.parametrize(("status", "outcome"), [(410, "gone"), (404, "gone"), (500, "retry")])
def test_push_service_answers_decide_what_happens_next(push_service, vapid, status, outcome):
    device = push_service.new_device(status=status)
    keys = webpush.Keys(device.endpoint, device.p256dh, device.auth_secret)
    assert webpush.send(keys, {"title": "x"}).value == outcome


def test_a_stalled_push_service_times_out_and_is_retried_later(push_service, vapid):
    device = push_service.new_device(stall_seconds=3)
    keys = webpush.Keys(device.endpoint, device.p256dh, device.auth_secret)
    assert webpush.send(keys, {"title": "x"}, timeout=(1, 0.3)) is webpush.Outcome.RETRY
    assert push_service.deliveries == []


def test_a_push_service_that_is_down_is_retried_later(vapid):
    keys = webpush.Keys("http://127.0.0.1:9/push/x", *_any_keys())
    assert webpush.send(keys, {"title": "x"}, timeout=(1, 1)) is webpush.Outcome.RETRY


def _any_keys():
    service = PushService()
    service.base_url = "http://127.0.0.1:9"
    device = service.new_device()
    return device.p256dh, device.auth_secret


def test_mailers_reset_between_tests():
    # The sink tests override MAILERS; afterwards the test outbox is back.
    assert "locmem" in type(mailers.default).__module__
