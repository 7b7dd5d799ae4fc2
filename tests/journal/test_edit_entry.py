"""Correcting and deleting one's own entries."""

import datetime

import pytest

from journal.models import Entry
from tests.factories import EntryFactory, PracticeFactory, RoutineFactory


@pytest.fixture
def entry(user):
    return EntryFactory(
        user=user,
        pain_before=6,
        pain_after=4,
        recorded_at=datetime.datetime(2026, 2, 3, 9, 30, tzinfo=datetime.UTC),
        note="First go",
    )


def form_data(entry, **changes) -> dict:
    data = {
        "pain_after": entry.pain_after,
        "pain_before": entry.pain_before if entry.pain_before is not None else "",
        "recorded_at": entry.recorded_at.strftime("%Y-%m-%dT%H:%M"),
        "note": entry.note,
    }
    data.update(changes)
    return data


def test_edit_form_is_filled_in(user_client, entry):
    html = user_client.get(f"/journal/{entry.pk}/edit/").content.decode()
    assert "Edit the entry of 3 February 2026" in html
    assert 'value="2026-02-03T09:30"' in html
    assert 'value="4" id="id_pain_after_4" required checked' in html
    assert "First go" in html
    assert f'href="/journal/{entry.pk}/delete/"' in html


def test_editing_changes_the_entry(user_client, entry):
    response = user_client.post(
        f"/journal/{entry.pk}/edit/", form_data(entry, pain_after="2", note="Better")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.pain_after == 2
    assert entry.note == "Better"
    assert entry.recorded_at == datetime.datetime(2026, 2, 3, 9, 30, tzinfo=datetime.UTC)


def test_the_score_before_can_be_cleared(user_client, entry):
    user_client.post(f"/journal/{entry.pk}/edit/", form_data(entry, pain_before=""))
    entry.refresh_from_db()
    assert entry.pain_before is None


@pytest.mark.parametrize("value", ["11", "-1", "2.5", "abc", ""])
def test_bad_edits_change_nothing(user_client, entry, value):
    response = user_client.post(f"/journal/{entry.pk}/edit/", form_data(entry, pain_after=value))
    assert response.status_code == 200
    assert "Nothing is saved yet" in response.content.decode()
    entry.refresh_from_db()
    assert entry.pain_after == 4


def test_an_entry_from_a_session_keeps_its_routine(user_client, user):
    practice = PracticeFactory(owner=user, routine__name="Evening")
    entry = EntryFactory(
        user=user, practice=practice, routine=practice.routine, routine_name="Evening"
    )
    other = RoutineFactory(owner=user)
    html = user_client.get(f"/journal/{entry.pk}/edit/").content.decode()
    assert 'name="routine"' not in html
    user_client.post(f"/journal/{entry.pk}/edit/", form_data(entry, routine=other.pk))
    entry.refresh_from_db()
    assert entry.routine == practice.routine
    assert entry.routine_name == "Evening"
    assert entry.practice == practice


def test_choosing_a_routine_for_an_entry_on_its_own(user_client, user, entry):
    routine = RoutineFactory(owner=user, name="Lunchtime")
    user_client.post(f"/journal/{entry.pk}/edit/", form_data(entry, routine=routine.pk))
    entry.refresh_from_db()
    assert entry.routine_name == "Lunchtime"
    user_client.post(f"/journal/{entry.pk}/edit/", form_data(entry, routine=""))
    entry.refresh_from_db()
    assert entry.routine is None and entry.routine_name == ""


def test_delete_asks_first(user_client, entry):
    response = user_client.get(f"/journal/{entry.pk}/delete/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Delete this entry?" in html
    assert "cannot be undone" in html
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_delete_removes_the_entry(user_client, entry):
    response = user_client.post(f"/journal/{entry.pk}/delete/", follow=True)
    assert response.redirect_chain[-1][0] == "/journal/"
    assert "The entry is deleted." in response.content.decode()
    assert not Entry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_session_entry_leaves_the_session(user_client, user):
    practice = PracticeFactory(owner=user)
    entry = EntryFactory(user=user, practice=practice)
    user_client.post(f"/journal/{entry.pk}/delete/")
    practice.refresh_from_db()
    assert not Entry.objects.exists()
