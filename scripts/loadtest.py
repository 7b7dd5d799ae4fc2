"""Load test: many people doing a whole session at once, then a check that nothing was lost.

Starts gunicorn on 127.0.0.1 with production settings on a scratch database (a SQLite file in
a temporary folder, or a PostgreSQL database created for the run and dropped after), loads the
catalogue, gives each simulated person an account and a short routine, and lets them all go
through the journey at the same time until the time or the request cap runs out:

    log in → today → start a session with a pain score → player (page and htmx fragment)
    → advance (too early: refused) → skip → end early → finish page → pain score → journal

Every fifth session posts its pain score twice at once, as a double click on a slow phone does.
It reports requests per second, latency percentiles and statuses, then checks the database:
every finished session has exactly one journal entry, every accepted score is there with the
value sent, and nothing is half written. Exits non-zero on any 5xx, connection error,
unexpected status or integrity failure.

    .venv/bin/python scripts/loadtest.py [--database auto|sqlite|postgres] [--users 50]
        [--seconds 60] [--workers 3] [--max-requests 60000] [--json results.json]
"""

import argparse
import collections
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.harness import (  # noqa: E402
    Browser,
    Response,
    Server,
    app_env,
    django_setup,
    percentile,
    postgres_answers,
    postgres_database,
    prepare,
)

PASSWORD = "load-test-password-1234"  # noqa: S105
PLAYER = re.compile(r"^/practice/(\d+)/$")
HOLD_SECONDS = 5  # the shortest hold a step may have
POINT_CODES = ("BL40", "GB30", "BL23", "GB34", "BL57")


@dataclass
class Results:
    """What every simulated person saw, gathered under one lock."""

    max_requests: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    statuses: collections.Counter = field(default_factory=collections.Counter)
    unexpected: collections.Counter = field(default_factory=collections.Counter)
    connection_errors: collections.Counter = field(default_factory=collections.Counter)
    finished: dict[int, int] = field(default_factory=dict)  # practice id -> pain after accepted
    started: set[int] = field(default_factory=set)
    sent: int = 0
    examples: list[str] = field(default_factory=list)

    def take_ticket(self) -> bool:
        with self.lock:
            if self.sent >= self.max_requests:
                return False
            self.sent += 1
            return True

    def record(self, name: str, response: Response, expected: tuple[int, ...]) -> None:
        with self.lock:
            self.timings[name].append(response.seconds)
            self.statuses[response.status] += 1
            if response.status not in expected:
                self.unexpected[(name, response.status)] += 1
                if len(self.examples) < 5:
                    text = response.text()
                    # The form's errors say more than the top of the page.
                    at = max(text.find('class="errorlist'), text.find("<main"), 0)
                    self.examples.append(f"{name} → {response.status}: {text[at : at + 400]}")

    def record_failure(self, name: str, error: Exception) -> None:
        with self.lock:
            self.connection_errors[(name, type(error).__name__)] += 1


class OutOfTickets(Exception):
    pass


class Person:
    """One simulated user going through sessions until the time is up."""

    def __init__(self, port: int, username: str, routine_pk: int, results: Results, rng) -> None:
        self.browser = Browser(port)
        self.username = username
        self.routine_pk = routine_pk
        self.results = results
        self.rng = rng
        self.logged_in = False

    def call(
        self,
        name: str,
        method: str,
        path: str,
        data: dict | None = None,
        *,
        expect: tuple[int, ...] = (200,),
        htmx: bool = False,
        browser: Browser | None = None,
    ) -> Response | None:
        if not self.results.take_ticket():
            raise OutOfTickets
        try:
            response = (browser or self.browser).request(method, path, data, htmx=htmx)
        except Exception as error:  # a refused or dropped connection is a failure to report
            self.results.record_failure(name, error)
            return None
        self.results.record(name, response, expect)
        return response

    def log_in(self) -> bool:
        try:
            self.call("login page", "GET", "/accounts/login/")
            response = self.call(
                "login",
                "POST",
                "/accounts/login/",
                {"username": self.username, "password": PASSWORD},
                expect=(302,),
            )
        except OutOfTickets:
            return False
        self.logged_in = response is not None and response.status == 302
        return self.logged_in

    def run(self, until: float) -> None:
        try:
            number = 0
            while self.logged_in and time.monotonic() < until:
                number += 1
                self.session(double_finish=number % 5 == 2)
        except OutOfTickets:
            pass
        finally:
            self.browser.close()

    def session(self, *, double_finish: bool) -> None:
        self.call("today", "GET", "/today/")
        response = self.call(
            "start",
            "POST",
            f"/practice/start/{self.routine_pk}/",
            {"pain": str(self.rng.randint(0, 10))},
            expect=(302,),
        )
        match = PLAYER.match(response.location) if response is not None else None
        if match is None:
            return
        pk = int(match.group(1))
        with self.results.lock:
            self.results.started.add(pk)
        player = f"/practice/{pk}/"
        self.call("player", "GET", player)
        self.call("player fragment", "GET", player, htmx=True)
        # The timer asking before its time is refused and gets the same step back.
        self.call("advance", "POST", f"{player}advance/", {"index": "0"}, htmx=True)
        self.call("skip", "POST", f"{player}skip/", htmx=True)
        self.call("end early", "POST", f"{player}end/", expect=(302,))
        self.call("finish page", "GET", f"{player}finish/")
        pain_after = str(self.rng.randint(0, 10))
        data = {"pain_after": pain_after, "feel": "right", "note": f"load {self.username}"}
        if double_finish:
            twin = Browser(self.browser.port, cookies=dict(self.browser.cookies))
            with ThreadPoolExecutor(2) as pool:
                answers = list(
                    pool.map(
                        lambda b: self.call(
                            "finish (double)",
                            "POST",
                            f"{player}finish/",
                            data,
                            expect=(302,),
                            browser=b,
                        ),
                        [self.browser, twin],
                    )
                )
            twin.close()
        else:
            answers = [self.call("finish", "POST", f"{player}finish/", data, expect=(302,))]
        if any(a is not None and a.status == 302 and a.location == "/journal/" for a in answers):
            with self.results.lock:
                self.results.finished[pk] = int(pain_after)
        self.call("journal", "GET", "/journal/")


def seed(users: int) -> list[tuple[str, int]]:
    """Accounts with a two-point routine each, straight through the ORM."""
    from django.contrib.auth.hashers import make_password
    from django.db import connections, transaction

    from acupressure.models import User
    from points.models import Point
    from routines.models import Routine, Step

    points = list(Point.objects.filter(code__in=POINT_CODES).order_by("code"))
    if len(points) < 2:
        points = list(Point.objects.order_by("code")[:2])
    password = make_password(PASSWORD)  # hashed once: every account shares the password
    people = []
    with transaction.atomic():
        for n in range(users):
            user = User.objects.create(
                username=f"load{n:04d}", password=password, get_ready_seconds=0
            )
            routine = Routine.objects.create(owner=user, name=f"Load routine {n}")
            Step.objects.bulk_create(
                Step(
                    routine=routine,
                    position=i,
                    point=point,
                    side=Step.Side.LEFT,
                    hold_seconds=HOLD_SECONDS,
                )
                for i, point in enumerate(points[:2])
            )
            people.append((user.username, routine.pk))
    connections.close_all()
    return people


def check_integrity(results: Results) -> list[str]:
    """Every finished session has exactly one entry; every accepted score is stored as sent."""
    from django.db.models import Count, Q

    from journal.models import Entry
    from routines.models import Practice

    problems = []
    load_users = Q(owner__username__startswith="load")
    practices = Practice.objects.filter(load_users).annotate(entries=Count("entry"))
    for practice in practices:
        finished = practice.state == Practice.State.FINISHED
        if finished and practice.entries != 1:
            problems.append(f"practice {practice.pk} finished with {practice.entries} entries")
        if not finished and practice.entries:
            problems.append(f"practice {practice.pk} is {practice.state} but has an entry")
    entries = Entry.objects.filter(user__username__startswith="load")
    by_practice = {e.practice_id: e for e in entries}
    if None in by_practice:
        problems.append("an entry without its practice")
    for pk, pain_after in results.finished.items():
        entry = by_practice.get(pk)
        if entry is None:
            problems.append(f"lost: practice {pk} was accepted but has no entry")
        elif entry.pain_after != pain_after:
            problems.append(f"practice {pk}: stored {entry.pain_after}, sent {pain_after}")
    if entries.count() != len(results.finished):
        problems.append(
            f"{entries.count()} entries for {len(results.finished)} accepted finishes "
            "(doubled or unexplained entries)"
        )
    return problems


def report(results: Results, seconds: float, label: str) -> dict:
    all_timings = [t for values in results.timings.values() for t in values]
    total = len(all_timings) + sum(results.connection_errors.values())
    summary = {
        "database": label,
        "requests": total,
        "seconds": round(seconds, 1),
        "requests_per_second": round(total / seconds, 1) if seconds else 0,
        "p50_ms": round(percentile(all_timings, 0.50) * 1000, 1),
        "p95_ms": round(percentile(all_timings, 0.95) * 1000, 1),
        "p99_ms": round(percentile(all_timings, 0.99) * 1000, 1),
        "statuses": dict(sorted(results.statuses.items())),
        "unexpected": {f"{n} {s}": c for (n, s), c in results.unexpected.items()},
        "connection_errors": {f"{n} {e}": c for (n, e), c in results.connection_errors.items()},
        "sessions_started": len(results.started),
        "sessions_finished": len(results.finished),
        "endpoints": {
            name: {
                "count": len(values),
                "p50_ms": round(percentile(values, 0.50) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            }
            for name, values in results.timings.items()
        },
    }
    print(f"\n== {label}: {total} requests in {seconds:.1f} s")
    print(
        f"   {summary['requests_per_second']} requests/s; latency p50 {summary['p50_ms']} ms, "
        f"p95 {summary['p95_ms']} ms, p99 {summary['p99_ms']} ms"
    )
    print(f"   statuses: {summary['statuses']}")
    print(f"   sessions: {len(results.started)} started, {len(results.finished)} finished")
    for name, figures in summary["endpoints"].items():
        print(
            f"   {name:<18} {figures['count']:>6}  p50 {figures['p50_ms']:>7} ms  "
            f"p95 {figures['p95_ms']:>7} ms"
        )
    if results.unexpected:
        print(f"   UNEXPECTED: {summary['unexpected']}")
        for example in results.examples:
            print(f"     {example}")
    if results.connection_errors:
        print(f"   CONNECTION ERRORS: {summary['connection_errors']}")
    return summary


def run_one(args: argparse.Namespace, database: str) -> int:
    with tempfile.TemporaryDirectory(prefix="acupressure-load-") as tmp:
        tmp_path = Path(tmp)
        if database == "postgres":
            context = postgres_database("acupressure_load")
        else:
            context = _sqlite(tmp_path / "load.sqlite3")
        with context as database_url:
            env = app_env(database_url, tmp_path / "static")
            print(f"[{database}] migrating, loading the catalogue, collecting static files…")
            prepare(env)
            django_setup(env)
            people = seed(args.users)
            print(
                f"[{database}] {args.users} people, {args.seconds} s, gunicorn with "
                f"{args.workers} workers, at most {args.max_requests} requests"
            )
            results = Results(max_requests=args.max_requests)
            log = tmp_path / "gunicorn.log"
            with Server(env, workers=args.workers, log=log) as server:
                rng = random.Random(args.seed)  # noqa: S311
                persons = [
                    Person(server.port, username, routine_pk, results, random.Random(rng.random()))
                    for username, routine_pk in people
                ]
                # Everyone logs in first, all at once: the password hash is slow on purpose,
                # so logging in is measured as its own phase.
                login_started = time.monotonic()
                with ThreadPoolExecutor(len(persons)) as pool:
                    logged_in = sum(pool.map(lambda person: person.log_in(), persons))
                login_seconds = time.monotonic() - login_started
                print(
                    f"[{database}] {logged_in} of {len(persons)} logged in, {login_seconds:.1f} s"
                )
                login_timings = {k: results.timings.pop(k) for k in ("login page", "login")}

                started = time.monotonic()
                until = started + args.seconds
                threads = [
                    threading.Thread(target=person.run, args=(until,), daemon=True)
                    for person in persons
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=args.seconds + 120)
                elapsed = time.monotonic() - started
            summary = report(results, elapsed, database)
            summary["login_phase"] = {
                "seconds": round(login_seconds, 1),
                "logins": len(login_timings["login"]),
                "p50_ms": round(percentile(login_timings["login"], 0.5) * 1000, 1),
                "p95_ms": round(percentile(login_timings["login"], 0.95) * 1000, 1),
            }
            print(
                f"   login phase (not in the figures above): {logged_in} logins in "
                f"{login_seconds:.1f} s, p50 {summary['login_phase']['p50_ms']} ms, "
                f"p95 {summary['login_phase']['p95_ms']} ms"
            )
            problems = check_integrity(results)
            from django.db import connections

            connections.close_all()
            server_errors = sum(c for s, c in results.statuses.items() if s >= 500)
            log_text = log.read_text(errors="replace")
            locked = log_text.count("database is locked")
            if locked:
                problems.append(f"'database is locked' {locked} times in the server log")
            summary["integrity_problems"] = problems
            if problems:
                print("   INTEGRITY PROBLEMS:")
                for problem in problems[:20]:
                    print(f"     {problem}")
            else:
                print(
                    f"   integrity: {len(results.finished)} accepted scores, each stored once "
                    "with the value sent; no half-finished session"
                )
            if server_errors:
                print(f"   server log tail:\n{log_text[-3000:]}")
            if args.json:
                Path(args.json).write_text(json.dumps(summary, indent=2))
            failed = server_errors or results.unexpected or results.connection_errors or problems
            return 1 if failed else 0


class _sqlite:
    def __init__(self, path: Path) -> None:
        self.url = f"sqlite:///{path}"

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc: object) -> None:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["auto", "sqlite", "postgres"], default="auto")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--max-requests", type=int, default=60_000, help="hard cap on requests")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    args.users = max(1, min(args.users, 500))
    args.seconds = max(1.0, min(args.seconds, 600.0))

    if args.database != "auto":
        return run_one(args, args.database)
    # Each database in its own process: Django's settings are fixed once set up.
    databases = ["sqlite"] + (["postgres"] if postgres_answers() else [])
    if len(databases) == 1:
        print("PostgreSQL does not answer on 127.0.0.1:5432: SQLite only.")
    code = 0
    for database in databases:
        command = [sys.executable, __file__, *_passed_on(args), "--database", database]
        code |= subprocess.run(command, check=False).returncode
    return code


def _passed_on(args: argparse.Namespace) -> list[str]:
    passed = [
        f"--users={args.users}",
        f"--seconds={args.seconds}",
        f"--workers={args.workers}",
        f"--max-requests={args.max_requests}",
        f"--seed={args.seed}",
    ]
    return passed


if __name__ == "__main__":
    sys.exit(main())
