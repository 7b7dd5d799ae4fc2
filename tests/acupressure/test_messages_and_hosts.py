"""What travels in cookies and what lands in the error log."""

import logging

import pytest
from django.test import Client

from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def test_messages_with_pain_scores_stay_on_the_server(user_client, user):
    response = user_client.post(
        "/journal/new/", {"pain_after": "7", "recorded_at": "2026-01-05T09:30"}
    )

    assert response.status_code == 302
    assert "messages" not in response.cookies
    shown = user_client.get(response["Location"]).content.decode()
    assert "Saved: pain 7 out of 10" in shown


def test_a_message_is_shown_once(user_client, user):
    entry = EntryFactory(user=user)
    user_client.post(f"/journal/{entry.pk}/delete/")

    assert "The entry is deleted." in user_client.get("/journal/").content.decode()
    assert "The entry is deleted." not in user_client.get("/journal/").content.decode()


def test_a_bad_host_header_logs_one_line(caplog, settings):
    settings.DEBUG = False
    with caplog.at_level(logging.WARNING, logger="django.security.DisallowedHost"):
        response = Client().get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    records = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(records) == 1
    assert "evil.example" in records[0].getMessage()
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text
