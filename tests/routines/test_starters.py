"""Starter routines: the fixture, its loader, the public pages and "Use this routine"."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from routines.models import Routine
from routines.starters import StarterError, load_starters
from tests.factories import PointFactory, SourceFactory, StarterRoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def starter_entries() -> list[dict]:
    return json.loads((FIXTURES / "starter_routines.json").read_text())


def write(folder: Path, entries: list[dict]) -> Path:
    (folder / "starter_routines.json").write_text(json.dumps(entries))
    return folder


def codes(routine: Routine) -> list[str]:
    return [step.point.code for step in routine.steps.all()]


# The fixture and its loader -----------------------------------------------------------------


def test_the_catalogue_command_loads_every_starter_with_its_source(catalogue):
    starters = {r.slug: r for r in Routine.objects.filter(owner__isnull=True)}

    assert set(starters) == {entry["slug"] for entry in starter_entries()}
    five = starters["five-points-lower-back"]
    assert five.source.slug == "five-acupressure-points-lower-back-pain"
    assert codes(five) == ["BL60", "SI11", "BL23", "BL40", "BL53"]
    trial = starters["relaxing-set-from-a-trial"]
    assert trial.source.kind == "study"
    assert codes(trial) == ["EX-HN3", "Anmian", "HT7", "SP6", "LR3"]
    assert trial.schedule == "daily"
    sciatica = starters["lower-back-sciatica-leg"]
    assert codes(sciatica)[:5] == ["CV6", "BL23", "BL52", "BL53", "GB30"]


def test_steps_take_the_points_side_and_usual_hold_unless_the_article_gives_one(catalogue):
    five = Routine.objects.get(owner__isnull=True, slug="five-points-lower-back")
    trial = Routine.objects.get(owner__isnull=True, slug="relaxing-set-from-a-trial")

    bl23 = five.steps.get(point__code="BL23")
    assert (bl23.side, bl23.hold_seconds) == ("both", bl23.point.hold_seconds)
    yintang = trial.steps.get(point__code="EX-HN3")
    assert (yintang.side, yintang.hold_seconds) == ("midline", 180)
    assert trial.steps.get(point__code="HT7").hold_seconds == 90


def test_loading_twice_changes_nothing(catalogue):
    before = {
        r.slug: (r.updated, [s.pk for s in r.steps.all()])
        for r in Routine.objects.filter(owner__isnull=True)
    }

    result = load_starters(FIXTURES)

    assert "0 created, 0 updated, 6 unchanged, 0 removed" in result
    after = {
        r.slug: (r.updated, [s.pk for s in r.steps.all()])
        for r in Routine.objects.filter(owner__isnull=True)
    }
    assert after == before


def test_an_edited_fixture_updates_in_place(catalogue, tmp_path):
    entries = starter_entries()
    entries[0]["name"] = "Five points, renamed"
    entries[0]["steps"][0]["hold_seconds"] = 45
    original = Routine.objects.get(owner__isnull=True, slug=entries[0]["slug"])

    result = load_starters(write(tmp_path, entries))

    assert "1 updated" in result
    renamed = Routine.objects.get(owner__isnull=True, slug=entries[0]["slug"])
    assert renamed.pk == original.pk
    assert renamed.name == "Five points, renamed"
    assert renamed.steps.first().hold_seconds == 45


def test_starters_dropped_from_the_file_are_removed_but_copies_stay(
    catalogue, tmp_path, user_client
):
    entries = starter_entries()
    dropped = entries.pop()
    user_client.post(reverse("routines:use", args=[dropped["slug"]]))

    result = load_starters(write(tmp_path, entries))

    assert "1 removed" in result
    assert not Routine.objects.filter(owner__isnull=True, slug=dropped["slug"]).exists()
    copy = Routine.objects.get(owner__isnull=False)
    assert copy.copied_from is None
    assert copy.steps.count() == len(dropped["steps"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e["steps"][0].update(point="ZZ99"), "no point with the code 'ZZ99'"),
        (lambda e: e["steps"][0].update(hold_seconds=601), "Hold for 5 to 600 seconds"),
        (lambda e: e["steps"][0].update(repetitions=11), "Press 1 to 10 times"),
        (lambda e: e["steps"][0].update(side="midline"), "is on both sides of the body"),
        (lambda e: e.update(source="no-such-article"), "no source with the slug"),
        (lambda e: e.update(colour="red"), "unknown field(s) colour"),
        (lambda e: e.update(schedule="weekly", weekdays="9"), "weekdays: Choose at least one"),
    ],
)
def test_a_bad_fixture_is_refused_with_a_message_naming_the_fault(
    catalogue, tmp_path, change, message
):
    entries = starter_entries()
    change(entries[0])

    with pytest.raises(StarterError) as error:
        load_starters(write(tmp_path, entries))

    assert message in str(error.value)
    assert entries[0]["slug"] in str(error.value)


# Public pages -------------------------------------------------------------------------------


def test_anyone_can_browse_the_starters(client, catalogue):
    response = client.get(reverse("routines:starters"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Five points for the lower back" in html
    assert "5 Acupressure Points to Relieve Lower Back Pain" in html
    assert "Relaxing set from a clinical trial" in html


def test_anyone_can_read_a_starter_with_its_diagrams_and_source(client, catalogue):
    response = client.get(reverse("routines:starter", args=["five-points-lower-back"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kunlun Mountains" in html or "BL60" in html
    assert reverse("points:source", args=["five-acupressure-points-lower-back-pain"]) in html
    assert "Log in to use this routine" in html
    assert f"?next={reverse('routines:starter', args=['five-points-lower-back'])}" in html


def test_an_unknown_starter_is_404(client):
    assert client.get(reverse("routines:starter", args=["nothing-here"])).status_code == 404


def test_a_users_own_routine_is_never_a_starter(client, user):
    Routine.objects.create(owner=user, name="Mine", slug="mine")

    assert client.get(reverse("routines:starter", args=["mine"])).status_code == 404


# Use this routine ---------------------------------------------------------------------------


@pytest.fixture
def starter():
    starter = StarterRoutineFactory(
        slug="five", name="Five points", source=SourceFactory(slug="article")
    )
    StepFactory(routine=starter, point=PointFactory(code="BL60", avoid_in_pregnancy=True))
    StepFactory(routine=starter, point=PointFactory(code="BL23"), hold_seconds=120)
    StepFactory(routine=starter, point=PointFactory(code="LI4", avoid_in_pregnancy=True))
    return starter


def test_using_a_starter_copies_it_and_opens_the_builder(user_client, user, starter):
    response = user_client.post(reverse("routines:use", args=["five"]), follow=True)

    copy = Routine.objects.get(owner=user)
    assert response.redirect_chain == [(reverse("routines:edit", args=[copy.pk]), 302)]
    assert "Added “Five points” to your routines" in response.content.decode()
    assert copy.copied_from == starter
    assert codes(copy) == ["BL60", "BL23", "LI4"]
    assert copy.steps.get(point__code="BL23").hold_seconds == 120
    assert starter.steps.count() == 3


def test_using_a_starter_twice_makes_two_copies(user_client, user, starter):
    user_client.post(reverse("routines:use", args=["five"]))
    user_client.post(reverse("routines:use", args=["five"]))

    assert Routine.objects.filter(owner=user).count() == 2


def test_a_pregnant_user_gets_a_copy_without_the_points_avoided_in_pregnancy(
    user_client, user, starter
):
    user.pregnant = True
    user.save()

    response = user_client.post(reverse("routines:use", args=["five"]), follow=True)

    copy = Routine.objects.get(owner=user)
    assert codes(copy) == ["BL23"]
    html = response.content.decode()
    assert "Traditionally avoided in pregnancy: BL60, LI4, so your copy leaves them out." in html


def test_a_pregnant_user_sees_the_avoided_points_flagged_on_the_starter(user_client, user, starter):
    user.pregnant = True
    user.save()

    html = user_client.get(reverse("routines:starter", args=["five"])).content.decode()

    assert "<strong>Traditionally avoided in pregnancy: BL60, LI4.</strong>" in html
    assert "left out of your copy" in html
    assert html.count('<p class="step-warning"><strong>Traditionally avoided') == 2


def test_anonymous_visitors_are_sent_to_log_in_and_back_to_the_starter(client, starter):
    response = client.post(reverse("routines:use", args=["five"]))

    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('login')}?next={reverse('routines:starter', args=['five'])}"
    )
    assert Routine.objects.filter(owner__isnull=False).count() == 0


def test_use_is_post_only(user_client, starter):
    assert user_client.get(reverse("routines:use", args=["five"])).status_code == 405


def test_the_management_command_reports_the_starters(db, capsys):
    call_command("load_catalogue")

    assert "Starter routines: 6 starter routines: 6 created" in capsys.readouterr().out


def test_a_starter_offers_to_start_now_or_edit_first(user_client, starter):
    html = user_client.get(reverse("routines:starter", args=["five"])).content.decode()
    form = html[html.index('class="inline-form use-starter"') :]
    form = form[: form.index("</form>")]
    assert '<button type="submit" name="then" value="start"' in form
    assert '<button type="submit" name="then" value="edit"' in form


def test_start_now_copies_the_starter_and_opens_its_session(user_client, user, starter):
    response = user_client.post(reverse("routines:use", args=["five"]), {"then": "start"})

    copy = Routine.objects.get(owner=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:start", args=[copy.pk])
    assert codes(copy) == ["BL60", "BL23", "LI4"]


def test_edit_first_opens_the_builder(user_client, user, starter):
    response = user_client.post(reverse("routines:use", args=["five"]), {"then": "edit"})

    copy = Routine.objects.get(owner=user)
    assert response["Location"] == reverse("routines:edit", args=[copy.pk])


def test_start_now_with_nothing_left_to_press_opens_the_builder(user_client, user):
    starter = StarterRoutineFactory(slug="hands", name="Hands")
    StepFactory(routine=starter, point=PointFactory(code="LI4", avoid_in_pregnancy=True))
    user.pregnant = True
    user.save()

    response = user_client.post(reverse("routines:use", args=["hands"]), {"then": "start"})

    copy = Routine.objects.get(owner=user)
    assert response["Location"] == reverse("routines:edit", args=[copy.pk])


def test_the_first_try_starter_is_short_and_done_lying_down(catalogue):
    from points.models import Claim

    first = Routine.objects.get(owner=None, slug="first-try-lying-down")
    steps = list(first.steps.select_related("point"))
    assert len(steps) == 3
    # About five minutes, with the player's get-ready time before each side.
    pressing = sum(step.total_seconds for step in steps)
    assert 4 * 60 <= pressing <= 5 * 60
    for step in steps:
        assert step.point.reach != step.point.Reach.HELPER, step.point.code
        # Each point is one its article says to press lying down.
        positions = Claim.objects.filter(source=first.source, point=step.point).values_list(
            "position", flat=True
        )
        assert any(re.search(r"lying|on (your|the) back", p, re.I) for p in positions), (
            step.point.code
        )
