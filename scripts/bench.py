"""Benchmarks: throughput and latency of the main pages, each against /healthz in the same run.

Serves the app with gunicorn on 127.0.0.1 (production settings, a scratch database), seeds a
person with a six-point routine, a session under way and three years of daily journal
entries, and another with ten entries. For each page it sends a fixed number of requests from
a few concurrent clients and reports requests per second, p50 and p95, and the ratio to the
health check (which does one ``SELECT 1``): the ratio is what to compare between machines.
Then the journal's scaling: three years against ten entries, in time (same server) and in
queries (Django's test client in this process, counting every SQL statement), with PASS or
FAIL against the target: the same number of queries and less than twice the time, the time
being the median of requests to the three journals taken in turn in this process, so that
other work on the machine weighs on all three alike. The target is reported, not enforced:
the exit status only says whether every page answered 200.

    .venv/bin/python scripts/bench.py [--database sqlite|postgres] [--requests 300]
        [--concurrency 4] [--workers 3] [--json bench.json]
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

from scripts.harness import (  # noqa: E402
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
MAX_JOURNAL_RATIO = 2.0  # a 3-year journal may cost less than twice a 10-entry one
JOURNAL_ROUNDS = 21


def seed() -> dict:
    """Two people (three years and ten entries of journal), a routine, a session under way."""
    from django.contrib.auth.hashers import make_password
    from django.db import connections, transaction
    from django.utils import timezone

    from acupressure.models import User
    from journal.models import Entry
    from points.models import Point
    from routines import practice as sessions
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
        Step.objects.bulk_create(
            Step(routine=routine, position=i, point=p, hold_seconds=600, side=Step.Side.BOTH)
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
                        area_lower_back=True,
                        note="Slept better." if day % 9 == 0 else "",
                    )
                )
            return made

        Entry.objects.bulk_create(entries(veteran, YEARS_OF_DAYS), batch_size=500)
        Entry.objects.bulk_create(entries(newcomer, 10))
    connections.close_all()
    return {"routine": routine.pk, "practice": practice.pk}


def measure(port: int, username: str, path: str, requests: int, concurrency: int, htmx: bool):
    """Send `requests` GETs from `concurrency` signed-in clients; rps and latencies."""
    browsers = []
    for _ in range(concurrency):
        browser = Browser(port)
        if username:
            browser.login(username, PASSWORD)
        browsers.append(browser)
    for browser in browsers:  # warm up: templates compiled, connections open
        for _ in range(3):
            browser.get(path, htmx=htmx)
    timings: list[float] = []
    statuses: set[int] = set()
    lock = threading.Lock()
    per_client = max(1, requests // concurrency)

    def work(browser: Browser) -> None:
        for _ in range(per_client):
            response = browser.get(path, htmx=htmx)
            with lock:
                timings.append(response.seconds)
                statuses.add(response.status)

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
        "rps": round(len(timings) / elapsed, 1),
        "p50_ms": round(percentile(timings, 0.5) * 1000, 1),
        "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
        "statuses": sorted(statuses),
    }


def count_queries(
    username: str, path: str, htmx: bool = False, repeat: int = 5
) -> tuple[int, float]:
    """SQL statements of one request, and the median in-process time of `repeat` requests,
    through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from acupressure.models import User

    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    headers = {"HX-Request": "true"} if htmx else {}
    client.get(path, secure=True, headers=headers)  # warm up
    counts, times = [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path, secure=True, headers=headers)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(queries))
    return max(counts), percentile(times, 0.5)


def interleaved_medians(
    pages: list[tuple[str, str]], rounds: int = JOURNAL_ROUNDS
) -> dict[tuple[str, str], float]:
    """Median in-process seconds of each (username, path), one request of each page per round,
    so that a burst of other work on the machine falls on all the pages alike."""
    from django.test import Client

    from acupressure.models import User

    clients = {}
    for username, path in pages:
        client = Client()
        client.force_login(User.objects.get(username=username))
        client.get(path, secure=True)  # warm up
        clients[username, path] = client
    times: dict[tuple[str, str], list[float]] = {page: [] for page in pages}
    for _ in range(rounds):
        for page in pages:
            started = time.perf_counter()
            response = clients[page].get(page[1], secure=True)
            times[page].append(time.perf_counter() - started)
            assert response.status_code == 200, (page, response.status_code)
    return {page: percentile(values, 0.5) for page, values in times.items()}


def journal_targets(results: dict, queries: dict) -> list[dict]:
    """The journal's scaling target: three years against ten entries, the same number of
    queries and less than twice the time.

    The verdict uses the in-process time measured interleaved (the fairest comparison on a
    busy machine); the p50 over HTTP from the runs above is given alongside.
    """
    small_label, small = "journal, 10 entries", ("newcomer", "/journal/")
    large = {
        "journal, 3 years (default view)": ("veteran", "/journal/"),
        "journal, 3 years, everything": ("veteran", "/journal/?period=all"),
    }
    medians = interleaved_medians([small, *large.values()])
    checks = []
    for label, page in large.items():
        ratio = medians[page] / max(medians[small], 1e-6)
        same_queries = queries[label][0] == queries[small_label][0]
        checks.append(
            {
                "page": label,
                "queries": queries[label][0],
                "queries_10_entries": queries[small_label][0],
                "same_queries": same_queries,
                "ms": round(medians[page] * 1000, 1),
                "ms_10_entries": round(medians[small] * 1000, 1),
                "time_ratio": round(ratio, 2),
                "http_p50_ratio": round(
                    results[label]["p50_ms"] / max(results[small_label]["p50_ms"], 0.1), 2
                ),
                "passed": same_queries and ratio < MAX_JOURNAL_RATIO,
            }
        )
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    args.requests = max(10, min(args.requests, 5000))
    args.concurrency = max(1, min(args.concurrency, 32))

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
            pages = [
                ("health check", "", "/healthz", False),
                ("point catalogue", "", "/points/", False),
                ("point page BL40", "", "/points/BL40/", False),
                ("routine page", "veteran", f"/routines/{ids['routine']}/", False),
                ("journal, 3 years (default view)", "veteran", "/journal/", False),
                ("journal, 3 years, everything", "veteran", "/journal/?period=all", False),
                ("journal, 10 entries", "newcomer", "/journal/", False),
                ("player step fragment", "veteran", f"/practice/{ids['practice']}/", True),
            ]
            results = {}
            with Server(env, workers=args.workers, log=tmp_path / "gunicorn.log") as server:
                print(
                    f"[{args.database}] gunicorn {args.workers} workers; {args.requests} "
                    f"requests per page from {args.concurrency} clients"
                )
                for name, username, path, htmx in pages:
                    results[name] = measure(
                        server.port, username, path, args.requests, args.concurrency, htmx
                    )
            base = results["health check"]
            print(
                f"\n{'page':<34} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
                f"{'rps ÷ health':>13} {'p95 × health':>13}"
            )
            for name, figures in results.items():
                figures["rps_ratio"] = round(figures["rps"] / base["rps"], 3)
                figures["p95_ratio"] = round(figures["p95_ms"] / max(base["p95_ms"], 0.1), 1)
                flag = "" if figures["statuses"] == [200] else f"  statuses {figures['statuses']}"
                print(
                    f"{name:<34} {figures['rps']:>7} {figures['p50_ms']:>8} "
                    f"{figures['p95_ms']:>8} {figures['rps_ratio']:>13} "
                    f"{figures['p95_ratio']:>13}{flag}"
                )

            queries = {}
            for name, username, path, htmx in pages[1:]:
                queries[name] = count_queries(username, path, htmx)
            print(f"\n{'in-process (median of 5)':<34} {'queries':>8} {'ms':>8}")
            for name, (count, seconds) in queries.items():
                print(f"{name:<34} {count:>8} {seconds * 1000:>8.1f}")
            targets = journal_targets(results, queries)
            print(
                f"\ntarget: a 3-year journal against 10 entries, same queries and under "
                f"{MAX_JOURNAL_RATIO:g}× the time (in-process median of {JOURNAL_ROUNDS}, "
                "interleaved); reported, not enforced"
            )
            for check in targets:
                print(
                    f"  {'PASS' if check['passed'] else 'FAIL'}  {check['page']}: queries "
                    f"{check['queries']} vs {check['queries_10_entries']}; "
                    f"{check['ms']} vs {check['ms_10_entries']} ms, × {check['time_ratio']:.2f} "
                    f"(p50 over HTTP above: × {check['http_p50_ratio']:.2f})"
                )
            from django.db import connections

            connections.close_all()
            if args.json:
                Path(args.json).write_text(
                    json.dumps(
                        {
                            "database": args.database,
                            "pages": results,
                            "queries": {k: v[0] for k, v in queries.items()},
                            "in_process_ms": {k: round(v[1] * 1000, 1) for k, v in queries.items()},
                            "targets": targets,
                        },
                        indent=2,
                    )
                )
            bad = [name for name, f in results.items() if f["statuses"] != [200]]
            return 1 if bad else 0


class _Fixed:
    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc: object) -> None:
        return None


if __name__ == "__main__":
    sys.exit(main())
