"""Two starts of one routine at the same moment (a double tap, two tabs) leave one session.

The requests race from threads of their own, each with its own database connection; on SQLite
the race runs in a child process against a database file, as the concurrent-finish test
explains (tests/journal/test_concurrent_finish.py).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.journal.test_concurrent_finish import in_memory_sqlite, race

THREADS = 4
ROOT = Path(__file__).resolve().parents[2]


def start_race() -> dict:
    from practice.models import Practice
    from tests.factories import PointFactory, RoutineFactory, StepFactory, UserFactory

    user = UserFactory()
    client = Client()
    client.force_login(user)
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine, point=PointFactory(), hold_seconds=30)
    results = race(client.cookies, [(f"/practice/start/{routine.pk}/", "5")] * THREADS)
    unfinished = Practice.objects.filter(owner=user).exclude(state=Practice.State.FINISHED)
    return {"results": results, "unfinished": unfinished.count()}


def check(outcome: dict) -> None:
    assert all(result[0] == 302 for result in outcome["results"]), outcome["results"]
    assert outcome["unfinished"] == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_starts_leave_one_unfinished_session(attempt):
    if in_memory_sqlite():
        pytest.skip("the in-memory database cannot queue writers: see the database file test")
    check(start_race())


def test_simultaneous_starts_leave_one_unfinished_session_on_a_sqlite_file(tmp_path):
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
    print(json.dumps(start_race()))
