"""The pain journal in a real browser: recording, the chart, the download, accessibility."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Entry
from tests.conftest import axe_violations
from tests.factories import EntryFactory, PracticeFactory, RoutineFactory, one_a_day

pytestmark = pytest.mark.browser


@pytest.fixture
def history(user):
    """Five weeks of sessions, so the page has a chart, a trend and a calendar to show."""
    routine = RoutineFactory(owner=user, name="Morning lower back")
    type(routine).objects.filter(pk=routine.pk).update(
        created=timezone.now() - datetime.timedelta(days=40)
    )
    for day, moment in enumerate(one_a_day(36)):
        if day % 5 == 0:
            continue
        EntryFactory(
            user=user,
            routine=routine,
            routine_name=routine.name,
            recorded_at=moment,
            pain_before=6 if day > 14 else 5,
            pain_after=5 if day > 14 else 3,
            note="Stiff after sitting." if day % 7 == 0 else "",
        )
    return routine


def test_recording_pain_shows_in_the_list_and_the_chart(logged_in_page):
    page = logged_in_page
    page.goto("/journal/")
    expect(page.get_by_role("heading", name="Nothing recorded yet")).to_be_visible()
    page.get_by_role("link", name="Record your pain now").click()

    page.locator("label[for=id_pain_after_7]").click()
    page.get_by_label("Below the knee, right").check()
    page.get_by_label("Note (optional)").fill("Twinge after lifting the shopping")
    page.get_by_role("button", name="Save to my journal").click()

    page.wait_for_url("**/journal/")
    expect(page.locator(".messages")).to_contain_text("Saved: pain 7 out of 10")
    entry = page.locator(".entry-list .entry").first
    expect(entry).to_contain_text("Pain on its own")
    expect(entry).to_contain_text("7")
    expect(entry).to_contain_text("Twinge after lifting the shopping")
    # the chart has the point, and the table the same number
    expect(page.locator(".pain-chart-svg .chart-points-after circle")).to_have_count(1)
    page.get_by_text("Show the numbers as a table").click()
    expect(page.locator(".chart-table tbody tr")).to_have_count(1)
    expect(page.locator(".chart-table tbody tr td").last).to_have_text("7.0")
    assert Entry.objects.get().note == "Twinge after lifting the shopping"


def test_a_bad_score_is_explained_without_saving(logged_in_page):
    page = logged_in_page
    page.goto("/journal/new/")
    # No score chosen, and a time in the future.
    tomorrow = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=recorded_at]", tomorrow)
    page.get_by_role("button", name="Save to my journal").click()
    expect(page.locator(".errorlist").first).to_contain_text("Choose how much it hurts")
    expect(page.get_by_text("cannot be in the future")).to_be_visible()
    assert not Entry.objects.exists()


def test_export_link_downloads_a_csv(logged_in_page, history):
    page = logged_in_page
    page.goto("/journal/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV spreadsheet").click()
    download = download_info.value
    assert download.suggested_filename.startswith("pain-journal-")
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8").read()  # noqa: SIM115 - read once
    assert text.startswith("recorded_at,date,routine,ended_early,pain_before,pain_after")
    assert text.count("Morning lower back") == 28


def test_period_picker_redraws_the_chart_in_place(logged_in_page, history):
    page = logged_in_page
    page.goto("/journal/")
    expect(page.locator(".pain-chart figcaption")).to_contain_text("28 entries")
    sessions = page.locator(".routine-effects tbody td.num").first
    expect(sessions).to_have_text("28")
    page.evaluate("window.__noReload = 1")
    page.select_option("select[name=period]", "4")
    page.wait_for_url("**period=4**")
    expect(page.locator(".pain-chart figcaption")).to_contain_text("22 entries")
    # the table by routine is swapped with the chart, not left on the old period
    expect(sessions).to_have_text("22")
    assert page.evaluate("window.__noReload") == 1


def test_finishing_a_session_records_it_once(logged_in_page, user):
    practice = PracticeFactory(owner=user, pain_before=6, routine__name="Evening sciatica")
    page = logged_in_page
    page.goto(f"/practice/{practice.pk}/finish/")
    expect(page.get_by_text("6 out of 10")).to_be_visible()
    page.locator("label[for=id_pain_after_3]").click()
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save to my journal").click()
    page.wait_for_url("**/journal/")
    expect(page.locator(".messages")).to_contain_text("Saved: pain 6 → 3 (3 points lower).")
    # Going back and sending the form again does not make a second entry.
    page.goto(f"/practice/{practice.pk}/finish/")
    page.wait_for_url("**/journal/")
    expect(page.locator(".messages")).to_contain_text("already in your journal")
    assert Entry.objects.filter(practice=practice).count() == 1


def test_pain_scale_works_from_the_keyboard(logged_in_page, user):
    practice = PracticeFactory(owner=user, pain_before=6)
    page = logged_in_page
    page.goto(f"/practice/{practice.pk}/finish/")
    page.locator("#id_pain_after_0").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#id_pain_after_4")).to_be_checked()
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Save to my journal").press("Enter")
    page.wait_for_url("**/journal/")
    assert Entry.objects.get().pain_after == 4


@pytest.mark.parametrize("width", [390, 1280])
def test_journal_summary_and_finish_pages_have_no_serious_accessibility_issues(
    logged_in_page, user, history, width
):
    page = logged_in_page
    page.set_viewport_size({"width": width, "height": 900})
    EntryFactory(user=user, pain_before=4, pain_after=9)  # shows the safety advice too
    practice = PracticeFactory(owner=user, pain_before=None)
    for url in ("/journal/", "/journal/summary/", f"/practice/{practice.pk}/finish/"):
        page.goto(url)
        violations = axe_violations(page)
        assert violations == [], (url, [n["html"] for v in violations for n in v["nodes"]])
    page.goto("/journal/")
    page.get_by_text("Show the numbers as a table").click()
    violations = axe_violations(page)
    assert violations == [], [n["html"] for v in violations for n in v["nodes"]]
