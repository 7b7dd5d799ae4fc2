"""Login throttling behind the reverse proxy: a guesser locks out himself, nobody else.

Every request reaches the app from the proxy's address (REMOTE_ADDR), and the proxy appends the
address it saw to X-Forwarded-For (docs/deploy.md). These requests are shaped the same way.
"""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from acupressure.ratelimit import LOGIN_FAILURES
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.4"


@pytest.fixture(autouse=True)
def _behind_proxy(settings):
    settings.BEHIND_PROXY = True


def from_address(address: str, claimed: str = "") -> Client:
    """A browser at `address`; `claimed` is whatever the client itself put in the header."""
    forwarded = f"{claimed}, {address}" if claimed else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def log_in(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_guesser_elsewhere_does_not_lock_the_owner_out(settings):
    victim = UserFactory(username="admin")
    attacker = from_address(ATTACKER)
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        log_in(attacker, victim.username, "guess")

    response = log_in(from_address(VICTIM), victim.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("today")


def test_the_guesser_is_locked_out_even_with_the_right_password(settings):
    victim = UserFactory()
    attacker = from_address(ATTACKER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(attacker, victim.username, "guess")

    response = log_in(attacker, victim.username, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


def test_attempts_are_recorded_against_the_address_the_proxy_saw(settings):
    victim = UserFactory()
    log_in(from_address(ATTACKER, claimed="192.0.2.1"), victim.username, "guess")

    attempt = AccessAttempt.objects.get(username=victim.username)

    assert attempt.ip_address == ATTACKER


def test_a_forged_first_entry_does_not_free_the_guesser(settings):
    victim = UserFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(from_address(ATTACKER, claimed=f"192.0.2.{n}"), victim.username, "guess")

    response = log_in(from_address(ATTACKER, claimed="192.0.2.200"), victim.username, PASSWORD)

    assert response.status_code == 429


def test_without_the_proxy_setting_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    victim = UserFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        guesser = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        log_in(guesser, victim.username, "guess")

    response = log_in(Client(REMOTE_ADDR=ATTACKER), victim.username, PASSWORD)

    assert response.status_code == 429
    assert AccessAttempt.objects.get(username=victim.username).ip_address == ATTACKER


# Password spraying: one address, many usernames -------------------------------------------


def test_many_usernames_from_one_address_are_throttled_too():
    limit = LOGIN_FAILURES.limit
    assert limit > 5  # above the per-person limit, so one household's typos do not add up
    sprayer = from_address(ATTACKER)
    # One or two guesses per person, never enough to lock any one (address, username).
    for n in range(limit):
        UserFactory(username=f"person{n}")
        log_in(sprayer, f"person{n}", "Summer2026!")
    one_more = UserFactory(username="next-person")

    response = log_in(sprayer, one_more.username, PASSWORD)

    assert response.status_code == 429
    assert "from this internet connection" in response.content.decode()
    assert "_auth_user_id" not in sprayer.session


def test_a_sprayed_address_does_not_stop_people_elsewhere():
    sprayer = from_address(ATTACKER)
    for n in range(LOGIN_FAILURES.limit + 1):
        log_in(sprayer, f"nobody{n}", "Summer2026!")
    person = UserFactory()

    response = log_in(from_address(VICTIM), person.username, PASSWORD)

    assert response.status_code == 302
