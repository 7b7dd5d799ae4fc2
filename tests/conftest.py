import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from points.models import Point
from routines.models import Routine, Step
from tests.factories import PASSWORD, UserFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # A deliberately slow password hash costs seconds per login on a small machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The offline worker would fetch the whole catalogue in every browser test; the tests of
    # the worker turn it on.
    settings.SERVICE_WORKER = False
    # Mail is sent at once, so that a test finds it in the outbox when the answer comes back.
    settings.MAIL_IN_BACKGROUND = False
    # Tests render pages without running collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # With Redis, rate limits count in the cache: one test's sign-ups must not count against
    # the next (without it they are database rows, rolled back after each test).
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, dropped cleanly at the end even on PostgreSQL.

    The live server answers each keep-alive browser connection in its own thread, and that
    thread keeps its database connection until the browser lets go of the socket, which can be
    after the last test. PostgreSQL refuses to drop a database that is still in use.
    """
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def _catalogue_rows(django_db_setup, django_db_blocker) -> list[tuple[type, list[dict]]]:
    """The real catalogue, loaded once from fixtures/ as `make run` does, kept as rows.

    Loading validates every point, alias and claim: seconds each time. Tests that ask for the
    catalogue get these rows copied in, which takes a few inserts. The load runs in a
    transaction of its own and is rolled back, so tests without the catalogue never see it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", verbosity=0)
        starters = Routine.objects.filter(owner__isnull=True)
        tables = [
            *[(model, model.objects.all()) for model in apps.get_app_config("points").get_models()],
            (Point.complaints.through, Point.complaints.through.objects.all()),
            (Routine, starters),
            (Step, Step.objects.filter(routine__in=starters)),
        ]
        rows = [(model, list(queryset.values())) for model, queryset in tables]
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def catalogue(_catalogue_rows, request) -> None:
    """The real catalogue in the test database (a database flushed after the test is refilled)."""
    request.getfixturevalue("db")
    with transaction.atomic():
        for model, rows in _catalogue_rows:
            model.objects.bulk_create(model(**row) for row in rows)
    # Rows come with their ids: move the id sequences past them (PostgreSQL).
    models = [model for model, _ in _catalogue_rows]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


# Browser tests -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not shutil.which("chromium") and not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def logged_in_page(page, live_server, user):
    """A browser page signed in as `user` through the real login form."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
