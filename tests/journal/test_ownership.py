"""Nobody but its owner reaches a journal URL: others get 404, anonymous visitors a login."""

import pytest

from journal.models import Entry
from practice.models import Practice
from tests.factories import EntryFactory, PracticeFactory


@pytest.fixture
def their_entry(other_user):
    return EntryFactory(user=other_user, pain_after=7, note="their private note")


@pytest.fixture
def their_practice(other_user):
    return PracticeFactory(owner=other_user, pain_before=5)


def test_someone_elses_entry_cannot_be_edited(user_client, their_entry):
    url = f"/journal/{their_entry.pk}/edit/"
    assert user_client.get(url).status_code == 404
    response = user_client.post(url, {"pain_after": "0", "recorded_at": "2026-01-01T10:00"})
    assert response.status_code == 404
    their_entry.refresh_from_db()
    assert their_entry.pain_after == 7


def test_someone_elses_entry_cannot_be_deleted(user_client, their_entry):
    url = f"/journal/{their_entry.pk}/delete/"
    assert user_client.get(url).status_code == 404
    assert user_client.post(url).status_code == 404
    assert Entry.objects.filter(pk=their_entry.pk).exists()


def test_someone_elses_session_cannot_be_finished(user_client, their_practice):
    url = f"/practice/{their_practice.pk}/finish/"
    assert user_client.get(url).status_code == 404
    assert user_client.post(url, {"pain_after": "3"}).status_code == 404
    assert not Entry.objects.exists()
    their_practice.refresh_from_db()
    assert their_practice.state == Practice.State.RUNNING


def test_list_summary_and_exports_show_only_ones_own(user_client, their_entry):
    for url in ("/journal/", "/journal/summary/"):
        assert "their private note" not in user_client.get(url).content.decode()
    for url in ("/journal/export.csv", "/journal/export.json"):
        content = b"".join(user_client.get(url).streaming_content).decode()
        assert "their private note" not in content


@pytest.mark.parametrize(
    "path",
    [
        "/journal/",
        "/journal/new/",
        "/journal/{entry}/edit/",
        "/journal/{entry}/delete/",
        "/journal/export.csv",
        "/journal/export.json",
        "/journal/summary/",
        "/practice/{practice}/finish/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, their_entry, their_practice, path):
    url = path.format(entry=their_entry.pk, practice=their_practice.pk)
    for response in (client.get(url), client.post(url, {"pain_after": "1"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert Entry.objects.count() == 1
    their_entry.refresh_from_db()
    assert their_entry.pain_after == 7


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_missing_entries_and_sessions_are_404(user_client, pk):
    assert user_client.get(f"/journal/{pk}/edit/").status_code == 404
    assert user_client.post(f"/journal/{pk}/delete/").status_code == 404
    assert user_client.post(f"/practice/{pk}/finish/", {"pain_after": "3"}).status_code == 404
