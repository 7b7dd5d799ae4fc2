"""Importing the account export: a preview, nothing doubled, nothing half-written, clear refusals,
and export → import into a fresh account → export gives the same data."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from journal import areas
from journal.account_export import export_user_data
from journal.account_import import ImportRefused, plan, read, run
from journal.models import Ability, Activity, Entry, Medicine
from practice.models import Practice
from routines.models import Routine
from tests.factories import PointFactory, RoutineFactory, StepFactory, UserFactory

START = datetime.datetime(2025, 1, 6, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def year(user):
    """A year of daily entries with everything an entry can hold, in an account in use."""
    user.pregnant, user.timezone, user.get_ready_seconds = True, "Europe/Berlin", 8
    user.save()
    routine = RoutineFactory(owner=user, name="Sciatica evening", schedule="weekly", weekdays="135")
    StepFactory(routine=routine, point=PointFactory(code="GB30"), hold_seconds=45, note="Firm")
    StepFactory(routine=routine, point=PointFactory(code="BL40"), side="left", position=1)
    ibuprofen = Medicine.objects.create(user=user, name="Ibuprofen")
    Medicine.objects.create(user=user, name="Paracetamol", position=1, retired=True)
    socks = Activity.objects.create(user=user, name="Put on socks", position=0)
    for day in range(365):
        moment = START + datetime.timedelta(days=day)
        practice = None
        if day % 2 == 0:
            practice = Practice.objects.create(
                owner=user,
                routine=routine,
                routine_name=routine.name,
                started_at=moment - datetime.timedelta(minutes=6),
                ended_at=moment,
                state=Practice.State.FINISHED,
                pain_before=6,
                ended_early=day % 10 == 0,
            )
        entry = Entry.objects.create(
            user=user,
            practice=practice,
            routine=routine if practice else None,
            routine_name=routine.name if practice else "",
            recorded_at=moment,
            pain_before=6 if practice else None,
            pain_after=day % 11,
            ran_to_end=not (practice and day % 10 == 0),
            feel="right" if practice else "",
            areas=areas.to_bits(["back-left", "below-knee-left"][: 1 + day % 2]),
            sleep=1 + day % 5,
            other_medicine=day % 7 == 0,
            note=f"Day {day}" if day % 30 == 0 else "",
        )
        if day % 3 == 0:
            entry.medicines.add(ibuprofen)
        Ability.objects.create(entry=entry, activity=socks, name=socks.name, score=day % 11)
    return user


def same_data(export: dict) -> dict:
    """An export without what differs between any two accounts or servers: row ids (each
    reference becomes the position of what it points to), the account's name and dates."""
    data = json.loads(json.dumps(export))
    routine_at = {r["id"]: n for n, r in enumerate(data["routines"])}
    practice_at = {p["id"]: n for n, p in enumerate(data["practices"])}
    for routine in data["routines"]:
        del routine["id"]
    for practice in data["practices"]:
        del practice["id"]
        practice["routine_id"] = routine_at.get(practice["routine_id"])
    for entry in data["journal"]:
        del entry["id"]
        entry["routine_id"] = routine_at.get(entry["routine_id"])
        entry["practice_id"] = practice_at.get(entry["practice_id"])
    del data["exported_at"]
    for key in ("username", "email", "date_joined", "last_login"):
        del data["profile"][key]
    return data


def test_export_import_export_gives_the_same_data(year, db):
    first = export_user_data(year)
    fresh = UserFactory()
    added = run(fresh, read(json.dumps(first).encode()))
    assert (added.routines, added.practices, added.entries) == (1, 183, 365)
    second = export_user_data(fresh)
    assert same_data(second) == same_data(first)
    assert len(second["journal"]) == 365


def test_importing_the_same_file_twice_changes_nothing(year):
    data = export_user_data(year)
    counts = (Routine.objects.count(), Practice.objects.count(), Entry.objects.count())
    again = run(year, data)
    assert (again.routines, again.practices, again.entries, again.medicines) == (0, 0, 0, 0)
    assert not again.adds_anything
    assert (Routine.objects.count(), Practice.objects.count(), Entry.objects.count()) == counts
    fresh = UserFactory()
    run(fresh, data)
    run(fresh, data)
    assert Entry.objects.filter(user=fresh).count() == 365
    assert Ability.objects.filter(entry__user=fresh).count() == 365


def test_import_into_an_account_in_use_adds_beside_what_is_there(year, other_user):
    RoutineFactory(owner=other_user, name="My own")
    Entry.objects.create(user=other_user, recorded_at=START, pain_after=3)
    data = export_user_data(year)
    run(other_user, data)
    assert Routine.objects.filter(owner=other_user).count() == 2
    assert Entry.objects.filter(user=other_user).count() == 366


def test_the_preview_counts_and_writes_nothing(year):
    data = export_user_data(year)
    fresh = UserFactory()
    preview = plan(fresh, data)
    assert (preview.routines, preview.practices, preview.entries) == (1, 183, 365)
    assert (preview.medicines, preview.activities) == (2, 1)
    assert "pregnant" in preview.settings
    assert not Entry.objects.filter(user=fresh).exists()
    assert not Routine.objects.filter(owner=fresh).exists()
    fresh.refresh_from_db()
    assert not fresh.pregnant


def refused(raw: bytes, user) -> str:
    with pytest.raises(ImportRefused) as caught:
        run(user, read(raw))
    return str(caught.value)


def test_a_truncated_file_is_damaged_and_nothing_is_written(year):
    text = json.dumps(export_user_data(year))
    fresh = UserFactory()
    message = refused(text[: len(text) // 2].encode(), fresh)
    assert "damaged or incomplete" in message
    assert not Entry.objects.filter(user=fresh).exists()


def test_a_file_from_another_app_is_not_an_export(user):
    assert "not a Press Points export" in refused(b'{"name": "my-app", "version": 3}', user)
    assert "not a Press Points export" in refused(b"date,pain\n2025-01-01,4\n", user)
    assert "not a Press Points export" in refused(bytes([0xFF, 0xD8, 0xFF, 0xE0]), user)


def test_a_file_from_a_newer_version_is_refused(user):
    newer = {"format": "press-points-export", "version": 99, "profile": {}}
    assert "newer version" in refused(json.dumps(newer).encode(), user)


def test_a_50_mb_file_is_refused_before_it_is_read(user_client, user):
    upload = SimpleUploadedFile("big.json", b" " * (50 * 1024 * 1024), "application/json")
    response = user_client.post("/accounts/import/", {"file": upload})
    html = response.content.decode()
    assert "This file is 50 MB; an export is at most 20 MB." in html
    assert not Entry.objects.filter(user=user).exists()


def test_another_persons_file_only_ever_adds_to_the_importing_account(year, other_user):
    data = export_user_data(year)
    before = sorted(Entry.objects.filter(user=year).values_list("id", "pain_after", "note"))
    run(other_user, data)
    # the same uuids now name other_user's own copies; year's rows are untouched
    assert Entry.objects.filter(user=other_user).count() == 365
    after = sorted(Entry.objects.filter(user=year).values_list("id", "pain_after", "note"))
    assert after == before
    assert not Entry.objects.filter(user=year, practice__owner=other_user).exists()


def test_an_id_the_file_does_not_hold_is_refused(year, other_user):
    theirs = RoutineFactory(owner=other_user, name="Not yours")
    data = export_user_data(year)
    for entry in data["journal"]:
        del entry["uuid"]
    data["journal"][-1]["routine_id"] = theirs.pk
    fresh = UserFactory()
    message = refused(json.dumps(data).encode(), fresh)
    assert "names a routine it does not contain" in message
    assert not Entry.objects.filter(user=fresh).exists()
    assert not theirs.entries.exists()


def test_the_page_previews_then_imports(user_client, year):
    data = export_user_data(year)
    fresh = UserFactory()
    user_client.force_login(fresh)
    upload = SimpleUploadedFile("press-points.json", json.dumps(data).encode())
    html = user_client.post("/accounts/import/", {"file": upload}).content.decode()
    preview = html[html.index('id="preview-heading"') :]
    assert "365 journal entries" in preview and "183 sessions" in preview
    assert not Entry.objects.filter(user=fresh).exists()
    confirm = html.split('name="confirm" value="')[1].split('"')[0]
    response = user_client.post("/accounts/import/", {"confirm": confirm})
    assert response.status_code == 302
    assert Entry.objects.filter(user=fresh).count() == 365
    # the same file again: the preview says there is nothing to add
    upload = SimpleUploadedFile("press-points.json", json.dumps(data).encode())
    html = user_client.post("/accounts/import/", {"file": upload}).content.decode()
    assert "there is nothing to import" in html


def test_refusals_are_shown_on_the_page(user_client, user):
    upload = SimpleUploadedFile("notes.txt", b"just some notes")
    html = user_client.post("/accounts/import/", {"file": upload}).content.decode()
    assert 'role="alert">This file is not a Press Points export.' in html
