"""The signed one-click unsubscribe link in reminder emails."""

import pytest
from django.core import signing

from practice.models import Reminder
from practice.reminders.unsubscribe import SALT, make_token
from tests.factories import ReminderFactory, RoutineFactory, UserFactory

pytestmark = pytest.mark.django_db


def link(reminder: Reminder, user_id: int | None = None) -> str:
    token = make_token(
        user_id or reminder.routine.owner_id, reminder.routine_id, reminder.email_epoch
    )
    return f"/reminders/unsubscribe/{token}/"


def headline(response) -> str:
    import re

    return re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1)


def test_opening_the_link_asks_and_changes_nothing(client):
    reminder = ReminderFactory(routine__name="Morning")
    response = client.get(link(reminder))
    assert response.status_code == 200
    assert headline(response) == "Stop reminder emails?"
    assert "“Morning”" in response.content.decode()
    reminder.refresh_from_db()
    assert reminder.by_email


def test_the_link_works_once_without_logging_in(client):
    reminder = ReminderFactory(routine__name="Morning", by_push=True)
    url = link(reminder)
    response = client.post(url)
    assert response.status_code == 200
    assert headline(response) == "Reminder emails stopped"
    reminder.refresh_from_db()
    assert not reminder.by_email
    # Push stays on: only the emails were stopped.
    assert reminder.enabled and reminder.by_push

    again = client.post(url)
    assert again.status_code == 410
    assert headline(again) == "This link has been used"
    reminder.refresh_from_db()
    assert reminder.email_epoch == 1


def test_an_old_link_does_not_stop_emails_turned_on_again(client):
    reminder = ReminderFactory()
    old = link(reminder)
    client.post(old)
    reminder.refresh_from_db()
    reminder.by_email = True
    reminder.save()
    assert client.post(old).status_code == 410
    reminder.refresh_from_db()
    assert reminder.by_email


def test_stopping_the_only_way_turns_the_reminder_off(client):
    reminder = ReminderFactory(by_push=False)
    client.post(link(reminder))
    reminder.refresh_from_db()
    assert not reminder.enabled and not reminder.by_email


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        "a" * 300,
        signing.dumps([1, 2, 0], salt="another.purpose"),
        signing.dumps("not a list", salt=SALT),
        signing.dumps([1, 2], salt=SALT),
        signing.dumps([True, 2, 0], salt=SALT),
    ],
)
def test_bad_links_give_a_clear_page_and_change_nothing(client, token):
    reminder = ReminderFactory()
    response = client.post(
        f"/reminders/unsubscribe/{token}/" if token else "/reminders/unsubscribe/x/"
    )
    assert response.status_code == 400
    assert headline(response) == "This link does not work"
    reminder.refresh_from_db()
    assert reminder.by_email


def test_a_forged_or_altered_token_is_refused(client):
    reminder = ReminderFactory()
    token = make_token(reminder.routine.owner_id, reminder.routine_id, 0)
    payload, signature = token.rsplit(":", 1)
    forged = payload + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]
    assert client.post(f"/reminders/unsubscribe/{forged}/").status_code == 400
    reminder.refresh_from_db()
    assert reminder.by_email


def test_a_link_cannot_be_used_for_another_persons_routine(client):
    mine = ReminderFactory()
    theirs = ReminderFactory(routine=RoutineFactory(owner=UserFactory()))
    # My signed user id with their routine: a token we never made for anyone.
    token = make_token(mine.routine.owner_id, theirs.routine_id, 0)
    response = client.post(f"/reminders/unsubscribe/{token}/")
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.by_email
