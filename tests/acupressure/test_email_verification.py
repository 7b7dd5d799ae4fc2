"""An address receives reset mail only once its owner has shown it is theirs."""

import re
import threading

import pytest
from django.core.mail.backends import locmem
from django.test import Client
from django.urls import reverse

from acupressure import email_verification
from acupressure.mail import outgoing
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = "a-long-and-unusual-passphrase"
LINK = re.compile(r"http://testserver(/accounts/email/verify/\S+/)")


def test_reset_mail_goes_only_to_a_confirmed_address(client, mailoutbox):
    UserFactory(email="stranger@example.org", email_verified=False)

    response = client.post(reverse("password_reset"), {"email": "stranger@example.org"})

    # The same answer as for any address, and nothing sent.
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_reset_mail_reaches_a_confirmed_address(client, mailoutbox):
    UserFactory(email="maria@example.org", email_verified=True)

    client.post(reverse("password_reset"), {"email": "maria@example.org"})

    assert [mail.to for mail in mailoutbox] == [["maria@example.org"]]


def test_signing_up_with_an_address_sends_a_link_that_confirms_it(client, mailoutbox):
    data = {"username": "maria", "email": "maria@example.org", "password1": GOOD, "password2": GOOD}
    client.post(reverse("signup"), data)

    assert [mail.to for mail in mailoutbox] == [["maria@example.org"]]
    link = LINK.search(mailoutbox[0].body).group(1)
    response = client.get(link, follow=True)

    assert response.status_code == 200
    assert "Your email address is confirmed." in response.content.decode()
    assert response.wsgi_request.user.email_verified


def test_the_link_works_without_being_logged_in(mailoutbox):
    user = UserFactory(email="maria@example.org", email_verified=False)
    link = email_verification.link_path(user)

    response = Client().get(link)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email_verified


def test_a_link_for_an_earlier_address_confirms_nothing():
    user = UserFactory(email="old@example.org", email_verified=False)
    link = email_verification.link_path(user)
    user.email = "new@example.org"
    user.save()

    response = Client().get(link)

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_verified


def test_a_tampered_link_confirms_nothing():
    user = UserFactory(email="maria@example.org", email_verified=False)

    response = Client().get(email_verification.link_path(user)[:-3] + "xx/")

    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.email_verified


def test_settings_say_whether_the_address_is_confirmed_and_can_send_a_link(mailoutbox):
    user = UserFactory(email="maria@example.org", email_verified=False)
    client = Client()
    client.force_login(user)

    page = client.get(reverse("settings")).content.decode()
    assert "not confirmed yet" in page
    assert 'action="/accounts/email/verify/"' in page

    response = client.post(reverse("email-verify-send"), follow=True)

    assert "We sent a link to maria@example.org" in response.content.decode()
    assert [mail.to for mail in mailoutbox] == [["maria@example.org"]]


def test_settings_show_a_confirmed_address():
    client = Client()
    client.force_login(UserFactory(email="maria@example.org", email_verified=True))

    page = client.get(reverse("settings")).content.decode()

    assert "maria@example.org (confirmed)" in page
    assert 'action="/accounts/email/verify/"' not in page


# Timing --------------------------------------------------------------------------------------


@pytest.fixture
def slow_mail_server(settings, monkeypatch, mailoutbox):
    """Sending takes as long as the test wants: the mail goes once the gate opens."""
    settings.MAIL_IN_BACKGROUND = True
    gate = threading.Event()
    send = locmem.EmailBackend.send_messages

    def gated(backend, messages):
        gate.wait(timeout=10)
        return send(backend, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", gated)
    yield gate
    gate.set()


def test_the_reset_page_answers_before_the_mail_is_sent(client, mailoutbox, slow_mail_server):
    UserFactory(email="maria@example.org", email_verified=True)

    response = client.post(reverse("password_reset"), {"email": "maria@example.org"})

    # Known and unknown addresses get the answer as fast: the sending happens afterwards.
    assert response.status_code == 302
    assert mailoutbox == []
    slow_mail_server.set()
    outgoing.wait()
    assert [mail.to for mail in mailoutbox] == [["maria@example.org"]]
