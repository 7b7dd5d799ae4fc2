"""Screenshots of every page at phone and desktop size, for the README and for review.

Serves the app on a scratch SQLite database with a demo user, a routine and two months of
journal entries, then photographs each page with Debian's chromium at 390x844 and 1280x800.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only journal]
"""

import argparse
import datetime
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
DEMO_USER = "demo"
DEMO_PASSWORD = "press-points-demo-2026"  # noqa: S105


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed() -> dict:
    """Create the demo data; returns ids the page list needs."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from acupressure.models import User
    from journal.models import Entry
    from points.models import Point
    from practice.models import Practice
    from routines.models import Routine, Step

    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    user = User.objects.create_user(DEMO_USER, password=DEMO_PASSWORD, timezone="Europe/London")
    routine = Routine.objects.create(owner=user, name="Evening lower back", schedule="weekly")
    for position, code in enumerate(["BL23", "BL52", "BL40", "GB30"]):
        point = Point.objects.get(code=code)
        Step.objects.create(
            routine=routine,
            position=position,
            point=point,
            hold_seconds=point.hold_seconds,
            side="both",
        )
    rng = random.Random(7)
    now = timezone.now()
    for days_ago in range(60, 0, -1):
        if days_ago % 7 in (1, 3, 5) or rng.random() < 0.2:
            before = max(2, min(9, round(7 - (60 - days_ago) / 20 + rng.uniform(-1, 1))))
            after = max(0, before - rng.choice([1, 1, 2, 2, 3]))
            Entry.objects.create(
                user=user,
                routine=routine,
                routine_name=routine.name,
                recorded_at=now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 4)),
                pain_before=before,
                pain_after=after,
                feel="right",
                areas=(1 << 1) | ((1 << 7) if rng.random() < 0.4 else 0),  # back, below the knee
            )
    practice = Practice.objects.create(
        owner=user, routine=routine, routine_name=routine.name, started_at=now, pain_before=5
    )
    try:
        from practice import sessions as session

        phases = session.build_phases(routine, 5)
        practice.phases = phases
        practice.deadline = now + datetime.timedelta(seconds=phases[0]["seconds"])
        practice.save()
    except (ImportError, AttributeError, KeyError, IndexError):
        pass
    return {"routine": routine.pk, "practice": practice.pk}


def pages(ids: dict) -> list[tuple[str, str, bool]]:
    """(name, path, needs login)."""
    return [
        ("home", "/", False),
        ("points-list", "/points/", False),
        ("points-filtered", "/points/?region=leg", False),
        ("body-map", "/points/map/", False),
        ("point-detail", "/points/BL40/", False),
        ("point-li4", "/points/LI4/", False),
        ("sources", "/sources/", False),
        ("safety", "/safety/", False),
        ("not-found", "/points/XX99/", False),
        ("starters", "/routines/starters/", False),
        ("signup", "/accounts/signup/", False),
        ("login", "/accounts/login/", False),
        ("today", "/today/", True),
        ("routines", "/routines/", True),
        ("routine-detail", f"/routines/{ids['routine']}/", True),
        ("builder", f"/routines/{ids['routine']}/edit/", True),
        ("player", f"/practice/{ids['practice']}/", True),
        ("journal", "/journal/", True),
        ("summary", "/journal/summary/", True),
        ("settings", "/accounts/settings/", True),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", help="photograph only pages whose name contains this")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    workdir = Path(tempfile.mkdtemp(prefix="press-points-shots-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}", "DJANGO_DEBUG": "1"}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acupressure.settings")
    sys.path.insert(0, str(ROOT))
    ids = seed()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for size_name, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                logged_in = False
                for name, path, needs_login in pages(ids):
                    if args.only and args.only not in name:
                        continue
                    if needs_login and not logged_in:
                        page.goto(f"{base}/accounts/login/")
                        page.fill("input[name=username]", DEMO_USER)
                        page.fill("input[name=password]", DEMO_PASSWORD)
                        page.click("form.login-form button[type=submit]")
                        page.wait_for_load_state()
                        logged_in = True
                    if not needs_login and logged_in:
                        continue
                    page.goto(f"{base}{path}")
                    page.wait_for_load_state("networkidle")
                    target = args.out / f"{name}-{size_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
