"""Secret addresses (calendar feed, password reset) never reach a log in full."""

import datetime
import io
import logging
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from gunicorn.config import Config

from acupressure.gunicorn_logging import Logger
from acupressure.logs import hide_tokens

FEED_TOKEN = "s3cretFeedToken_abcdefghijklmnopqrstuvwxyz12"


@pytest.fixture
def app_log():
    """What the app's console handler writes, as a string."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
def test_a_wrong_calendar_link_is_logged_without_its_token(client, app_log):
    response = client.get(f"/calendar/{FEED_TOKEN}.ics")

    assert response.status_code == 404
    written = app_log.getvalue()
    assert "/calendar/….ics" in written
    assert FEED_TOKEN not in written


def test_reset_and_feed_addresses_lose_their_secrets():
    line = (
        "GET /accounts/password/reset/MTI/cf1b2c-0123456789abcdef/ HTTP/1.1 "
        f"/calendar/{FEED_TOKEN}.ics?x=1 /points/BL40/"
    )

    hidden = hide_tokens(line)

    assert hidden == (
        "GET /accounts/password/reset/…/…/ HTTP/1.1 /calendar/….ics?x=1 /points/BL40/"
    )


@pytest.mark.django_db
def test_gunicorn_access_lines_hide_the_reset_token(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = f"/accounts/password/reset/{uid}/{token}/"
    logger = Logger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://press.example/calendar/{FEED_TOKEN}.ics",
        "REMOTE_ADDR": "127.0.0.1",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])

    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=5))

    written = " ".join(str(value) for value in atoms.values())
    assert token not in written
    assert FEED_TOKEN not in written
    assert atoms["r"] == "GET /accounts/password/reset/…/…/ HTTP/1.1"
