"""The journal page: entries, chart, trend, calendar, pagination, and what it reads."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journal.models import Entry
from tests.factories import EntryFactory, RoutineFactory, finished_session, one_a_day


def daily_entries(user, days: int, routine=None, before=6, after=4) -> None:
    Entry.objects.bulk_create(
        Entry(
            user=user,
            recorded_at=moment,
            pain_before=before,
            pain_after=after,
            routine=routine,
            routine_name=routine.name if routine else "",
            note="Walked the dog." if day % 3 == 0 else "",
        )
        for day, moment in enumerate(one_a_day(days))
    )


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/journal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_new_user_sees_the_empty_state(user_client):
    response = user_client.get("/journal/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing recorded yet" in html
    assert 'href="/journal/new/"' in html
    assert '<svg class="pain-chart-svg"' not in html


def test_entries_newest_first_with_before_after_and_change(user_client, user):
    now = timezone.now()
    EntryFactory(
        user=user,
        recorded_at=now - datetime.timedelta(days=2),
        pain_before=7,
        pain_after=3,
        routine_name="Morning routine",
    )
    EntryFactory(
        user=user,
        recorded_at=now - datetime.timedelta(days=1),
        pain_before=4,
        pain_after=6,
        routine_name="Evening routine",
    )
    EntryFactory(
        user=user,
        recorded_at=now - datetime.timedelta(hours=2),
        pain_before=None,
        pain_after=5,
        note="After a long drive",
    )
    html = user_client.get("/journal/").content.decode()
    entries = html[html.index('id="entries"') :]
    assert entries.index("Pain on its own") < entries.index("Evening routine")
    assert entries.index("Evening routine") < entries.index("Morning routine")
    assert "4 points lower" in entries
    assert "2 points higher" in entries
    assert 'class="entry entry-better"' in entries
    assert 'class="entry entry-worse"' in entries
    assert 'class="entry entry-single"' in entries
    assert "After a long drive" in entries


def test_dates_are_shown_in_the_users_time_zone(user_client, user):
    user.timezone = "Pacific/Auckland"
    user.save()
    # 12:30 UTC on 10 January is 01:30 on 11 January in Auckland (UTC+13 in summer).
    EntryFactory(user=user, recorded_at=datetime.datetime(2026, 1, 10, 12, 30, tzinfo=datetime.UTC))
    html = user_client.get("/journal/?period=all").content.decode()
    assert "Sun 11 Jan" in html
    assert ", 01:30" in html


def test_entries_of_other_years_show_the_year(user_client, user):
    this_year = timezone.localdate().year
    EntryFactory(user=user, recorded_at=datetime.datetime(2024, 3, 5, 18, 5, tzinfo=datetime.UTC))
    EntryFactory(user=user, recorded_at=timezone.now(), feel="too-hard", areas=(1 << 3) | (1 << 6))
    html = user_client.get("/journal/?period=all").content.decode()
    assert '<time datetime="2024-03-05T18:05:00+00:00">Tue 5 Mar 2024' in html
    assert "the entry of 5 March 2024, 18:05</span>" in html
    assert f" {this_year}<span" not in html  # this year's entries go without it
    assert "· pressure too hard" in html
    assert "· buttock or hip, left, thigh, right</span>" in html


def test_pagination_thirty_a_page(user_client, user):
    daily_entries(user, 35)
    first = user_client.get("/journal/").content.decode()
    assert first.count('class="entry entry-') == 30
    assert "Page 1 of 2" in first
    second = user_client.get("/journal/?page=2").content.decode()
    assert second.count('class="entry entry-') == 5
    # Nonsense page numbers show a page rather than an error.
    assert user_client.get("/journal/?page=abc").status_code == 200
    last = user_client.get("/journal/?page=999").content.decode()
    assert "Page 2 of 2" in last


def test_htmx_asks_for_the_entries_or_the_overview_alone(user_client, user):
    daily_entries(user, 35)
    headers = {"HX-Request": "true", "HX-Target": "entries"}
    html = user_client.get("/journal/?page=2", headers=headers).content.decode()
    assert html.lstrip().startswith('<section id="entries"')
    assert "<html" not in html
    headers = {"HX-Request": "true", "HX-Target": "overview"}
    html = user_client.get("/journal/?period=4", headers=headers).content.decode()
    assert html.lstrip().startswith('<section id="overview"')
    assert "pain-chart-svg" in html


def test_going_back_in_history_gets_the_whole_page(user_client, user):
    daily_entries(user, 3)
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = user_client.get("/journal/?period=4", headers=headers).content.decode()
    assert "<html" in html


def test_period_limits_the_chart_and_the_trend(user_client, user):
    daily_entries(user, 60)
    four = user_client.get("/journal/?period=4").content.decode()
    assert "28 entries from" in four
    everything = user_client.get("/journal/?period=all").content.decode()
    assert "60 entries from" in everything
    assert user_client.get("/journal/?period=<script>").status_code == 200


def test_trend_reports_a_meaningful_improvement(user_client, user):
    routine = RoutineFactory(owner=user, name="Back routine")
    Entry.objects.bulk_create(
        Entry(
            user=user,
            routine=routine,
            routine_name=routine.name,
            recorded_at=moment,
            pain_before=7,
            pain_after=3 if day < 14 else 6,
        )
        for day, moment in enumerate(one_a_day(28))
    )
    html = user_client.get("/journal/").content.decode()
    assert "6.0 → 3.0" in html
    assert "A meaningful improvement" in html
    assert "Back routine" in html  # the routine that helps most
    assert "−2.5" in html  # average change per session: (−4 × 14 − 1 × 14) / 28


def test_no_inline_styles_anywhere_on_the_page(user_client, user):
    daily_entries(user, 20)
    html = user_client.get("/journal/").content.decode()
    assert not re.search(r"\sstyle=", html)
    assert "<script>" not in html


def test_adherence_calendar_marks_days(user_client, user):
    routine = RoutineFactory(owner=user, name="Daily")
    type(routine).objects.filter(pk=routine.pk).update(
        created=timezone.now() - datetime.timedelta(days=30)
    )
    for moment in one_a_day(3):
        finished_session(user, routine, moment)
    html = user_client.get("/journal/").content.decode()
    assert "Practice, last 8 weeks" in html
    assert html.count(": practised</span>") >= 2
    assert ": planned, not practised</span>" in html
    assert re.search(r"<strong>\d+ of \d+</strong> planned days practised", html)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/journal/", "/journal/?period=all", "/journal/?page=3"])
def test_three_years_of_entries_take_the_same_queries_as_ten(
    user_client, user, other_user, url, django_assert_num_queries
):
    routine = RoutineFactory(owner=user)
    daily_entries(user, 10, routine=routine)
    few = count_queries(user_client, url)
    daily_entries(other_user, 5)
    Entry.objects.filter(user=user).delete()
    daily_entries(user, 1100, routine=routine)
    with django_assert_num_queries(few):
        response = user_client.get(url)
    assert "Page" in response.content.decode()
    # the page of entries reads its medicines and activity scores in two more, the sessions
    # of the calendar in one, the pain on medicine days in one
    assert few <= 12


def test_three_years_of_entries_read_a_bounded_number_of_rows(user_client, user, rows_fetched):
    """Not a timing (make bench measures that): what the page reads stays bounded. Three years
    of daily entries come back from the database as a hundred-odd sums, not 1100 rows."""
    routine = RoutineFactory(owner=user)
    daily_entries(user, 1100, routine=routine)
    with rows_fetched() as fetched:
        html = user_client.get("/journal/?period=all").content.decode()
    assert "1100 entries from" in html
    assert "Each point is the average of 2 weeks." in html
    # at most MAX_POINTS points a series, and the table downsampled alike
    assert html.count('<circle class="chart-point"') <= 2 * 120
    assert html.count('<tr><th scope="row"><time') <= 120
    # 79 runs, two window edges, the last eight weeks for the calendar, a page of 30
    assert sum(fetched) < 200


def section(html: str, element_id: str) -> str:
    """The markup of the element with `element_id`, up to the end of its own section."""
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def test_every_figure_follows_the_period_chosen_over_htmx(user_client, user):
    """The period picker swaps #overview: the chart, the trend, the by-routine table and the
    page links must all come back for the period chosen, not the one shown before."""
    old = RoutineFactory(owner=user, name="Old routine")
    new = RoutineFactory(owner=user, name="New routine")
    days = one_a_day(70)
    Entry.objects.bulk_create(
        Entry(
            user=user,
            routine=new if day < 20 else old,
            routine_name=(new if day < 20 else old).name,
            recorded_at=moment,
            pain_before=6,
            pain_after=4 if day < 20 else 5,
        )
        for day, moment in enumerate(days)
        if day < 20 or day >= 40
    )
    headers = {"HX-Request": "true", "HX-Target": "overview"}
    four = user_client.get("/journal/?period=4", headers=headers).content.decode()
    everything = user_client.get("/journal/?period=all", headers=headers).content.decode()
    assert four.lstrip().startswith('<section id="overview"')

    assert "20 entries from" in four
    assert "50 entries from" in everything
    four_trend, all_trend = section(four, "trend-heading"), section(everything, "trend-heading")
    assert "over 20 sessions with both scores" in four_trend
    assert "over 50 sessions with both scores" in all_trend

    four_table = section(four, "effects-heading")
    all_table = section(everything, "effects-heading")
    assert "New routine" in four_table and "Old routine" not in four_table
    assert "New routine" in all_table and "Old routine" in all_table
    assert '<td class="num">20</td>' in four_table
    assert '<td class="num">30</td>' in all_table

    # The page links carry the period now shown, in the address and in the htmx request.
    four_pages = section(four, "entries-heading")
    assert 'href="?period=4&amp;page=2#entries"' in four_pages
    assert 'hx-get="?period=4&amp;page=2"' in four_pages
    assert "period=all" not in four_pages
    assert 'hx-get="?period=all&amp;page=2"' in section(everything, "entries-heading")
