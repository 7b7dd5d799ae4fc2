import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


User = get_user_model()
GOOD = "a-long-and-unusual-passphrase"


def signup(client, **overrides):
    data = {
        "username": "maria",
        "email": "",
        "password1": GOOD,
        "password2": GOOD,
        "timezone": "Europe/Lisbon",
        **overrides,
    }
    return client.post(reverse("signup"), data)


def test_page_shows_the_form(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html
    assert 'name="password1"' in html
    assert 'name="password2"' in html
    assert 'type="hidden" name="timezone"' in html
    assert "data-browser-timezone" in html
    assert "js/timezone.js" in html


def test_signup_creates_user_logs_in_and_welcomes(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    user = User.objects.get(username="maria")
    assert user.check_password(GOOD)
    assert user.timezone == "Europe/Lisbon"
    assert user.email == ""
    assert int(client.session["_auth_user_id"]) == user.pk
    page = client.get(response["Location"])
    assert "Welcome, maria!" in page.content.decode()


def test_email_is_kept_when_given(client):
    signup(client, email="maria@example.com")
    assert User.objects.get(username="maria").email == "maria@example.com"


@pytest.mark.parametrize("zone", ["", "Mars/Olympus_Mons", "UTC; DROP TABLE"])
def test_missing_or_unknown_timezone_falls_back_to_utc(client, zone):
    assert signup(client, timezone=zone).status_code == 302
    assert User.objects.get(username="maria").timezone == "UTC"


def test_password_validators_apply(client):
    response = signup(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This password is too common." in html
    assert "This password is entirely numeric." in html
    assert not User.objects.filter(username="maria").exists()


def test_password_similar_to_username_is_refused(client):
    response = signup(
        client,
        username="sciatica-sufferer",
        password1="sciatica-sufferer1",
        password2="sciatica-sufferer1",
    )
    assert "The password is too similar to the username." in response.content.decode()
    assert not User.objects.exists()


def test_passwords_must_match(client):
    response = signup(client, password2=GOOD + "x")
    assert "The two password fields didn’t match." in response.content.decode()
    assert not User.objects.exists()


def test_username_taken_case_insensitively(client):
    UserFactory(username="Maria")
    response = signup(client, username="maria")
    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_bad_email_is_refused(client):
    response = signup(client, email="not-an-email")
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.exists()


def test_errors_are_next_to_their_field(client):
    html = signup(client, username="").content.decode()
    # Django links the message to the input for screen readers.
    assert 'id="id_username_error"' in html
    assert 'aria-invalid="true"' in html


def test_signed_in_user_is_sent_to_today(user_client):
    response = user_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("today")


def test_signup_needs_csrf():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = signup(strict)
    assert response.status_code == 403
    assert not User.objects.exists()
