"""The database goes away: a clear 503 page, and nothing half written when it comes back.

Real outages run against gunicorn (a server whose database address answers nothing, and a
database taken away from a running server and given back); the failures half-way through a
request that writes several rows are simulated in-process, where the exact moment can be chosen.
"""

import contextlib
import re
import urllib.parse
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from journal.models import Entry
from practice import sessions
from practice.models import Practice
from routines.models import Routine, Step
from tests.factories import PointFactory, RoutineFactory, StarterRoutineFactory, StepFactory
from tests.faults.helpers import orm, postgres
from tests.support.harness import Browser, app_env

UNREACHABLE = {
    "postgresql": "postgres://postgres@127.0.0.1:1/acupressure",
    "sqlite": "sqlite:////nonexistent-folder/acupressure.sqlite3",
}


def assert_unavailable_page(response) -> None:
    assert response.status == 503
    html = response.text()
    assert "Back in a moment" in html
    assert "nothing was saved" in html
    assert "Traceback" not in html
    assert "OperationalError" not in html
    assert response.headers["retry-after"] == "30"
    assert "content-security-policy" in response.headers


@pytest.mark.slow
@pytest.mark.parametrize("engine", sorted(UNREACHABLE))
def test_a_server_whose_database_does_not_answer_shows_the_503_page(
    prepared_database, start_server, tmp_path, engine
):
    _, static = prepared_database
    server = start_server(env=app_env(UNREACHABLE[engine], static), workers=1, healthy=False)
    browser = Browser(server.port)

    health = browser.get("/healthz")
    assert health.status == 503  # the load balancer takes this server out of rotation

    for path in ("/points/", "/points/BL40/", "/sources/"):
        assert_unavailable_page(browser.get(path))
    # Logging in needs the database; the form does not.
    assert browser.get("/accounts/login/").status == 200
    assert_unavailable_page(
        browser.post("/accounts/login/", {"username": "someone", "password": "whatever-123"})
    )
    # The front page needs no database; the safety page does, and the 503 page carries the
    # red flags in its place.
    assert Browser(server.port).get("/").status == 200
    unavailable = browser.get("/safety/")
    assert_unavailable_page(unavailable)
    assert "weakness in both legs" in unavailable.text()

    log = (tmp_path / "gunicorn.log").read_text()
    assert "Database unavailable" in log


@contextlib.contextmanager
def database_taken_away(env: dict[str, str]):
    """The server's database stops answering, then comes back as it was."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite"):
        folder = Path(urllib.parse.urlsplit(url).path).parent
        away = folder.with_name("away")
        folder.rename(away)  # SQLite cannot open a file in a folder that is not there
        try:
            yield
        finally:
            away.rename(folder)
    else:
        name = urllib.parse.urlsplit(url).path.lstrip("/")
        postgres(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        postgres(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        try:
            yield
        finally:
            postgres(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


SEED = """
from django.contrib.auth.hashers import make_password
from acupressure.models import User
from points.models import Point
from routines.models import Routine, Step
user = User.objects.create(username="outage", password=make_password("outage-pass-123"),
                           get_ready_seconds=0)
routine = Routine.objects.create(owner=user, name="Outage routine")
Step.objects.create(routine=routine, position=0, point=Point.objects.get(code="BL40"),
                    side="left", hold_seconds=60)
print(routine.pk)
"""

STATE = """
from practice.models import Practice
p = Practice.objects.get(pk={pk})
print(p.state, p.index, Practice.objects.count(), hasattr(p, "entry"))
"""


@pytest.mark.slow
def test_a_database_outage_mid_session_loses_and_doubles_nothing(server_env, start_server):
    routine_pk = int(orm(server_env, SEED).splitlines()[-1])
    server = start_server(workers=2)
    browser = Browser(server.port)
    assert browser.login("outage", "outage-pass-123").status == 302
    player = browser.post(f"/practice/start/{routine_pk}/", {"pain": "7"}).location
    pk = int(re.search(r"/practice/(\d+)/", player).group(1))
    browser.post(f"{player}end/")
    assert browser.get(f"{player}finish/").status == 200

    with database_taken_away(server_env):
        assert_unavailable_page(browser.get(player))
        assert_unavailable_page(browser.post(f"{player}finish/", {"pain_after": "3"}))
        assert_unavailable_page(browser.post(f"/practice/start/{routine_pk}/", {"pain": "5"}))
        assert browser.get("/healthz").status == 503

    assert browser.get("/healthz").status == 200
    # Nothing from the outage reached the database: the session waits for its score.
    assert orm(server_env, STATE.format(pk=pk)) == "running 1 1 False"

    finished = browser.post(f"{player}finish/", {"pain_after": "3"})
    assert finished.status == 302
    assert finished.location == "/journal/"
    assert orm(server_env, STATE.format(pk=pk)) == "finished 1 1 True"
    assert "3" in browser.get("/journal/").text()


# Failures half-way through a request, in-process -----------------------------------------


def fail(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def client_503(user, settings) -> Client:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def two_step_routine(user) -> Routine:
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine, position=0, point=PointFactory(code="BL40"), hold_seconds=5)
    StepFactory(routine=routine, position=1, point=PointFactory(code="GB30"), hold_seconds=5)
    return routine


def test_finish_failing_after_closing_the_session_leaves_it_open_and_without_entry(
    client_503, user, monkeypatch
):
    practice = sessions.start_practice(user, two_step_routine(user), 6, timezone.now())
    sessions.end_early(practice, timezone.now())
    url = f"/practice/{practice.pk}/finish/"

    # The session is marked finished first, then the entry insert fails.
    monkeypatch.setattr("journal.finish.Entry.objects.create", fail)
    response = client_503.post(url, {"pain_after": "2"})

    assert response.status_code == 503
    practice.refresh_from_db()
    assert practice.state == Practice.State.RUNNING
    assert practice.ended_at is None
    assert not Entry.objects.exists()

    monkeypatch.undo()
    assert client_503.post(url, {"pain_after": "2"}).status_code == 302
    assert Entry.objects.get().practice == practice


def test_start_failing_after_clearing_the_old_session_keeps_the_old_one(
    client_503, user, monkeypatch
):
    routine = two_step_routine(user)
    unfinished = sessions.start_practice(user, routine, 6, timezone.now())

    # Starting afresh deletes the unfinished session, then creating the new one fails.
    monkeypatch.setattr("practice.views.sessions.start_practice", fail)
    response = client_503.post(f"/practice/start/{routine.pk}/", {"pain": "4"})

    assert response.status_code == 503
    assert list(Practice.objects.all()) == [unfinished]


def test_adding_a_step_failing_while_renumbering_adds_nothing(client_503, user, monkeypatch):
    routine = two_step_routine(user)
    point = PointFactory(code="GB34")

    monkeypatch.setattr("routines.builder._renumber", fail)
    response = client_503.post(f"/routines/{routine.pk}/steps/add/", {"point": point.pk})

    assert response.status_code == 503
    assert list(routine.steps.values_list("point__code", "position")) == [
        ("BL40", 0),
        ("GB30", 1),
    ]


def test_copying_a_starter_failing_on_its_steps_leaves_no_empty_copy(client_503, user, monkeypatch):
    starter = StarterRoutineFactory()
    StepFactory(routine=starter, point=PointFactory(code="BL40"))

    monkeypatch.setattr("routines.builder.Step.objects.bulk_create", fail)
    response = client_503.post(f"/routines/starters/{starter.slug}/use/")

    assert response.status_code == 503
    assert not Routine.objects.filter(owner=user).exists()
    assert Step.objects.count() == 1
