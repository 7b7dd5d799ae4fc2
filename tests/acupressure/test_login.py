import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


LOGIN = "/accounts/login/"


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_has_the_form(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="card login-form' in html
    assert 'name="username"' in html
    assert 'name="password"' in html
    assert reverse("password_reset") in html
    assert reverse("signup") in html


def test_login_sends_to_today(client, user):
    response = log_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_shows_a_message_and_stays_logged_out(client, user):
    response = log_in(client, user.username, "wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_on_this_site_is_followed(client, user):
    response = log_in(client, user.username, PASSWORD, next="/journal/")
    assert response["Location"] == "/journal/"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/steal",
        "//evil.example/steal",
        "http://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_off_site_is_refused(client, user, target):
    response = log_in(client, user.username, PASSWORD, next=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")


def test_next_off_site_is_not_echoed_in_the_form(client):
    html = client.get(LOGIN + "?next=https://evil.example/").content.decode()
    assert "evil.example" not in html


def test_next_on_site_is_kept_in_the_form(client):
    html = client.get(LOGIN + "?next=/journal/").content.decode()
    assert '<input type="hidden" name="next" value="/journal/">' in html


def test_signed_in_user_skips_the_form(user_client):
    response = user_client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")


def test_logout_is_post_only(user_client, user):
    assert user_client.get(reverse("logout")).status_code == 405
    assert int(user_client.session["_auth_user_id"]) == user.pk
    response = user_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in user_client.session
    assert "You are logged out." in user_client.get(reverse("home")).content.decode()


# Throttling ---------------------------------------------------------------------------------


def test_four_failures_still_allow_the_right_password(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, user.username, "wrong").status_code == 200
    response = log_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    # A success wipes the count.
    assert not AccessAttempt.objects.filter(username=user.username).exists()


def test_fifth_failure_locks_out_with_429(client, user, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        log_in(client, user.username, "wrong")
    response = log_in(client, user.username, "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts, try again in 15 minutes." in html
    assert "_auth_user_id" not in client.session


def test_locked_out_user_cannot_log_in_even_with_the_right_password(client, user):
    for _ in range(5):
        log_in(client, user.username, "wrong")
    response = log_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, user):
    for _ in range(5):
        log_in(client, user.username, "wrong")
    other = UserFactory()
    response = log_in(client, other.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")


def test_lockout_lifts_after_the_cool_off(client, user, settings):
    for _ in range(5):
        log_in(client, user.username, "wrong")
    assert log_in(client, user.username, PASSWORD).status_code == 429
    # Age the failures past the 15 minutes cool-off.
    AccessAttempt.objects.filter(username=user.username).update(attempt_time="2000-01-01T00:00:00Z")
    assert log_in(client, user.username, PASSWORD).status_code == 302
