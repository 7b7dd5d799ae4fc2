import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "another-long-passphrase-42"


def change(client, old=PASSWORD, new1=NEW, new2=NEW):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2},
    )


# Change -------------------------------------------------------------------------------------


def test_change_needs_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_change_page(user_client):
    response = user_client.get(reverse("password_change"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="old_password"' in html
    assert 'name="new_password1"' in html


def test_change_password_keeps_you_logged_in(user_client, user):
    response = change(user_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW)
    done = user_client.get(response["Location"])
    assert done.status_code == 200
    assert "Password changed" in done.content.decode()


def test_wrong_old_password_changes_nothing(user_client, user):
    response = change(user_client, old="not-it")
    assert response.status_code == 200
    assert "Your old password was entered incorrectly." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_weak_new_password_is_refused(user_client, user):
    response = change(user_client, new1="password", new2="password")
    assert "This password is too common." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_guessing_the_old_password_is_throttled(user_client, user):
    for _ in range(4):
        assert change(user_client, old="guess").status_code == 200
    response = change(user_client, old="guess")
    assert response.status_code == 429
    # Even the right one is refused while locked out.
    assert change(user_client).status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# Reset --------------------------------------------------------------------------------------


def test_reset_form(client):
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_reset_sends_a_working_link(client, mailoutbox):
    user = UserFactory(email="ana@example.com")
    response = client.post(reverse("password_reset"), {"email": "ana@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert "Check your email" in client.get(response["Location"]).content.decode()

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ana@example.com"]
    assert mail.subject == "Set a new password for Press Points"
    assert user.username in mail.body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.body).group(1)

    # The first visit swaps the token for a session key and redirects to the form.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    assert "Your new password is set" in client.get(done["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)

    # The link works once.
    again = client.get(link, follow=True)
    assert "This link does not work any more" in again.content.decode()


def test_reset_for_unknown_email_sends_nothing_and_says_the_same(client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_bad_reset_link(client):
    response = client.get("/accounts/password/reset/MQ/bad-token/")
    assert response.status_code == 200
    assert "This link does not work any more" in response.content.decode()


def test_new_password_from_the_email_lifts_a_lockout(client, mailoutbox):
    user = UserFactory(email="bo@example.com")
    for _ in range(5):
        client.post(reverse("login"), {"username": user.username, "password": "wrong"})
    locked = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429

    client.post(reverse("password_reset"), {"email": "bo@example.com"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mailoutbox[0].body).group(
        1
    )
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW})

    response = client.post(reverse("login"), {"username": user.username, "password": NEW})
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
