import threading

import pytest
from django.db import OperationalError, connection
from django.test import Client

from acupressure import views


def test_healthz_answers_ok_after_a_database_round_trip(client, db, monkeypatch):
    asked = []
    answers = views._database_answers
    monkeypatch.setattr(views, "_database_answers", lambda: asked.append(answers()))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert asked == [None]


def test_healthz_answers_a_head_probe(client, db):
    response = client.head("/healthz")

    assert response.status_code == 200


def test_healthz_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405


@pytest.fixture
def hung_database(monkeypatch):
    """The probe's query never returns until the test lets it go."""
    release = threading.Event()
    monkeypatch.setattr(views, "_database_answers", release.wait)
    yield
    release.set()


def test_healthz_gives_up_on_a_database_that_does_not_answer(client, hung_database):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database did not answer in time"
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_healthz_reports_a_database_that_refuses(settings, monkeypatch):
    settings.DEBUG = False

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "_database_answers", refuse)

    response = Client(raise_request_exception=False).get("/healthz")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_the_database_connection_carries_its_timeouts(db, settings):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == f"{settings.DATABASE_STATEMENT_TIMEOUT}s"
        else:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == settings.DATABASE_STATEMENT_TIMEOUT * 1000
