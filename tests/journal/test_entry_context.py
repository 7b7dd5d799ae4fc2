"""Where it hurts (the body map), medicine, sleep and what the person can do, on the entry
form and in the journal; and the migration of the three old tick-boxes onto the map."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from journal import areas
from journal.forms import ListsForm
from journal.models import Ability, Activity, Entry, Medicine
from tests.factories import EntryFactory


def new_entry_data(**changes) -> dict:
    data = {"pain_after": "5", "recorded_at": "2026-02-03T09:30"}
    data.update(changes)
    return data


@pytest.fixture
def lists(user):
    ibuprofen = Medicine.objects.create(user=user, name="Ibuprofen", position=0)
    Medicine.objects.create(user=user, name="Paracetamol", position=1)
    socks = Activity.objects.create(user=user, name="Put on socks", position=0)
    sitting = Activity.objects.create(user=user, name="Sit for an hour", position=1)
    return ibuprofen, socks, sitting


def test_only_the_pain_score_is_required(user_client, user):
    response = user_client.post("/journal/new/", {"pain_after": "3"} | new_entry_data())
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.areas, entry.sleep, entry.other_medicine) == (0, None, False)
    assert not entry.medicines.exists() and not entry.abilities.exists()


def test_the_whole_context_is_saved(user_client, user, lists):
    ibuprofen, socks, sitting = lists
    response = user_client.post(
        "/journal/new/",
        new_entry_data(
            areas=["back-left", "hip-left", "below-knee-left"],
            medicines=[str(ibuprofen.pk)],
            other_medicine="on",
            sleep="2",
            **{f"ability_{socks.position}": "3", f"ability_{sitting.position}": "0"},
        ),
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.area_codes() == ["back-left", "hip-left", "below-knee-left"]
    assert areas.below_the_knee(entry.areas)
    assert list(entry.medicines.all()) == [ibuprofen] and entry.other_medicine
    assert entry.sleep == Entry.Sleep.BADLY
    assert sorted((a.name, a.score) for a in entry.abilities.all()) == [
        ("Put on socks", 3),
        ("Sit for an hour", 0),
    ]
    html = user_client.get("/journal/").content.decode()
    row = html[html.index('class="entry-list"') :]
    assert "lower back, left, buttock or hip, left, below the knee, left" in row
    assert "Medicine: Ibuprofen, other" in row
    assert "slept badly" in row
    assert "Put on socks 3/10" in row and "Sit for an hour 0/10" in row


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"areas": ["knee-left"]}, "Choose the areas on the map."),
        ({"sleep": "6"}, "Choose one of the five answers, or none."),
        ({"ability_0": "11"}, "Choose a whole number from 0 (cannot do it) to 10."),
    ],
)
def test_answers_off_the_scale_are_refused(user_client, lists, changes, message):
    response = user_client.post("/journal/new/", new_entry_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Entry.objects.exists()


def test_another_persons_medicine_cannot_be_ticked(user_client, other_user):
    theirs = Medicine.objects.create(user=other_user, name="Codeine")
    response = user_client.post("/journal/new/", new_entry_data(medicines=[str(theirs.pk)]))
    assert "Choose medicines from your own list." in response.content.decode()
    assert not Entry.objects.exists()


def test_editing_keeps_and_changes_the_context(user_client, user, lists):
    ibuprofen, socks, _ = lists
    entry = EntryFactory(user=user, areas=areas.to_bits(["foot-right"]), sleep=4)
    entry.medicines.add(ibuprofen)
    Ability.objects.create(entry=entry, activity=socks, name=socks.name, score=6)
    html = user_client.get(f"/journal/{entry.pk}/edit/").content.decode()
    assert 'value="foot-right" id="id_areas_10" checked' in html
    assert 'name="ability_0" value="6" id="id_ability_0_6" checked' in html
    user_client.post(
        f"/journal/{entry.pk}/edit/",
        new_entry_data(areas=["thigh-left"], **{"ability_0": "7"}),
    )
    entry.refresh_from_db()
    assert entry.area_codes() == ["thigh-left"]
    assert not entry.medicines.exists()
    assert [(a.name, a.score) for a in entry.abilities.all()] == [("Put on socks", 7)]


@pytest.mark.parametrize("field, value", [("areas", areas.LIMIT), ("sleep", 0), ("sleep", 6)])
def test_the_database_refuses_areas_off_the_map_and_sleep_off_the_scale(user, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(user=user, **{field: value})


def test_lists_are_kept_short_and_renaming_keeps_old_scores(user, lists):
    ibuprofen, socks, _ = lists
    entry = EntryFactory(user=user)
    entry.medicines.add(ibuprofen)
    Ability.objects.create(entry=entry, activity=socks, name=socks.name, score=4)
    form = ListsForm(
        {"medicines": "Naproxen\n  paracetamol \nParacetamol\n", "activity_0": "Tie shoelaces"},
        user=user,
    )
    assert form.is_valid(), form.errors
    form.save()
    offered = Medicine.objects.filter(user=user, retired=False).values_list("name", flat=True)
    assert list(offered) == ["Naproxen", "paracetamol"]
    # taken off the list, still on the entry that ticked it
    assert list(entry.medicines.values_list("name", flat=True)) == ["Ibuprofen"]
    assert [a.name for a in Activity.objects.filter(user=user)] == ["Tie shoelaces"]
    assert entry.abilities.get().name == "Put on socks"
    too_many = ListsForm({"medicines": "\n".join(f"M{n}" for n in range(9))}, user=user)
    assert not too_many.is_valid()
    assert "Keep the list to 8 medicines at most." in str(too_many.errors)


def test_lists_page_saves_and_leads_back_to_the_form(user_client, user):
    response = user_client.post(
        "/journal/lists/", {"medicines": "Ibuprofen", "activity_2": "Walk to the shop"}
    )
    assert response.status_code == 302
    html = user_client.get("/journal/new/").content.decode()
    assert ">Ibuprofen</label>" in html.replace(" Ibuprofen", ">Ibuprofen")
    assert "Walk to the shop" in html


@pytest.mark.django_db(transaction=True)
def test_old_entries_three_areas_migrate_onto_the_map():
    executor = MigrationExecutor(connection)
    executor.migrate([("journal", "0002_practice_moves_app")])
    old = executor.loader.project_state([("journal", "0002_practice_moves_app")]).apps
    User = old.get_model("acupressure", "User")
    OldEntry = old.get_model("journal", "Entry")
    person = User.objects.create(username="before-the-map")
    when = datetime.datetime(2025, 5, 1, 8, tzinfo=datetime.UTC)
    kinds = [(True, False, False), (False, True, True), (False, False, False)]
    for back, hip, leg in kinds:
        OldEntry.objects.create(
            user=person,
            recorded_at=when,
            pain_after=4,
            area_lower_back=back,
            area_hip=hip,
            area_leg=leg,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    migrated = Entry.objects.filter(user__username="before-the-map").order_by("id")
    assert [e.area_codes() for e in migrated] == [["lower-back"], ["buttock-or-hip", "leg"], []]
    assert len({e.uuid for e in migrated}) == 3
    # the old areas say no side: the form keeps them, and offers them only on those entries
    labels = areas.labels(migrated[1].areas)
    assert labels == ["Buttock or hip (side not recorded)", "Leg or sciatica (where not recorded)"]
