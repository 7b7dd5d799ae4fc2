"""Benchmarks: each main page's throughput as a share of /healthz, against its target.

Serves the app with gunicorn on 127.0.0.1 (production settings, a scratch database, 2 workers),
seeds a person with a six-point routine, a session under way and three years of daily journal
entries, and another with ten entries. Each page is measured in rounds that alternate with the
health check (which does one ``SELECT 1``), so that other work on the machine weighs on both
alike; the page's requests per second divided by the health check's is its share, the figure
to compare between machines. The catalogue (the same for everyone) should cost close to a bare
request (share 0.8); a person's own pages no more than one bare request's worth again (0.5).
Then the gunicorn workers' resident memory after the run (under 120 MiB), and the queries of
the personal pages for three years of entries against ten (the same number).

Prints PASS or FAIL beside each target; exits 1 when a page did not answer 200 or a target
failed. Only ever talks to 127.0.0.1, sends a bounded number of requests and stops by itself.

    .venv/bin/python scripts/bench.py [--database sqlite|postgres] [--requests 300]
        [--concurrency 4] [--workers 2] [--rounds 3] [--json bench.json]
"""

import argparse
import datetime
import json
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.harness import (  # noqa: E402
    HOST,
    Browser,
    Server,
    app_env,
    django_setup,
    percentile,
    postgres_database,
    prepare,
)

PASSWORD = "bench-password-1234"  # noqa: S105
ROUTINE_POINTS = ("BL23", "BL25", "GB30", "BL40", "GB34", "BL57")
YEARS_OF_DAYS = 3 * 365
CATALOGUE_TARGET = 0.8  # share of /healthz for pages that are the same for everyone
PERSONAL_TARGET = 0.5  # share of /healthz for a person's own pages
WORKER_RSS_LIMIT_MIB = 120


def seed() -> dict:
    """Two people (three years and ten entries of journal), a routine each, a session under way."""
    from django.contrib.auth.hashers import make_password
    from django.db import connections, transaction
    from django.utils import timezone

    from acupressure.models import User
    from journal.models import Entry
    from points.models import Point
    from practice import sessions
    from routines.models import Routine, Step

    rng = random.Random(7)  # noqa: S311
    now = timezone.now()
    password = make_password(PASSWORD)
    with transaction.atomic():
        veteran = User.objects.create(username="veteran", password=password)
        newcomer = User.objects.create(username="newcomer", password=password)
        routine = Routine.objects.create(owner=veteran, name="Evening back routine")
        points = list(Point.objects.filter(code__in=ROUTINE_POINTS)) or list(
            Point.objects.all()[:6]
        )
        # The same routine for both, so that only the length of the journal differs.
        newcomer_routine = Routine.objects.create(owner=newcomer, name="Evening back routine")
        Step.objects.bulk_create(
            Step(routine=r, position=i, point=p, hold_seconds=600, side=Step.Side.BOTH)
            for r in (routine, newcomer_routine)
            for i, p in enumerate(points)
        )
        # A long hold keeps the session on its first press for the whole run.
        practice = sessions.start_practice(veteran, routine, 6, now)

        def entries(user, days: int) -> list[Entry]:
            made = []
            pain = 7
            for day in range(days, 0, -1):
                pain = max(0, min(10, pain + rng.choice((-1, 0, 0, 1))))
                made.append(
                    Entry(
                        user=user,
                        routine=routine if user == veteran else None,
                        routine_name=routine.name if user == veteran else "",
                        recorded_at=now - datetime.timedelta(days=day, hours=rng.randint(0, 3)),
                        pain_before=min(10, pain + 1),
                        pain_after=pain,
                        feel="right",
                        areas=1 << 1,  # lower back, centre (journal.areas)
                        note="Slept better." if day % 9 == 0 else "",
                    )
                )
            return made

        Entry.objects.bulk_create(entries(veteran, YEARS_OF_DAYS), batch_size=500)
        Entry.objects.bulk_create(entries(newcomer, 10))
    connections.close_all()
    return {
        "routine": routine.pk,
        "newcomer_routine": newcomer_routine.pk,
        "practice": practice.pk,
    }


def measure(port: int, username: str, path: str, requests: int, concurrency: int, htmx: bool):
    """Send `requests` GETs from `concurrency` clients (signed in as `username`, if any)."""
    browsers = []
    for _ in range(concurrency):
        browser = Browser(port)
        if username:
            browser.login(username, PASSWORD)
        browsers.append(browser)
    for browser in browsers:  # warm up: templates compiled, caches filled, connections open
        for _ in range(3):
            browser.get(path, htmx=htmx)
    timings: list[float] = []
    statuses: set[int] = set()
    sizes: set[int] = set()
    lock = threading.Lock()
    per_client = max(1, requests // concurrency)

    def work(browser: Browser) -> None:
        for _ in range(per_client):
            response = browser.get(path, htmx=htmx)
            with lock:
                timings.append(response.seconds)
                statuses.add(response.status)
                sizes.add(len(response.body))

    threads = [threading.Thread(target=work, args=(b,)) for b in browsers]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for browser in browsers:
        browser.close()
    return {
        "requests": len(timings),
        "seconds": elapsed,
        "timings": timings,
        "statuses": statuses,
        "bytes": max(sizes),
    }


def alternate(port: int, page: tuple, requests: int, concurrency: int, rounds: int) -> dict:
    """A page and /healthz in turn, `rounds` times; the page's share of the health check's
    requests per second over the same stretch of time."""
    name, username, path, htmx, _target = page
    per_round = max(concurrency, requests // rounds)
    health = {"requests": 0, "seconds": 0.0}
    mine = {"requests": 0, "seconds": 0.0, "timings": [], "statuses": set(), "bytes": 0}
    for _ in range(rounds):
        h = measure(port, "", "/healthz", per_round, concurrency, False)
        health["requests"] += h["requests"]
        health["seconds"] += h["seconds"]
        m = measure(port, username, path, per_round, concurrency, htmx)
        mine["requests"] += m["requests"]
        mine["seconds"] += m["seconds"]
        mine["timings"] += m["timings"]
        mine["statuses"] |= m["statuses"]
        mine["bytes"] = max(mine["bytes"], m["bytes"])
    rps = mine["requests"] / mine["seconds"]
    health_rps = health["requests"] / health["seconds"]
    return {
        "requests": mine["requests"],
        "rps": round(rps, 1),
        "health_rps": round(health_rps, 1),
        "share": round(rps / health_rps, 2),
        "p50_ms": round(percentile(mine["timings"], 0.5) * 1000, 1),
        "p95_ms": round(percentile(mine["timings"], 0.95) * 1000, 1),
        "kib": round(mine["bytes"] / 1024, 1),
        "statuses": sorted(mine["statuses"]),
    }


def count_queries(username: str, path: str, htmx: bool = False) -> int:
    """SQL statements of one request (after a warm-up one), through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from acupressure.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    headers = {"HX-Request": "true"} if htmx else {}
    client.get(path, secure=True, headers=headers)  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, secure=True, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def worker_rss_mib(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MiB."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmRSS" in fields:
            sizes.append(round(int(fields["VmRSS"].split()[0]) / 1024, 1))
    return sorted(sizes)


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    args.requests = max(10, min(args.requests, 5000))
    args.concurrency = max(1, min(args.concurrency, 32))
    args.rounds = max(1, min(args.rounds, 10))

    with tempfile.TemporaryDirectory(prefix="acupressure-bench-") as tmp:
        tmp_path = Path(tmp)
        if args.database == "postgres":
            context = postgres_database("acupressure_bench")
        else:
            context = _Fixed(f"sqlite:///{tmp_path / 'bench.sqlite3'}")
        with context as database_url:
            env = app_env(
                database_url,
                tmp_path / "static",
                DJANGO_ALLOWED_HOSTS=f"{HOST},localhost,testserver",
            )
            print(f"[{args.database}] preparing the database and static files…")
            prepare(env)
            django_setup(env)
            ids = seed()
            routine = f"/routines/{ids['routine']}/"
            practice = f"/practice/{ids['practice']}/"
            catalogue, personal = CATALOGUE_TARGET, PERSONAL_TARGET
            pages = [
                ("/points/", "", "/points/", False, catalogue),
                ("/points/BL40/", "", "/points/BL40/", False, catalogue),
                ("/points/map/", "", "/points/map/", False, catalogue),
                ("/points/BL40/diagram.png", "", "/points/BL40/diagram.png", False, catalogue),
                ("/sources/", "", "/sources/", False, catalogue),
                ("/safety/", "", "/safety/", False, catalogue),
                ("routine page", "veteran", routine, False, personal),
                ("/today/", "veteran", "/today/", False, personal),
                ("/journal/ (3 years)", "veteran", "/journal/", False, personal),
                ("/journal/summary/ (3 years)", "veteran", "/journal/summary/", False, personal),
                ("player step fragment (htmx)", "veteran", practice, True, personal),
            ]
            results = {}
            with Server(env, workers=args.workers, log=tmp_path / "gunicorn.log") as server:
                print(
                    f"[{args.database}] gunicorn {args.workers} workers; {args.requests} "
                    f"requests per page from {args.concurrency} clients, in {args.rounds} "
                    "rounds alternating with /healthz"
                )
                for page in pages:
                    results[page[0]] = alternate(
                        server.port, page, args.requests, args.concurrency, args.rounds
                    )
                rss = worker_rss_mib(server.process.pid)

            print(
                f"\n{'page':<30} {'req/s':>7} {'health':>7} {'share':>6} {'target':>6}  "
                f"{'':4} {'p50 ms':>7} {'p95 ms':>7} {'KiB':>6}"
            )
            failed = []
            for name, _user, _path, _htmx, target in pages:
                f = results[name]
                f["target"] = target
                f["passed"] = f["share"] >= target and f["statuses"] == [200]
                if not f["passed"]:
                    failed.append(name)
                flag = "" if f["statuses"] == [200] else f"  statuses {f['statuses']}"
                print(
                    f"{name:<30} {f['rps']:>7} {f['health_rps']:>7} {f['share']:>6.2f} "
                    f"{target:>6.1f}  {verdict(f['passed'])} {f['p50_ms']:>7} "
                    f"{f['p95_ms']:>7} {f['kib']:>6}{flag}"
                )

            rss_passed = bool(rss) and max(rss) < WORKER_RSS_LIMIT_MIB
            if not rss_passed:
                failed.append("worker memory")
            print(
                f"\ngunicorn workers' resident memory after the run: "
                f"{', '.join(f'{size:g}' for size in rss)} MiB "
                f"(limit {WORKER_RSS_LIMIT_MIB})  {verdict(rss_passed)}"
            )

            scaling = [
                ("routine page", routine, f"/routines/{ids['newcomer_routine']}/"),
                ("/today/", "/today/", "/today/"),
                ("/journal/", "/journal/", "/journal/"),
                ("/journal/?period=all", "/journal/?period=all", "/journal/?period=all"),
                ("/journal/summary/", "/journal/summary/", "/journal/summary/"),
            ]
            print("\nqueries for three years of entries against ten (the same number):")
            queries = {}
            for label, veteran_path, newcomer_path in scaling:
                large = count_queries("veteran", veteran_path)
                small = count_queries("newcomer", newcomer_path)
                queries[label] = {"three_years": large, "ten_entries": small}
                passed = large == small
                if not passed:
                    failed.append(f"queries of {label}")
                print(f"  {verdict(passed)}  {label:<24} {large:>3} vs {small:>3}")
            from django.db import connections

            connections.close_all()
            if args.json:
                Path(args.json).write_text(
                    json.dumps(
                        {
                            "database": args.database,
                            "pages": results,
                            "worker_rss_mib": rss,
                            "queries": queries,
                        },
                        indent=2,
                    )
                )
            print(f"\n{'every target met' if not failed else 'FAILED: ' + ', '.join(failed)}")
            return 1 if failed else 0


class _Fixed:
    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    sys.exit(main())
