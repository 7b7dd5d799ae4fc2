"""Each reminder goes once: two senders at once on PostgreSQL, and a sender killed halfway.

Both need a database that other connections see, so they run on PostgreSQL only
(DATABASE_URL=postgres://…): threads, each with a connection of its own, for two senders
racing; a real `manage.py sendreminders` process for the kill.
"""

import datetime
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import zoneinfo
from pathlib import Path

import pytest
from django.db import connection, connections

from practice.models import SentReminder
from practice.reminders import sender
from tests.factories import ReminderFactory, RoutineFactory, UserFactory
from tests.support.smtp_sink import SMTPSink

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
LONDON = zoneinfo.ZoneInfo("Europe/London")
WAIT_SECONDS = 60


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("two senders and a killed sender need PostgreSQL (DATABASE_URL)")


@pytest.fixture
def sink(settings):
    server = SMTPSink()
    server.start()
    settings.MAILERS = server.mailers(timeout=10)
    yield server
    server.handler.released.set()
    server.stop()


def due_reminders(count: int, at: datetime.time) -> list:
    made = []
    for n in range(count):
        owner = UserFactory(username=f"person{n}", timezone="Europe/London")
        routine = RoutineFactory(owner=owner, name=f"Routine {n}", practice_time=at)
        made.append(ReminderFactory(routine=routine, by_push=False, by_email=True))
    return made


def received(sink) -> list[str]:
    return sorted(m.message["Subject"] for m in sink.messages)


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@pytest.mark.parametrize("attempt", range(3))
def test_two_senders_at_once_send_each_reminder_once(sink, attempt):
    now = datetime.datetime(2026, 6, 3, 7, 0, 30, tzinfo=datetime.UTC)
    due_reminders(20, datetime.time(8, 0))
    barrier = threading.Barrier(2)
    rounds: list = [None, None]

    def run(index: int) -> None:
        try:
            jobs = sender.due_jobs(now)
            # Each sender works through the batch in its own order, so they collide all along.
            random.Random(attempt * 2 + index).shuffle(jobs)
            barrier.wait(timeout=30)
            rounds[index] = sender.send_due(now, jobs=jobs)
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            rounds[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not any(isinstance(r, Exception) for r in rounds), rounds
    assert received(sink) == sorted(f"Time for Routine {n}" for n in range(20))
    assert len(rounds[0].sent) + len(rounds[1].sent) == 20
    # Both really worked: neither sender sent the whole batch alone.
    assert rounds[0].sent and rounds[1].sent
    assert SentReminder.objects.filter(state=SentReminder.State.SENT).count() == 20


def sender_env(sink, settings) -> dict[str, str]:
    """A sender process on the test database, mailing through the sink."""
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return {
        **os.environ,
        "DATABASE_URL": urllib.parse.urlunsplit(
            url._replace(path="/" + connection.settings_dict["NAME"])
        ),
        "DJANGO_SETTINGS_MODULE": "acupressure.settings",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
        "EMAIL_USE_TLS": "0",
        "SITE_URL": settings.SITE_URL,
    }


def test_the_long_running_sender_sends_and_stops_cleanly_on_sigterm(sink, settings, tmp_path):
    practice_time = (datetime.datetime.now(LONDON) - datetime.timedelta(minutes=1)).time()
    due_reminders(2, practice_time.replace(second=0, microsecond=0))
    log_path = tmp_path / "sender.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-u", "manage.py", "sendreminders"],
            cwd=ROOT,
            env=sender_env(sink, settings),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: len(sink.messages) == 2, "the first round to send both reminders")
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                process.kill()
    output = log_path.read_text()
    assert "sendreminders is running" in output
    assert "sent 2, to retry 0, given up 0" in output
    assert output.rstrip().endswith("sendreminders stopped.")


def test_a_sender_killed_halfway_loses_nothing_and_doubles_nothing(sink, settings, tmp_path):
    # Due a minute ago, by the real clock: the sender runs as a process of its own.
    practice_time = (datetime.datetime.now(LONDON) - datetime.timedelta(minutes=1)).time()
    reminders = due_reminders(6, practice_time.replace(second=0, microsecond=0))
    sink.handler.stall_after = 3
    env = sender_env(sink, settings)
    log = (tmp_path / "sender.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "sendreminders", "--once"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # Three delivered, the fourth in the middle of being sent: now it dies.
        wait_for(lambda: sink.handler.stalled == 1, "the sender to reach the fourth reminder")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert len(sink.messages) == 3
    states = sorted(SentReminder.objects.values_list("state", flat=True))
    assert states == ["claimed", "sent", "sent", "sent"]

    sink.handler.stall_after = None
    sink.handler.released.set()
    # Restarted at once: the two never claimed go; the one claimed by the dead sender waits,
    # as it would for a sender that is still busy with it.
    restart = datetime.datetime.now(datetime.UTC)
    assert len(sender.send_due(restart).sent) == 2
    assert len(sink.messages) == 5
    # Once the claim is older than the claim timeout, it is taken over and sent.
    later = sender.send_due(restart + sender.CLAIM_TIMEOUT + datetime.timedelta(seconds=1))
    assert len(later.sent) == 1
    assert received(sink) == sorted(f"Time for {r.routine.name}" for r in reminders)
    assert SentReminder.objects.filter(state=SentReminder.State.SENT).count() == 6
    # And nothing more on a later round.
    sender.send_due(restart + datetime.timedelta(minutes=10))
    assert len(sink.messages) == 6
