"""When the journal advises easing the pressure or stopping."""

import datetime

from django.utils import timezone

from journal.rows import Row
from journal.safety import journal_advice
from tests.factories import EntryFactory, PracticeFactory
from tests.support.html import element

NOW = datetime.datetime(2026, 6, 10, 12, 0, tzinfo=datetime.UTC)


def sessions(*pairs, days_ago_start=6):
    """Sessions one day apart, oldest first, ending `days_ago_start - len + 1` days ago."""
    rows = []
    for i, (before, after) in enumerate(pairs):
        when = NOW - datetime.timedelta(days=days_ago_start - i)
        rows.append(Row(when, before, after))
    return rows


def test_worse_after_in_two_of_the_last_three_sessions():
    advice = journal_advice(sessions((4, 6), (5, 5), (3, 6)), NOW)
    assert advice is not None
    assert advice.after_sessions
    assert advice.worse_sessions == 2
    assert not advice.severe


def test_one_worse_session_in_three_is_not_enough():
    assert journal_advice(sessions((4, 6), (5, 5), (5, 4)), NOW) is None


def test_only_the_last_three_sessions_count():
    # The two worse sessions are the oldest of five.
    assert journal_advice(sessions((4, 6), (4, 7), (5, 4), (5, 5), (5, 4)), NOW) is None


def test_a_rise_of_one_point_is_not_worse():
    assert journal_advice(sessions((4, 5), (4, 5), (4, 5)), NOW) is None


def test_pain_recorded_on_its_own_does_not_count_as_a_session():
    rows = sessions((4, 6), (4, 6)) + [Row(NOW - datetime.timedelta(hours=1), None, 3)]
    advice = journal_advice(rows, NOW)
    assert advice.worse_sessions == 2


def test_any_recent_score_of_nine_or_ten():
    advice = journal_advice([Row(NOW - datetime.timedelta(days=3), None, 9)], NOW)
    assert advice.severe and advice.highest == 9
    # A 10 before a session that then eased is still a severe score.
    advice = journal_advice([Row(NOW - datetime.timedelta(days=1), 10, 6)], NOW)
    assert advice.severe and advice.highest == 10
    assert journal_advice([Row(NOW - datetime.timedelta(days=1), 8, 8)], NOW) is None


def test_old_entries_do_not_trigger_advice():
    old = NOW - datetime.timedelta(days=20)
    rows = [Row(old, None, 10), Row(old, 3, 7), Row(old, 3, 7)]
    assert journal_advice(rows, NOW) is None


def test_journal_and_summary_show_the_advice_with_red_flags(user_client, user):
    EntryFactory(user=user, pain_before=4, pain_after=9)
    for url in ("/journal/", "/journal/summary/"):
        advice = element(user_client.get(url).content, "main section.journal-advice")
        assert "Ease the pressure, or stop for now" in advice.text
        assert "9 out of 10" in advice.text
        assert "/safety/#emergency" in advice.hrefs()
        assert "weakness or numbness in both legs" in advice.text


def test_no_advice_when_scores_are_calm(user_client, user):
    EntryFactory(user=user, pain_before=6, pain_after=4)
    html = user_client.get("/journal/").content.decode()
    assert "Ease the pressure" not in html


def test_finishing_a_second_worse_session_warns_at_once(user_client, user):
    EntryFactory(
        user=user, pain_before=3, pain_after=6, recorded_at=timezone.now() - datetime.timedelta(1)
    )
    practice = PracticeFactory(owner=user, pain_before=3)
    response = user_client.post(
        f"/practice/{practice.pk}/finish/", {"pain_after": "6"}, follow=True
    )
    html = response.content.decode()
    assert "suggest easing the pressure or stopping" in html
    assert "Ease the pressure, or stop for now" in html
