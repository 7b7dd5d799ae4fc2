"""The error pages: in the app's look, without a trace of the code, for every kind of failure."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path
from django.views.decorators.http import require_POST

from acupressure import urls as project_urls

SECRET_DETAIL = "kaboom-internal-detail-1234"


def explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError(f"connection to server failed: {SECRET_DETAIL}")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET_DETAIL)


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(SECRET_DETAIL)


@require_POST
def accept_post(request: HttpRequest) -> HttpResponse:
    return HttpResponse("stored")


urlpatterns = [
    path("test-errors/explode/", explode),
    path("test-errors/database-down/", database_down),
    path("test-errors/forbidden/", forbidden),
    path("test-errors/suspicious/", suspicious),
    path("test-errors/post/", accept_post),
    path("", include(project_urls)),
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def browser_client(db, settings) -> Client:
    """A client that gets the error page a browser would, instead of the exception."""
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def assert_in_app_look_without_internals(response) -> None:
    html = response.content.decode()
    assert "Press Points" in html
    assert 'class="site-header"' in html
    assert "/static/css/base.css" in html
    assert "/safety/" in html
    for leak in (SECRET_DETAIL, "Traceback", "File &quot;", 'File "', "site-packages", ".py"):
        assert leak not in html
    assert "Content-Security-Policy" in response


def test_an_exception_in_a_view_shows_our_500_page(browser_client):
    response = browser_client.get("/test-errors/explode/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert_in_app_look_without_internals(response)


def test_an_unknown_address_shows_our_404_page(browser_client):
    response = browser_client.get("/no-such-page/")

    assert response.status_code == 404
    assert_in_app_look_without_internals(response)


def test_a_refused_action_shows_our_403_page(browser_client):
    response = browser_client.get("/test-errors/forbidden/")

    assert response.status_code == 403
    assert "You cannot do that" in response.content.decode()
    assert_in_app_look_without_internals(response)


def test_a_malformed_request_shows_our_400_page(browser_client):
    response = browser_client.get("/test-errors/suspicious/")

    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert_in_app_look_without_internals(response)


def test_a_request_for_another_host_gets_our_400_page(browser_client):
    response = browser_client.get("/", headers={"host": "evil.example"})

    assert response.status_code == 400
    assert_in_app_look_without_internals(response)


def test_a_form_without_its_csrf_token_explains_what_to_do(db, settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)

    response = client.post("/test-errors/post/", {"note": "hello"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "This form has expired" in html
    assert "Reload it" in html
    assert "cookies" in html
    assert "CSRF" not in html
    assert_in_app_look_without_internals(response)


def test_a_form_with_its_csrf_token_goes_through(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value

    response = client.post("/test-errors/post/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 200


def test_a_database_failure_in_a_view_shows_our_503_page(browser_client):
    response = browser_client.get("/test-errors/database-down/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Back in a moment" in html
    assert "nothing was saved" in html
    assert_in_app_look_without_internals(response)


def test_an_htmx_request_is_told_in_its_error_alert_that_nothing_was_saved(browser_client):
    response = browser_client.get("/test-errors/database-down/", headers={"HX-Request": "true"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "app:error" in response["HX-Trigger"]
    assert "nothing was saved" in response["HX-Trigger"]
    assert SECRET_DETAIL not in response.content.decode()


def test_a_database_failure_while_loading_the_session_shows_our_503_page(
    browser_client, user, monkeypatch
):
    browser_client.force_login(user)

    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", unreachable)
    response = browser_client.get("/safety/")

    assert response.status_code == 503
    assert "Back in a moment" in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert "Permissions-Policy" in response


def test_the_health_check_fails_with_503_when_the_database_is_down(browser_client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    # Undone before the test database is torn down, which needs a working cursor.
    with monkeypatch.context() as patched:
        patched.setattr("django.db.backends.utils.CursorWrapper.execute", unreachable)
        response = browser_client.get("/healthz")

    assert response.status_code == 503


def test_bad_data_is_not_mistaken_for_an_unavailable_database(browser_client):
    # A 500 stays a 500: only connection trouble is a 503 with "try again".
    response = browser_client.get("/test-errors/explode/")

    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize("url", ["/points/%00/", "/points/BL%0040/diagram.png", "/a%00/"])
def test_a_nul_byte_in_the_address_is_our_404_page(browser_client, url):
    # PostgreSQL refuses NUL in text: without this a lookup on such a code would be a 500.
    response = browser_client.get(url)

    assert response.status_code == 404
    assert_in_app_look_without_internals(response)
