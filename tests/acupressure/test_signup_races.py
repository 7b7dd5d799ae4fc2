"""Sign-up under pressure: two people taking one name at once, and someone asking which exist."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from acupressure import ratelimit
from acupressure.forms import SignupForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
GOOD = "a-long-and-unusual-passphrase"


def signup(client: Client, username: str):
    data = {"username": username, "password1": GOOD, "password2": GOOD}
    return client.post(reverse("signup"), data)


def test_a_name_taken_between_checking_and_saving_is_a_form_error(client, monkeypatch):
    is_valid = SignupForm.is_valid

    def someone_else_saves_meanwhile(form):
        valid = is_valid(form)
        # The other request passed the same check a moment earlier and saves now.
        User.objects.create_user(username=form.cleaned_data["username"], password="x" * 20)
        return valid

    monkeypatch.setattr(SignupForm, "is_valid", someone_else_saves_meanwhile)

    response = signup(client, "maria")

    assert response.status_code == 200
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.filter(username="maria").count() == 1
    assert "_auth_user_id" not in client.session


def test_asking_about_taken_names_again_and_again_is_limited():
    for n in range(ratelimit.NAME_CHECKS.limit):
        UserFactory(username=f"taken{n}")
    prober = Client(REMOTE_ADDR="203.0.113.66")
    for n in range(ratelimit.NAME_CHECKS.limit):
        assert signup(prober, f"taken{n}").status_code == 200
    UserFactory(username="admin")

    response = signup(prober, "admin")

    assert response.status_code == 429
    assert "Too many sign-up attempts from here" in response.content.decode()
    # The refusal does not tell whether the name exists.
    assert "already exists" not in response.content.decode()
    assert 'href="/accounts/login/"' in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= ratelimit.NAME_CHECKS.period


def test_names_checked_elsewhere_do_not_limit_this_address():
    for n in range(ratelimit.NAME_CHECKS.limit + 1):
        UserFactory(username=f"taken{n}")
        signup(Client(REMOTE_ADDR="203.0.113.66"), f"taken{n}")

    assert signup(Client(REMOTE_ADDR="198.51.100.4"), "newcomer").status_code == 302
