"""Honest figures: a session ended early is shown as such and left out of the effect, and
adherence (planned days practised) reads the same on the journal, the summary and Today."""

import datetime
import re
from unittest import mock

import pytest

from journal.rows import Row
from journal.trends import trend
from practice.models import Practice
from practice.sessions import back, end_early, start_practice
from routines.models import Routine
from tests.factories import RoutineFactory, StepFactory, finished_session

UTC = datetime.UTC
# Thursday 11 June 2026, noon: the week began on Monday 8 June.
NOW = datetime.datetime(2026, 6, 11, 12, 0, tzinfo=UTC)


def at(day: int, hour: int = 8) -> datetime.datetime:
    return datetime.datetime(2026, 6, day, hour, tzinfo=UTC)


def test_ended_early_is_left_out_of_the_effect_and_counted_apart():
    full = [Row(at(d), 6, 5, 1, "Back", 100 + d) for d in (1, 2, 3)]
    early = Row(at(4), 8, 1, 1, "Back", 104, ran_to_end=False)  # a big drop after one point
    result = trend([*full, early], UTC)
    assert result.sessions == 3 and result.ended_early == 1
    assert result.scored_sessions == 3
    assert result.average_change == -1
    [effect] = result.effects
    assert (effect.sessions, effect.mean_before, effect.mean_after) == (3, 6, 5)
    assert result.entries == 4  # the score itself stays in the journal and the chart


def test_ending_early_marks_the_session_and_going_back_clears_it(user):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine)
    StepFactory(routine=routine, position=1)
    practice = start_practice(user, routine, 6, NOW)
    end_early(practice, NOW)
    practice.refresh_from_db()
    assert practice.ended_early
    back(practice, NOW)
    practice.refresh_from_db()
    assert not practice.ended_early


def test_the_entry_of_a_session_ended_early_says_so(user_client, user):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine)
    practice = start_practice(user, routine, 7, NOW - datetime.timedelta(minutes=2))
    end_early(practice, NOW - datetime.timedelta(minutes=1))
    user_client.post(f"/practice/{practice.pk}/finish/", {"pain_after": "2"})
    entry = practice.entry
    assert entry.ended_early
    html = user_client.get("/journal/").content.decode()
    listed = html[html.index('class="entry-list"') :]
    assert '<span class="badge badge-early">ended early</span>' in listed
    trend_card = html[html.index('id="trend-heading"') : html.index('id="effects-heading"')]
    assert "1 ended early" in trend_card


@pytest.fixture
def week(user):
    """A daily routine made on Monday; sessions on Monday (full), Tuesday (ended early),
    none on Wednesday, and today, Thursday (full)."""
    routine = RoutineFactory(owner=user, name="Daily back", schedule=Routine.Schedule.DAILY)
    Routine.objects.filter(pk=routine.pk).update(created=at(8, 7))
    finished_session(user, routine, at(8))
    finished_session(user, routine, at(9), ran_to_end=False, pain_before=8, pain_after=1)
    finished_session(user, routine, at(11, 9))
    return routine


def figure(html: str, prefix: str = "") -> str:
    found = re.search(
        prefix + r"(?:<strong>)?(\d+ of \d+)(?:</strong>)? planned days practised", html
    )
    assert found, "no adherence figure"
    return found.group(1)


def test_adherence_is_the_same_on_journal_summary_and_today(user_client, week):
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        journal = user_client.get("/journal/").content.decode()
        summary = user_client.get("/journal/summary/").content.decode()
        today = user_client.get("/today/").content.decode()
    calendar = journal[journal.index('id="adherence-heading"') :]
    glance = summary[summary.index('id="glance-heading"') :]
    this_week = today[today.index('class="today-adherence"') :]
    # Mon, Tue, Wed planned and today practised: 4 planned; practised Monday and today. The
    # session ended early on Tuesday does not make the day practised.
    assert figure(calendar) == figure(glance) == figure(this_week) == "2 of 4"
    assert "2 of 4 planned days practised (50%)" in glance
    assert "1 session ended early, not counted as done" in glance
    assert Practice.objects.filter(ended_early=True).count() == 1
