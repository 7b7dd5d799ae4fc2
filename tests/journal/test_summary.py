"""The printable one-page summary for a clinician."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journal.models import Entry
from practice.models import Practice
from routines.models import Routine
from tests.factories import EntryFactory, PointFactory, RoutineFactory, StepFactory, one_a_day
from tests.support.html import element


@pytest.fixture
def routine(user):
    routine = RoutineFactory(owner=user, name="Evening sciatica", schedule="weekly", weekdays="024")
    Routine.objects.filter(pk=routine.pk).update(
        created=timezone.now() - datetime.timedelta(days=120)
    )
    routine.refresh_from_db()
    gb30 = PointFactory(code="GB30", pinyin="Huantiao", name="Jumping Round")
    bl40 = PointFactory(code="BL40", pinyin="Weizhong", name="Middle of the Crook")
    StepFactory(routine=routine, point=gb30, hold_seconds=90, position=0)
    StepFactory(routine=routine, point=bl40, hold_seconds=30, position=1, side="left")
    return routine


def sessions(user, routine, days: int, before=7, after=lambda day: 3 if day < 14 else 6):
    """A guided session a day, each closed by its entry, as finishing a session leaves them."""
    moments = one_a_day(days)
    practices = Practice.objects.bulk_create(
        Practice(
            owner=user,
            routine=routine,
            routine_name=routine.name,
            started_at=moment,
            ended_at=moment,
            state=Practice.State.FINISHED,
        )
        for moment in moments
    )
    Entry.objects.bulk_create(
        Entry(
            user=user,
            practice=practice,
            routine=routine,
            routine_name=routine.name,
            recorded_at=moment,
            pain_before=before,
            pain_after=after(day),
        )
        for day, (moment, practice) in enumerate(zip(moments, practices, strict=True))
    )


def mon_wed_fri(days: int) -> int:
    """How many of the last `days` local days, today included, fall on Mon, Wed or Fri."""
    today = timezone.localdate()
    return sum((today - datetime.timedelta(days=d)).weekday() in (0, 2, 4) for d in range(days))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/journal/summary/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_summary_reads_in_a_minute(user_client, user, routine):
    user.first_name, user.last_name = "Ada", "Lovelace"
    user.save()
    sessions(user, routine, 28)
    EntryFactory(
        user=user,
        pain_before=None,
        pain_after=8,
        note="Bad night after moving house",
        recorded_at=timezone.now() - datetime.timedelta(days=20),
    )
    html = user_client.get("/journal/summary/").content.decode()
    assert "Pain summary for Ada Lovelace" in html
    # period: the default is the last 12 weeks, shown from the first entry in it
    assert timezone.localdate().strftime("%-d %B %Y") in html
    # planned days practised: Mon/Wed/Fri over the 12 weeks, practised on the last 28 days
    assert f"{mon_wed_fri(28)} of {mon_wed_fri(84)} planned days practised" in html
    # trend: mean after 3.0 in the last two weeks against 6.0 (and one 8) in the first two
    assert "a meaningful improvement" in html
    assert "7.0 before → 4.5 after on average" in html
    # the chart, and the routine with its points and schedule
    assert 'class="pain-chart-svg"' in html
    assert "Evening sciatica" in html
    assert "Monday, Wednesday and Friday at 08:00" in html
    assert "GB30" in html and "Huantiao" in html and "1 min 30 s each side" in html
    assert "BL40" in html and "left side" in html
    # the highest score comes first among the notable entries
    notable = html[html.index("Highest scores") :]
    assert notable.index("Bad night after moving house") < notable.index("7 → <strong>6")
    # the disclaimer, and a page made to print: a Print button, the controls left off paper
    assert "not a treatment or a diagnosis" in html
    head = element(html, "main article.summary header.summary-head")
    assert head.select("button[data-print]")
    assert "no-print" in head.select_one("form.period-form").classes


def test_summary_shows_red_flag_advice_when_triggered(user_client, user, routine):
    EntryFactory(user=user, pain_before=5, pain_after=10)
    advice = element(user_client.get("/journal/summary/").content, "main section.journal-advice")
    assert "Ease the pressure, or stop for now" in advice.text
    assert "losing control of your bladder or bowels" in advice.text


def test_period_can_be_chosen(user_client, user, routine):
    sessions(user, routine, 60)
    four = user_client.get("/journal/summary/?period=4").content.decode()
    assert "28 entries from" in four
    year = user_client.get("/journal/summary/?period=52").content.decode()
    assert "60 entries from" in year
    assert user_client.get("/journal/summary/?period=-1").status_code == 200


def test_empty_summary_does_not_fail(user_client):
    response = user_client.get("/journal/summary/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No entries in this period." in html
    assert "No pain recorded in this period." in html


def test_summary_shows_only_ones_own_entries(user_client, user, other_user, routine):
    EntryFactory(user=other_user, pain_after=10, note="not yours")
    EntryFactory(user=user, pain_after=2, note="yours")
    html = user_client.get("/journal/summary/").content.decode()
    assert "yours" in html and "not yours" not in html


def test_summary_queries_do_not_grow_with_entries(user_client, user, routine):
    sessions(user, routine, 10)
    with CaptureQueriesContext(connection) as few:
        user_client.get("/journal/summary/?period=all")
    Entry.objects.all().delete()
    sessions(user, routine, 1100, after=lambda day: day % 11)
    with CaptureQueriesContext(connection) as many:
        html = user_client.get("/journal/summary/?period=all").content.decode()
    # eight as before, the sessions of the plan, three for medicine, one each for areas and
    # activities (two more per activity scored)
    assert len(many) == len(few) <= 14
    assert "Each point is the average of 2 weeks." in html


def test_summary_of_three_years_reads_a_bounded_number_of_rows(
    user_client, user, routine, rows_fetched
):
    sessions(user, routine, 1100)
    with rows_fetched() as fetched:
        html = user_client.get("/journal/summary/?period=all").content.decode()
    assert "1100 pain scores recorded" in html
    assert f"{mon_wed_fri(120)} of {mon_wed_fri(120)} planned days practised (100%)" in html
    # a hundred-odd sums, the last two weeks for the advice, the routine and its steps, and a
    # row for each session since the routine was made (121 days), which adherence counts
    assert sum(fetched) < 150 + 121
