"""The app server is killed in the middle of a session and started again: the session resumes."""

import re
import time

import pytest

from tests.faults.helpers import orm
from tests.support.harness import Browser

pytestmark = pytest.mark.slow

SEED = """
from django.contrib.auth.hashers import make_password
from acupressure.models import User
from points.models import Point
from routines.models import Routine, Step
user = User.objects.create(username="restart", password=make_password("restart-pass-123"),
                           get_ready_seconds=0)
routine = Routine.objects.create(owner=user, name="Restart routine")
first, second = Point.objects.filter(code__in=["BL40", "GB30"]).order_by("code")
Step.objects.create(routine=routine, position=0, point=first, side="left", hold_seconds=5)
Step.objects.create(routine=routine, position=1, point=second, side="left", hold_seconds=60)
print(routine.pk)
"""


def step_state(html: str) -> tuple[int, int, str]:
    """The player's current phase index, milliseconds left and point code, as the page shows."""
    index = int(re.search(r'data-index="(\d+)"', html).group(1))
    remaining = int(re.search(r'data-remaining-ms="(\d+)"', html).group(1))
    code = re.search(r'class="badge badge-code player-code">([^<]+)<', html).group(1)
    return index, remaining, code


def test_a_session_resumes_at_the_right_step_after_kill_9(server_env, start_server):
    routine_pk = int(orm(server_env, SEED).splitlines()[-1])
    server = start_server(workers=2)
    browser = Browser(server.port)
    assert browser.login("restart", "restart-pass-123").status == 302

    started = browser.post(f"/practice/start/{routine_pk}/", {"pain": "6"})
    assert started.status == 302
    player = started.location
    index, remaining, code = step_state(browser.get(player).text())
    assert (index, code) == (0, "BL40")

    # The first hold is 5 s: wait for it, then the timer's advance is accepted.
    time.sleep(remaining / 1000 + 0.1)
    advanced = browser.post(f"{player}advance/", {"index": "0"}, htmx=True)
    assert advanced.status == 200
    advanced_at = time.monotonic()
    index, remaining, code = step_state(advanced.text())
    assert (index, code) == (1, "GB30")
    assert 58_000 <= remaining <= 60_000

    server.kill()  # kill -9 the master and its workers: no clean shutdown
    browser.close()
    with pytest.raises(OSError):
        Browser(server.port, timeout=2).get("/healthz")

    restarted = start_server(workers=2, port=server.port)
    resumed = browser.get(player)  # the same cookies: the session survived the restart too

    assert resumed.status == 200
    index, remaining, code = step_state(resumed.text())
    assert (index, code) == (1, "GB30")
    # The deadline is kept in the database: the time left went on counting during the outage.
    expected = 60_000 - (time.monotonic() - advanced_at) * 1000
    assert abs(remaining - expected) < 1_500, (remaining, expected)
    assert "Point 2 of 2" in resumed.text()

    # And the session goes on: the next action is applied to the resumed step.
    skipped = browser.post(f"{player}skip/", htmx=True)
    assert skipped.status == 200
    assert "Session complete" in skipped.text()
    restarted.stop()
