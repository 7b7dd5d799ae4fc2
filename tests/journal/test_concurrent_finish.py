"""Two tabs, two devices or a double click finishing the same session at once make one entry.

Each thread has its own database connection (Django keeps one per thread), so the requests
really race: on PostgreSQL the row lock queues them, on SQLite the immediate transaction does.

The in-memory SQLite database the test run uses is shared between threads through SQLite's
shared cache, which refuses a second writer ("table is locked") where a database file makes it
wait. So on SQLite the race runs in a child process against a database file configured exactly
as the app configures it (WAL, immediate transactions, busy timeout); this file is also that
child's script.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import Client

THREADS = 4
ROOT = Path(__file__).resolve().parents[2]


def race(cookies, posts: list[tuple[str, str]]) -> list:
    """POST each (path, score) from its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(posts))
    results: list = [None] * len(posts)

    def post(index: int) -> None:
        try:
            client = Client()
            client.cookies = cookies
            barrier.wait(timeout=10)
            path, score = posts[index]
            response = client.post(path, {"pain_after": score})
            results[index] = [response.status_code, response.get("Location")]
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def same_session_race() -> dict:
    """Several finishes of one session, then several finishes of two sessions at once."""
    from journal.models import Entry
    from practice.models import Practice
    from tests.factories import PracticeFactory, UserFactory

    user = UserFactory()
    client = Client()
    client.force_login(user)
    practice = PracticeFactory(owner=user, pain_before=7)
    path = f"/practice/{practice.pk}/finish/"
    same = race(client.cookies, [(path, str(score)) for score in range(1, THREADS + 1)])
    practice.refresh_from_db()

    first, second = PracticeFactory(owner=user), PracticeFactory(owner=user)
    posts = [(f"/practice/{p.pk}/finish/", score) for p in (first, second) for score in "34"]
    two = race(client.cookies, posts)
    return {
        "same": same,
        "same_entries": list(
            Entry.objects.filter(practice=practice).values_list("pain_after", flat=True)
        ),
        "same_finished": practice.state == Practice.State.FINISHED,
        "two": two,
        "two_entries": [Entry.objects.filter(practice=p).count() for p in (first, second)],
    }


def check(outcome: dict) -> None:
    assert outcome["same"] == [[302, "/journal/"]] * THREADS, outcome["same"]
    assert len(outcome["same_entries"]) == 1
    assert outcome["same_entries"][0] in {1, 2, 3, 4}
    assert outcome["same_finished"]
    assert outcome["two"] == [[302, "/journal/"]] * 4, outcome["two"]
    assert outcome["two_entries"] == [1, 1]


def in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_finishes_make_one_entry(attempt):
    if in_memory_sqlite():
        pytest.skip("the in-memory database cannot queue writers: see the database file test")
    check(same_session_race())


@pytest.mark.parametrize("attempt", range(2))
def test_simultaneous_finishes_make_one_entry_on_a_sqlite_file(tmp_path, attempt):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "acupressure.settings",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, __file__],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    check(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(json.dumps(same_session_race()))
