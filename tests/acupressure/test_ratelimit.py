"""Rate limits on signup and password-reset emails: the counting, and the pages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from acupressure.ratelimit import PASSWORD_RESETS, SIGNUPS, Rate, client_key, hit
from tests.factories import UserFactory
from tests.support.html import element

pytestmark = pytest.mark.django_db

HOUR = 3600
RATE = Rate("test", limit=3, period=HOUR)
T0 = 1_800_000_000.0  # the start of an hour


# Counting -----------------------------------------------------------------------------------


def test_the_limit_is_allowed_and_one_more_is_refused():
    verdicts = [hit(RATE, "1.2.3.4", now=T0 + i) for i in range(4)]

    assert [v.allowed for v in verdicts] == [True, True, True, False]


def test_each_client_and_each_rate_counts_apart():
    for _ in range(3):
        hit(RATE, "1.2.3.4", now=T0)

    assert hit(RATE, "5.6.7.8", now=T0).allowed
    assert hit(Rate("other", limit=3, period=HOUR), "1.2.3.4", now=T0).allowed
    assert not hit(RATE, "1.2.3.4", now=T0).allowed


def test_the_count_starts_afresh_in_the_next_window():
    for _ in range(4):
        hit(RATE, "1.2.3.4", now=T0 + 10)

    assert hit(RATE, "1.2.3.4", now=T0 + HOUR).allowed


def test_retry_after_is_the_time_left_in_the_window():
    assert hit(RATE, "1.2.3.4", now=T0).retry_after == HOUR
    assert hit(RATE, "1.2.3.4", now=T0 + HOUR - 90.5).retry_after == 91
    assert hit(RATE, "1.2.3.4", now=T0 + HOUR - 0.2).retry_after == 1


def test_signups_and_resets_are_five_an_hour():
    assert (SIGNUPS.limit, SIGNUPS.period) == (5, HOUR)
    assert (PASSWORD_RESETS.limit, PASSWORD_RESETS.period) == (5, HOUR)


@pytest.mark.parametrize(
    ("meta", "key"),
    [
        ({"REMOTE_ADDR": "203.0.113.9"}, "203.0.113.9"),
        # Without a proxy, X-Forwarded-For is the client's own claim and is ignored.
        (
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.9"},
            "10.0.0.2",
        ),
        ({"REMOTE_ADDR": "2001:db8:1:2:aaaa::1"}, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "2001:db8:1:2:bbbb::7"}, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "::ffff:203.0.113.9"}, "203.0.113.9"),
        ({"REMOTE_ADDR": ""}, "unknown"),
    ],
)
def test_client_key(rf, meta, key):
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR")
    request.META.update(meta)

    assert client_key(request) == key


def test_behind_the_proxy_the_address_it_appended_identifies_the_client(rf, settings):
    settings.BEHIND_PROXY = True
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9")

    # Not the first entry, which any client can write.
    assert client_key(request) == "203.0.113.9"


# The pages ----------------------------------------------------------------------------------


def signup(client: Client, username: str):
    password = "a-long-and-unusual-passphrase"
    return client.post(
        reverse("signup"),
        {"username": username, "password1": password, "password2": password},
    )


def test_a_sixth_account_in_an_hour_is_refused_with_a_clear_page():
    for n in range(5):
        assert signup(Client(), f"person{n}").status_code == 302

    response = signup(Client(), "person5")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= HOUR
    html = response.content.decode()
    assert "Too many new accounts from here" in html
    assert "Only 5 accounts can be made" in html
    assert "/accounts/login/" in element(html, "main").hrefs()
    assert not get_user_model().objects.filter(username="person5").exists()


def test_mistyped_signups_do_not_count():
    for _ in range(6):
        assert Client().post(reverse("signup"), {"username": "x"}).status_code == 200

    assert signup(Client(), "person").status_code == 302


def test_another_address_can_still_sign_up():
    for n in range(5):
        signup(Client(), f"person{n}")

    response = signup(Client(REMOTE_ADDR="198.51.100.1"), "elsewhere")

    assert response.status_code == 302


def test_a_sixth_reset_email_in_an_hour_is_refused_and_not_sent(client, mailoutbox):
    UserFactory(email="maria@example.org")
    url = reverse("password_reset")
    for _ in range(5):
        assert client.post(url, {"email": "maria@example.org"}).status_code == 302
    assert len(mailoutbox) == 5

    response = client.post(url, {"email": "maria@example.org"})

    assert response.status_code == 429
    assert "Retry-After" in response
    assert "Too many reset emails asked for" in response.content.decode()
    assert len(mailoutbox) == 5
