"""Two tabs (or two devices) editing the same routine at once: no step lost or doubled."""

import json
import threading

import pytest

from tests.faults.helpers import orm
from tests.support.harness import Browser

pytestmark = pytest.mark.slow

SEED = """
import json
from django.contrib.auth.hashers import make_password
from acupressure.models import User
from points.models import Point
from routines.models import Routine
user = User.objects.create(username="tabs", password=make_password("tabs-pass-1234"))
routine = Routine.objects.create(owner=user, name="Edited in two tabs")
points = list(Point.objects.order_by("code").values_list("pk", flat=True)[:20])
print(json.dumps({"routine": routine.pk, "points": points}))
"""

STEPS = """
import json
from routines.models import Step
print(json.dumps(list(Step.objects.filter(routine_id={pk}).order_by("position", "id")
                      .values_list("pk", "position", "point_id"))))
"""


def steps_of(env, routine_pk: int) -> list[list[int]]:
    return json.loads(orm(env, STEPS.format(pk=routine_pk)).splitlines()[-1])


def tabs(port: int, count: int) -> list[Browser]:
    """Browser tabs of one person: separate connections, the same cookies."""
    first = Browser(port)
    assert first.login("tabs", "tabs-pass-1234").status == 302
    return [first] + [Browser(port, cookies=dict(first.cookies)) for _ in range(count - 1)]


def run_together(jobs: list) -> None:
    """Start every job at the same moment (as far as threads allow) and wait for all."""
    barrier = threading.Barrier(len(jobs))

    def go(job) -> None:
        barrier.wait()
        job()

    threads = [threading.Thread(target=go, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def test_adding_steps_from_several_tabs_at_once_keeps_every_step_once(server_env, start_server):
    seeded = json.loads(orm(server_env, SEED).splitlines()[-1])
    routine, points = seeded["routine"], seeded["points"][:12]
    server = start_server(workers=3)
    browsers = tabs(server.port, 4)
    statuses: list[int] = []
    lock = threading.Lock()

    def add(browser: Browser, point: int):
        def job() -> None:
            response = browser.post(
                f"/routines/{routine}/steps/add/", {"point": str(point)}, htmx=True
            )
            with lock:
                statuses.append(response.status)

        return job

    # Three rounds of four tabs adding a point each at the same instant.
    for round_start in range(0, len(points), 4):
        run_together(
            [
                add(b, p)
                for b, p in zip(browsers, points[round_start : round_start + 4], strict=True)
            ]
        )

    assert statuses.count(200) == len(points), statuses
    steps = steps_of(server_env, routine)
    assert [position for _, position, _ in steps] == list(range(len(points)))
    assert sorted(point for _, _, point in steps) == sorted(points)


def test_adding_moving_and_removing_at_once_keeps_positions_whole(server_env, start_server):
    seeded = json.loads(orm(server_env, SEED).splitlines()[-1])
    routine, points = seeded["routine"], seeded["points"]
    server = start_server(workers=3)
    first, second, third = tabs(server.port, 3)
    for point in points[:8]:
        added_one = first.post(f"/routines/{routine}/steps/add/", {"point": str(point)}, htmx=True)
        assert added_one.status == 200
    before = steps_of(server_env, routine)
    removed = [pk for pk, _, _ in before[:3]]
    moved = before[5][0]
    added = points[8:11]
    outcomes: list[tuple[str, int]] = []
    lock = threading.Lock()

    def post(browser: Browser, what: str, path: str, data: dict | None = None):
        def job() -> None:
            response = browser.post(path, data, htmx=True)
            with lock:
                outcomes.append((what, response.status))

        return job

    for step_pk, point in zip(removed, added, strict=True):
        run_together(
            [
                post(first, "remove", f"/routines/{routine}/steps/{step_pk}/remove/"),
                post(second, "add", f"/routines/{routine}/steps/add/", {"point": str(point)}),
                post(
                    third,
                    "move",
                    f"/routines/{routine}/steps/{moved}/move/",
                    {"direction": "up"},
                ),
            ]
        )

    assert all(status == 200 for _, status in outcomes), outcomes
    steps = steps_of(server_env, routine)
    assert [position for _, position, _ in steps] == list(range(len(steps)))
    assert len(steps) == len(before) - len(removed) + len(added)
    remaining_pks = {pk for pk, _, _ in steps}
    assert not remaining_pks & set(removed)
    assert sorted(point for _, _, point in steps) == sorted(points[3:11])
