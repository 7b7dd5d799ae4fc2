"""The clinician summary prints on one A4 page, with a full journal: three routines, five
medicines, three activities and twelve weeks of entries."""

import datetime
import re

import pytest

from journal import areas
from journal.models import Ability, Activity, Entry, Medicine
from routines.models import Routine
from tests.conftest import axe_violations
from tests.factories import PointFactory, RoutineFactory, StepFactory, finished_session, one_a_day

pytestmark = pytest.mark.browser
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF: its page objects (/Type /Page, not the /Pages tree above them)."""
    assert pdf.startswith(b"%PDF-")
    return len(PAGE_OBJECT.findall(pdf))


@pytest.fixture
def full_journal(user):
    user.first_name, user.last_name = "Ada", "Lovelace"
    user.save()
    names = ["Morning lower back", "Evening sciatica", "Hip and buttock"]
    routines = []
    for number, name in enumerate(names):
        routine = RoutineFactory(owner=user, name=name, schedule=Routine.Schedule.DAILY)
        Routine.objects.filter(pk=routine.pk).update(
            created=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=100)
        )
        for position in range(5):
            # Names of a real point's length, the same whatever ran before (a factory's
            # sequence number grows with the suite and would lengthen every line).
            index = number * 5 + position
            point = PointFactory(
                code=f"BL{20 + index}", pinyin=f"Pinyin{index:02}", name=f"Point name {index:02}"
            )
            StepFactory(routine=routine, point=point, position=position, hold_seconds=60)
        routines.append(routine)
    medicines = [
        Medicine.objects.create(user=user, name=name, position=n)
        for n, name in enumerate(
            ["Ibuprofen", "Paracetamol", "Naproxen", "Codeine", "Diclofenac gel"]
        )
    ]
    activities = [
        Activity.objects.create(user=user, name=name, position=n)
        for n, name in enumerate(["Sit for an hour", "Put on socks", "Walk to the shop"])
    ]
    for day, moment in enumerate(one_a_day(84)):
        entry = finished_session(
            user,
            routines[day % 3],
            moment,
            pain_before=7 - day % 3,
            pain_after=4 + day % 4,
            areas=areas.to_bits(["back-left", "hip-left", "below-knee-left"][: 1 + day % 3]),
            sleep=1 + day % 5,
            note="Long drive, stiff afterwards." if day % 9 == 0 else "",
        )
        entry.medicines.add(medicines[day % 5])
        Ability.objects.bulk_create(
            Ability(entry=entry, activity=a, name=a.name, score=(day + n) % 11)
            for n, a in enumerate(activities)
        )
    assert Entry.objects.count() == 84


def test_summary_prints_on_one_a4_page(logged_in_page, full_journal):
    page = logged_in_page
    page.goto("/journal/summary/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf_pages(pdf) == 1
    # everything a clinician needs is on that page
    text = page.locator("article.summary").inner_text()
    for words in ("planned days practised", "Lower back, left", "Ibuprofen", "Put on socks"):
        assert words in text


def test_summary_has_no_serious_accessibility_issues(logged_in_page, full_journal):
    page = logged_in_page
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/journal/summary/")
        violations = axe_violations(page)
        assert violations == [], [n["html"] for v in violations for n in v["nodes"]]
        page.goto("/journal/summary/share/")
        violations = axe_violations(page)
        assert violations == [], [n["html"] for v in violations for n in v["nodes"]]
