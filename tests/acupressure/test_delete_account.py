import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from journal.models import Entry
from practice.models import Practice
from routines.models import Routine, Step
from tests.factories import (
    PASSWORD,
    EntryFactory,
    PracticeFactory,
    RoutineFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"
User = get_user_model()


def give_data(user):
    routine = RoutineFactory(owner=user)
    StepFactory.create_batch(2, routine=routine)
    practice = PracticeFactory(owner=user, routine=routine, state=Practice.State.FINISHED)
    EntryFactory(user=user, practice=practice, routine=routine)
    EntryFactory(user=user)
    return routine


def test_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_confirmation_page(user_client):
    response = user_client.get(reverse("account-delete"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This cannot be undone." in html
    assert 'name="password"' in html
    assert reverse("export") in html


def test_get_deletes_nothing(user_client, user):
    user_client.get(URL)
    assert User.objects.filter(pk=user.pk).exists()


def test_wrong_password_deletes_nothing(user_client, user):
    give_data(user)
    response = user_client.post(URL, {"password": "not-mine"})
    assert response.status_code == 200
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert Routine.objects.filter(owner=user).count() == 1


def test_empty_password_deletes_nothing(user_client, user):
    response = user_client.post(URL, {"password": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_removes_the_user_and_everything_theirs(client, user, other_user):
    # Through the real login, so that there is a login record to erase too.
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert AccessLog.objects.filter(username=user.username).exists()
    mine = give_data(user)
    theirs = give_data(other_user)
    step_ids = list(mine.steps.values_list("pk", flat=True))

    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")

    assert not User.objects.filter(pk=user.pk).exists()
    assert not Routine.objects.filter(pk=mine.pk).exists()
    assert not Step.objects.filter(pk__in=step_ids).exists()
    assert not Practice.objects.filter(owner_id=user.pk).exists()
    assert not Entry.objects.filter(user_id=user.pk).exists()
    assert not AccessLog.objects.filter(username=user.username).exists()

    # The other person's data is untouched.
    assert User.objects.filter(pk=other_user.pk).exists()
    assert Routine.objects.filter(pk=theirs.pk).exists()
    assert Step.objects.filter(routine=theirs).count() == 2
    assert Practice.objects.filter(owner=other_user).count() == 1
    assert Entry.objects.filter(user=other_user).count() == 2

    # Logged out, with a message.
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("home")).content.decode()
    assert "Your account and everything in it have been deleted." in page


def test_calendar_feed_is_gone_after_delete(user_client, user):
    feed = reverse("calendar-feed", args=[user.calendar_token])
    user_client.post(URL, {"password": PASSWORD})
    assert user_client.get(feed).status_code == 404


def test_password_guessing_on_delete_is_throttled(user_client, user):
    for _ in range(4):
        user_client.post(URL, {"password": "guess"})
    response = user_client.post(URL, {"password": "guess"})
    assert response.status_code == 429
    assert user_client.post(URL, {"password": PASSWORD}).status_code == 429
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_removes_login_attempts_and_every_stored_session(user, other_user):
    phone, laptop, theirs = Client(), Client(), Client()
    for device, person in ((phone, user), (laptop, user), (theirs, other_user)):
        device.post(reverse("login"), {"username": person.username, "password": PASSWORD})
    for person in (user, other_user):
        Client().post(reverse("login"), {"username": person.username, "password": "typo"})
    assert AccessAttempt.objects.filter(username=user.username).exists()
    laptop_session = laptop.session.session_key

    assert phone.post(URL, {"password": PASSWORD}).status_code == 302

    assert not AccessAttempt.objects.filter(username=user.username).exists()
    assert not Session.objects.filter(session_key=laptop_session).exists()
    assert laptop.get(reverse("journal:list")).status_code == 302
    # Nobody else's.
    assert AccessAttempt.objects.filter(username=other_user.username).exists()
    assert Session.objects.filter(session_key=theirs.session.session_key).exists()
