"""Finishing a guided session: the pain score form and the one entry it makes."""

import datetime

import pytest
from django.utils import timezone

from journal import finish as finish_module
from journal.models import Entry
from practice.models import Practice
from tests.factories import EntryFactory, PracticeFactory


@pytest.fixture
def practice(user):
    return PracticeFactory(owner=user, pain_before=6, routine__name="Evening routine")


def url(practice) -> str:
    return f"/practice/{practice.pk}/finish/"


def test_form_shows_the_scale_and_the_score_before(user_client, practice):
    response = user_client.get(url(practice))
    html = response.content.decode()
    assert response.status_code == 200
    assert "How do you feel now?" in html
    assert html.count('name="pain_after"') == 11
    assert "6 out of 10" in html
    assert "no pain" in html and "worst imaginable" in html
    for label in ("Too light", "About right", "Too hard"):
        assert label in html
    # the body map: every area of it, each side, and none of the areas from before it
    for code in ("back-left", "back-centre", "hip-right", "below-knee-left", "foot-right"):
        assert f'name="areas" value="{code}"' in html
    assert 'value="leg"' not in html
    assert 'name="pain_before"' not in html  # already known


def test_finishing_records_one_entry_and_closes_the_session(user_client, user, practice):
    response = user_client.post(
        url(practice),
        {
            "pain_after": "3",
            "feel": "too-hard",
            "areas": ["hip-left", "below-knee-left"],
            "note": "Eased off on GB30.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    entry = Entry.objects.get()
    assert entry.user == user
    assert entry.practice == practice
    assert entry.routine == practice.routine
    assert entry.routine_name == "Evening routine"
    assert (entry.pain_before, entry.pain_after) == (6, 3)
    assert entry.feel == Entry.Feel.TOO_HARD
    assert entry.area_codes() == ["hip-left", "below-knee-left"]
    assert entry.note == "Eased off on GB30."
    practice.refresh_from_db()
    assert practice.state == Practice.State.FINISHED
    assert practice.ended_at is not None
    assert abs(practice.ended_at - entry.recorded_at) < datetime.timedelta(seconds=1)


def test_message_shows_before_and_after(user_client, practice):
    response = user_client.post(url(practice), {"pain_after": "3"}, follow=True)
    assert "Saved: pain 6 → 3 (3 points lower)." in response.content.decode()


@pytest.mark.parametrize("value", ["11", "-1", "2.5", "abc", "", " ", "1e1", "０"])
def test_bad_scores_are_refused_and_nothing_is_saved(user_client, practice, value):
    response = user_client.post(url(practice), {"pain_after": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing is saved yet" in html
    assert "from 0 (no pain) to 10 (worst imaginable)" in html
    assert not Entry.objects.exists()
    practice.refresh_from_db()
    assert practice.state == Practice.State.RUNNING


def test_missing_score_is_refused(user_client, practice):
    response = user_client.post(url(practice), {"note": "forgot the score"})
    assert response.status_code == 200
    assert "Choose how much it hurts now" in response.content.decode()
    assert not Entry.objects.exists()


def test_bad_feel_and_overlong_note_are_refused(user_client, practice):
    response = user_client.post(
        url(practice), {"pain_after": "4", "feel": "ouch", "note": "x" * 2001}
    )
    html = response.content.decode()
    assert "Choose too light, about right or too hard." in html
    assert "at most 2000 characters" in html
    assert not Entry.objects.exists()


def test_null_character_in_note_is_refused_not_a_crash(user_client, practice):
    response = user_client.post(url(practice), {"pain_after": "4", "note": "a\x00b"})
    assert response.status_code == 200
    assert not Entry.objects.exists()


def test_finishing_twice_makes_one_entry(user_client, practice):
    user_client.post(url(practice), {"pain_after": "3"})
    response = user_client.post(url(practice), {"pain_after": "1"}, follow=True)
    assert Entry.objects.count() == 1
    assert Entry.objects.get().pain_after == 3
    assert "already in your journal" in response.content.decode()


def test_opening_the_form_again_after_recording_goes_to_the_journal(user_client, practice):
    user_client.post(url(practice), {"pain_after": "3"})
    response = user_client.get(url(practice))
    assert response.status_code == 302
    assert response["Location"] == "/journal/"


def test_a_concurrent_insert_is_reported_as_already_recorded(
    user_client, user, practice, monkeypatch
):
    # Another request wrote the entry after our check: the unique link catches it.
    EntryFactory(user=user, practice=practice, pain_after=2)
    monkeypatch.setattr(finish_module, "has_entry", lambda practice: False)
    response = user_client.post(url(practice), {"pain_after": "5"}, follow=True)
    assert response.status_code == 200
    assert "already in your journal" in response.content.decode()
    assert Entry.objects.count() == 1
    assert Entry.objects.get().pain_after == 2


def test_a_paused_session_can_be_finished(user_client, user):
    practice = PracticeFactory(owner=user, state=Practice.State.PAUSED, pain_before=4)
    user_client.post(url(practice), {"pain_after": "4"})
    practice.refresh_from_db()
    assert practice.state == Practice.State.FINISHED
    assert Entry.objects.get().change == 0


def test_a_session_already_finished_by_the_player_gets_its_entry(user_client, user):
    ended = timezone.now() - datetime.timedelta(minutes=3)
    practice = PracticeFactory(
        owner=user, state=Practice.State.FINISHED, ended_at=ended, pain_before=5
    )
    user_client.post(url(practice), {"pain_after": "2"})
    practice.refresh_from_db()
    assert practice.ended_at == ended
    assert Entry.objects.get().practice == practice


def test_an_abandoned_session_is_not_scored_late(user_client, user):
    # Left unfinished for more than a day: a score now would not say how the session went.
    practice = PracticeFactory(owner=user, state=Practice.State.ABANDONED, pain_before=5)
    response = user_client.get(url(practice))
    assert response.status_code == 302
    assert response["Location"] == "/journal/new/"
    response = user_client.post(url(practice), {"pain_after": "2"}, follow=True)
    assert "left unfinished for more than a day" in response.content.decode()
    assert not Entry.objects.exists()
    practice.refresh_from_db()
    assert practice.state == Practice.State.ABANDONED


def test_without_a_score_before_the_form_asks_for_it(user_client, user):
    practice = PracticeFactory(owner=user, pain_before=None)
    html = user_client.get(url(practice)).content.decode()
    assert html.count('name="pain_before"') == 11
    user_client.post(url(practice), {"pain_after": "3", "pain_before": "5"})
    assert Entry.objects.get().pain_before == 5


def test_score_before_stays_optional(user_client, user):
    practice = PracticeFactory(owner=user, pain_before=None)
    response = user_client.post(url(practice), {"pain_after": "3"}, follow=True)
    entry = Entry.objects.get()
    assert entry.pain_before is None
    assert "Saved: pain 3 out of 10" in response.content.decode()


def test_the_practice_score_before_wins_over_a_posted_one(user_client, practice):
    user_client.post(url(practice), {"pain_after": "3", "pain_before": "9"})
    assert Entry.objects.get().pain_before == 6


def test_unknown_session_is_404(user_client):
    assert user_client.get("/practice/999999/finish/").status_code == 404
    assert user_client.post("/practice/999999/finish/", {"pain_after": "3"}).status_code == 404


def test_other_methods_are_refused(user_client, practice):
    assert user_client.put(url(practice)).status_code == 405
