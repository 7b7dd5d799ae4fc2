"""Load test: many people running a guided session at once, then a check that nothing was lost.

Starts gunicorn on 127.0.0.1 with production settings on a scratch database (a SQLite file in
a temporary folder, or a PostgreSQL database created for the run and dropped after), loads the
catalogue, gives each simulated person an account and a short routine (one or two points held
5 seconds, the shortest hold, on one side or the midline, no get-ready lead-in), and lets them
all go through sessions at the same time until the time or the request cap runs out.

Most people run the session as the player does in a browser:

    log in → today → start a session with a pain score → player page
    → (once per point) the step fragment again with HX-Request, as when the tab comes back
    → when the time the server gave is up: advance (htmx POST naming the step's index)
    → ... until the session is complete → finish page → pain score → journal

The timer is the one in templates/practice/player.html: the advance form carries
``hx-trigger="load delay:<remaining>ms"`` and a hidden ``index``; htmx posts it that long
after the fragment arrives, and every fragment that arrives schedules it afresh. An advance
sent at or after that moment must be accepted (the step moves on); a refused one is an error.
Every tenth person is impatient: after a second or three on the player, advance anyway
(refused: too early), skip, end early.
Every fifth session posts its pain score twice at once, as a double tap on a slow phone does.

It reports requests per second, latency percentiles and statuses, accepted and refused
advances, how long sessions took against their timed length, then checks the database: every
finished session has exactly one journal entry, every accepted score is there with the value
sent, and nothing is half written. Exits non-zero on any 5xx, connection error, unexpected
status, refused on-time advance or integrity failure.

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

from tests.support.harness import (  # noqa: E402
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
# One point on the midline, or a midline point then one side of another: 5 or 10 s of timer.
ROUTINES = (
    (("GV4", "midline"),),
    (("GV4", "midline"), ("BL40", "left")),
)
IMPATIENT_EVERY = 10  # every tenth person skips and ends early instead of waiting
IMPATIENT_PAUSE = (1.0, 3.0)  # seconds on the player before the early advance: still 2 s early
# A session still running this long after the time is up is left where it is.
GRACE_SECONDS = 30
TARGETS = (
    "no 5xx, no dropped connection, every on-time advance accepted, "
    "every finished session exactly one entry"
)

# What the player's step fragment says about the timer (templates/practice/player.html).
STATE = re.compile(r'class="player-state[^"]*"[^>]*\bdata-index="(\d+)"[^>]*\bdata-state="(\w+)"')
TRIGGER = re.compile(r'hx-trigger="load delay:(\d+)ms"')
INDEX_FIELD = re.compile(r'name="index" value="(\d+)"')
REMAINING = re.compile(r'data-remaining-ms="(\d+)"')


@dataclass
class PlayerView:
    """The player as the browser sees it after a page or fragment arrives."""

    index: int
    state: str  # running, paused, complete or closed
    delay_ms: int | None  # when htmx will post the advance, counted from arrival
    form_index: int | None  # the index the advance form names
    received: float  # time.monotonic() when it arrived

    @property
    def timer_at(self) -> float | None:
        if self.delay_ms is None:
            return None
        return self.received + self.delay_ms / 1000


def read_step(response: Response) -> PlayerView | None:
    text = response.text()
    state = STATE.search(text)
    if state is None:
        return None
    trigger = TRIGGER.search(text)
    form_index = INDEX_FIELD.search(text)
    delay = int(trigger.group(1)) if trigger else None
    if delay is None and state.group(2) == "running":
        # No htmx timer on the form: fall back on the countdown's remaining time.
        remaining = REMAINING.search(text)
        delay = int(remaining.group(1)) if remaining else None
    return PlayerView(
        index=int(state.group(1)),
        state=state.group(2),
        delay_ms=delay,
        form_index=int(form_index.group(1)) if form_index else None,
        received=time.monotonic(),
    )


@dataclass
class Results:
    """What every simulated person saw, gathered under one lock."""

    max_requests: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    statuses: collections.Counter = field(default_factory=collections.Counter)
    unexpected: collections.Counter = field(default_factory=collections.Counter)
    connection_errors: collections.Counter = field(default_factory=collections.Counter)
    journey_errors: collections.Counter = field(default_factory=collections.Counter)
    counts: collections.Counter = field(default_factory=collections.Counter)
    finished: dict[int, int] = field(default_factory=dict)  # practice id -> pain after accepted
    started: set[int] = field(default_factory=set)
    session_seconds: dict[int, list[float]] = field(
        default_factory=lambda: collections.defaultdict(list)
    )  # timed length -> wall time from start to complete
    advance_late: list[float] = field(default_factory=list)  # seconds after the timer was due
    sent: int = 0
    examples: list[str] = field(default_factory=list)

    def take_ticket(self) -> bool:
        with self.lock:
            if self.sent >= self.max_requests:
                return False
            self.sent += 1
            return True

    def _example(self, label: str, response: Response) -> None:
        if len(self.examples) < 5:
            text = response.text()
            # The form's errors or the player's notice say more than the top of the page.
            at = max(text.find('class="errorlist'), text.find("player-notice"), 0)
            if at == 0:
                at = max(text.find("<main"), 0)
            self.examples.append(f"{label}: {text[at : at + 400]}")

    def record(self, name: str, response: Response, expected: tuple[int, ...]) -> None:
        with self.lock:
            self.timings[name].append(response.seconds)
            self.statuses[response.status] += 1
            if response.status not in expected:
                self.unexpected[(name, response.status)] += 1
                self._example(f"{name} → {response.status}", response)

    def record_failure(self, name: str, error: Exception) -> None:
        with self.lock:
            self.connection_errors[(name, type(error).__name__)] += 1

    def journey_error(self, what: str, response: Response | None = None) -> None:
        with self.lock:
            self.journey_errors[what] += 1
            if response is not None:
                self._example(what, response)

    def count(self, what: str, n: int = 1) -> None:
        with self.lock:
            self.counts[what] += n


class OutOfTickets(Exception):
    pass


class Person:
    """One simulated user going through sessions until the time is up."""

    def __init__(
        self,
        port: int,
        username: str,
        routine_pk: int,
        timed_seconds: int,
        results: Results,
        rng: random.Random,
        *,
        impatient: bool,
    ) -> None:
        self.browser = Browser(port)
        self.username = username
        self.routine_pk = routine_pk
        self.timed_seconds = timed_seconds
        self.results = results
        self.rng = rng
        self.impatient = impatient
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

    def run(self, until: float, hard_stop: float) -> None:
        try:
            number = 0
            while self.logged_in and time.monotonic() < until:
                number += 1
                self.session(double_finish=number % 5 == 2, hard_stop=hard_stop)
        except OutOfTickets:
            pass
        finally:
            self.browser.close()

    def session(self, *, double_finish: bool, hard_stop: float) -> None:
        kind = "impatient" if self.impatient else "timed"
        self.call("today", "GET", "/today/")
        started_at = time.monotonic()
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
        self.results.count(f"sessions started ({kind})")
        player = f"/practice/{pk}/"
        response = self.call("player", "GET", player)
        step = self.step(response, "player")
        if step is None:
            return
        if self.impatient:
            if not self.cut_short(player, step):
                return
        else:
            if not self.run_timer(player, step, hard_stop):
                return
            self.results.count("sessions completed by the timer")
            with self.results.lock:
                self.results.session_seconds[self.timed_seconds].append(
                    time.monotonic() - started_at
                )
        self.finish(pk, player, double_finish=double_finish, kind=kind)

    def step(self, response: Response | None, what: str) -> PlayerView | None:
        """The player as this answer leaves it; None (and an error) if it cannot be read."""
        if response is None or response.status != 200:
            return None
        step = read_step(response)
        if step is None:
            self.results.journey_error(f"{what}: no player state in the page", response)
            return None
        if step.state == "running" and (step.delay_ms is None or step.form_index is None):
            self.results.journey_error(f"{what}: a running step without its timer", response)
            return None
        if step.form_index is not None and step.form_index != step.index:
            self.results.journey_error(f"{what}: the timer names another step", response)
            return None
        return step

    def run_timer(self, player: str, step: PlayerView, hard_stop: float) -> bool:
        """Wait out each step as htmx does and advance; True once the session is complete."""
        polled: set[int] = set()
        while step.state == "running":
            if time.monotonic() > hard_stop:
                self.results.count("sessions still running at the hard stop")
                return False
            due = step.timer_at
            assert due is not None  # checked in step()
            if step.index not in polled:
                # Once per point, the fragment is fetched again part-way through, as when the
                # tab comes back into view; its answer reschedules the timer.
                polled.add(step.index)
                time.sleep(max(0.0, due - time.monotonic()) * self.rng.uniform(0.2, 0.8))
                fresh = self.step(
                    self.call("player fragment", "GET", player, htmx=True), "player fragment"
                )
                if fresh is None:
                    return False
                if fresh.index != step.index or fresh.state != step.state:
                    self.results.journey_error("the session moved on without an advance")
                    return False
                step = fresh
                continue
            time.sleep(max(0.0, due - time.monotonic()))
            sent_at = time.monotonic()
            response = self.call(
                "advance (on time)",
                "POST",
                f"{player}advance/",
                {"index": str(step.form_index)},
                htmx=True,
            )
            following = self.step(response, "advance")
            if following is None:
                return False
            with self.results.lock:
                self.results.advance_late.append(sent_at - due)
            if following.index == step.index + 1:
                self.results.count("advances accepted")
            elif following.index == step.index:
                self.results.count("advances refused")
                self.results.journey_error(
                    "advance sent at or after the deadline was refused", response
                )
                return False
            else:
                self.results.journey_error(
                    f"advance moved from step {step.index} to {following.index}", response
                )
                return False
            step = following
        if step.state != "complete":
            self.results.journey_error(f"timer ended in state {step.state}")
            return False
        return True

    def cut_short(self, player: str, step: PlayerView) -> bool:
        """The impatient way: a tap on "next" well before time (refused), skip, end early."""
        # A moment to read the point first, still seconds before the hold is over.
        time.sleep(self.rng.uniform(*IMPATIENT_PAUSE))
        response = self.call(
            "advance (early)",
            "POST",
            f"{player}advance/",
            {"index": str(step.form_index if step.form_index is not None else step.index)},
            htmx=True,
        )
        after = self.step(response, "early advance")
        if after is None:
            return False
        if after.index == step.index:
            self.results.count("early advances refused (as they should be)")
        else:
            self.results.count("early advances accepted")
            self.results.journey_error("an advance sent 5 s early was accepted", response)
        self.call("skip", "POST", f"{player}skip/", htmx=True)
        response = self.call("end early", "POST", f"{player}end/", expect=(302,))
        return response is not None and response.status == 302

    def finish(self, pk: int, player: str, *, double_finish: bool, kind: str) -> None:
        self.call("finish page", "GET", f"{player}finish/")
        pain_after = str(self.rng.randint(0, 10))
        data = {"pain_after": pain_after, "feel": "right", "note": f"load {self.username}"}
        if double_finish:
            twin = Browser(self.browser.port, cookies=dict(self.browser.cookies))
            with ThreadPoolExecutor(2) as pool:
                answers = list(
                    pool.map(
                        lambda b: self.call(
                            "finish (sent twice at once)",
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
            self.results.count(f"sessions finished ({kind})")
        self.call("journal", "GET", "/journal/")


def seed(users: int) -> list[tuple[str, int, int]]:
    """Accounts with a one- or two-point routine each, straight through the ORM."""
    from django.contrib.auth.hashers import make_password
    from django.db import connections, transaction

    from acupressure.models import User
    from points.models import Point
    from routines.models import Routine, Step

    codes = {code for routine in ROUTINES for code, _ in routine}
    points = {p.code: p for p in Point.objects.filter(code__in=codes)}
    missing = codes - points.keys()
    if missing:
        raise RuntimeError(f"points missing from the catalogue: {sorted(missing)}")
    password = make_password(PASSWORD)  # hashed once: every account shares the password
    people = []
    with transaction.atomic():
        for n in range(users):
            user = User.objects.create(
                username=f"load{n:04d}", password=password, get_ready_seconds=0
            )
            routine = Routine.objects.create(owner=user, name=f"Load routine {n}")
            plan = ROUTINES[n % len(ROUTINES)]
            Step.objects.bulk_create(
                Step(
                    routine=routine,
                    position=i,
                    point=points[code],
                    side=side,
                    hold_seconds=HOLD_SECONDS,
                    repetitions=1,
                )
                for i, (code, side) in enumerate(plan)
            )
            people.append((user.username, routine.pk, HOLD_SECONDS * len(plan)))
    connections.close_all()
    return people


def check_integrity(results: Results) -> list[str]:
    """Every finished session has exactly one entry; every accepted score is stored as sent."""
    from django.db.models import Count, Q

    from journal.models import Entry
    from practice.models import Practice

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


def _ms(values: list[float], fraction: float) -> float:
    return round(percentile(values, fraction) * 1000, 1)


def report(results: Results, seconds: float, label: str) -> dict:
    all_timings = [t for values in results.timings.values() for t in values]
    total = len(all_timings) + sum(results.connection_errors.values())
    summary = {
        "database": label,
        "requests": total,
        "seconds": round(seconds, 1),
        "requests_per_second": round(total / seconds, 1) if seconds else 0,
        "p50_ms": _ms(all_timings, 0.50),
        "p95_ms": _ms(all_timings, 0.95),
        "p99_ms": _ms(all_timings, 0.99),
        "statuses": dict(sorted(results.statuses.items())),
        "server_errors": sum(c for s, c in results.statuses.items() if s >= 500),
        "unexpected": {f"{n} {s}": c for (n, s), c in results.unexpected.items()},
        "connection_errors": {f"{n} {e}": c for (n, e), c in results.connection_errors.items()},
        "journey_errors": dict(results.journey_errors),
        "counts": dict(sorted(results.counts.items())),
        "sessions_started": len(results.started),
        "sessions_finished": len(results.finished),
        "advance_after_due_ms": {
            "p50": _ms(results.advance_late, 0.5),
            "p99": _ms(results.advance_late, 0.99),
        },
        "session_seconds": {
            str(timed): {
                "sessions": len(values),
                "p50": round(percentile(values, 0.5), 2),
                "p95": round(percentile(values, 0.95), 2),
            }
            for timed, values in sorted(results.session_seconds.items())
        },
        "endpoints": {
            name: {
                "count": len(values),
                "p50_ms": _ms(values, 0.50),
                "p95_ms": _ms(values, 0.95),
                "p99_ms": _ms(values, 0.99),
            }
            for name, values in results.timings.items()
        },
    }
    print(f"\n== {label}: {total} requests in {seconds:.1f} s")
    print(
        f"   {summary['requests_per_second']} requests/s; latency p50 {summary['p50_ms']} ms, "
        f"p95 {summary['p95_ms']} ms, p99 {summary['p99_ms']} ms"
    )
    print(f"   statuses: {summary['statuses']}; 5xx: {summary['server_errors']}")
    print(f"   sessions: {len(results.started)} started, {len(results.finished)} finished")
    for what, count in summary["counts"].items():
        print(f"     {what}: {count}")
    late = summary["advance_after_due_ms"]
    print(f"   advances sent after the timer was due: p50 {late['p50']} ms, p99 {late['p99']} ms")
    for timed, figures in summary["session_seconds"].items():
        print(
            f"   a {timed} s session took, from start to complete: p50 {figures['p50']} s, "
            f"p95 {figures['p95']} s ({figures['sessions']} sessions)"
        )
    for name, figures in summary["endpoints"].items():
        print(
            f"   {name:<28} {figures['count']:>6}  p50 {figures['p50_ms']:>7} ms  "
            f"p95 {figures['p95_ms']:>7} ms  p99 {figures['p99_ms']:>7} ms"
        )
    if results.unexpected:
        print(f"   UNEXPECTED STATUSES: {summary['unexpected']}")
    if results.journey_errors:
        print(f"   JOURNEY ERRORS: {summary['journey_errors']}")
    if results.unexpected or results.journey_errors:
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
            impatient = sum(1 for n in range(args.users) if n % IMPATIENT_EVERY == 0)
            print(
                f"[{database}] {args.users} people ({impatient} impatient), {args.seconds} s, "
                f"gunicorn with {args.workers} workers, at most {args.max_requests} requests"
            )
            results = Results(max_requests=args.max_requests)
            log = tmp_path / "gunicorn.log"
            with Server(env, workers=args.workers, log=log) as server:
                rng = random.Random(args.seed)  # noqa: S311
                persons = [
                    Person(
                        server.port,
                        username,
                        routine_pk,
                        timed,
                        results,
                        random.Random(rng.random()),  # noqa: S311
                        impatient=n % IMPATIENT_EVERY == 0,
                    )
                    for n, (username, routine_pk, timed) in enumerate(people)
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
                login_timings = {k: results.timings.pop(k, []) for k in ("login page", "login")}
                with results.lock:  # the figures below are for the journey only
                    login_statuses = dict(sorted(results.statuses.items()))
                    results.statuses.clear()

                # No one starts a session after `until`; one under way runs to its end, up to
                # GRACE_SECONDS more.
                started = time.monotonic()
                until = started + args.seconds
                hard_stop = until + GRACE_SECONDS
                threads = [
                    threading.Thread(target=person.run, args=(until, hard_stop), daemon=True)
                    for person in persons
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=max(0.0, hard_stop + 60 - time.monotonic()))
                elapsed = time.monotonic() - started
                stuck = sum(thread.is_alive() for thread in threads)
            summary = report(results, elapsed, database)
            summary["login_phase"] = {
                "seconds": round(login_seconds, 1),
                "logins": len(login_timings["login"]),
                "p50_ms": _ms(login_timings["login"], 0.5),
                "p95_ms": _ms(login_timings["login"], 0.95),
                "statuses": login_statuses,
            }
            print(
                f"   login phase (not in the figures above): {logged_in} logins in "
                f"{login_seconds:.1f} s, p50 {summary['login_phase']['p50_ms']} ms, "
                f"p95 {summary['login_phase']['p95_ms']} ms, statuses {login_statuses}"
            )
            problems = check_integrity(results)
            from django.db import connections

            connections.close_all()
            log_text = log.read_text(errors="replace")
            locked = log_text.count("database is locked")
            if locked:
                problems.append(f"'database is locked' {locked} times in the server log")
            if stuck:
                problems.append(f"{stuck} simulated people still waiting after the hard stop")
            if logged_in < len(persons):
                problems.append(f"only {logged_in} of {len(persons)} people could log in")
            summary["integrity_problems"] = problems
            if problems:
                print("   PROBLEMS:")
                for problem in problems[:20]:
                    print(f"     {problem}")
            else:
                print(
                    f"   integrity: {len(results.finished)} accepted scores, each stored once "
                    "with the value sent; no half-finished session"
                )
            server_errors = summary["server_errors"] + sum(
                c for s, c in login_statuses.items() if s >= 500
            )
            if server_errors:
                print(f"   server log tail:\n{log_text[-3000:]}")
            if args.json:
                Path(args.json).write_text(json.dumps(summary, indent=2))
            failed = (
                server_errors
                or results.unexpected
                or results.connection_errors
                or results.journey_errors
                or problems
            )
            print(f"   {'FAIL' if failed else 'PASS'}: {TARGETS}")
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
        if args.json:
            path = Path(args.json)
            command.append(f"--json={path.with_name(f'{path.stem}-{database}{path.suffix}')}")
        code |= subprocess.run(command, check=False).returncode
    return code


def _passed_on(args: argparse.Namespace) -> list[str]:
    return [
        f"--users={args.users}",
        f"--seconds={args.seconds}",
        f"--workers={args.workers}",
        f"--max-requests={args.max_requests}",
        f"--seed={args.seed}",
    ]


if __name__ == "__main__":
    sys.exit(main())
