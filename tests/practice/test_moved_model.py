"""Practice moved from the routines app to its own: a database made before keeps its sessions.

The move changes only Django's idea of where the model lives (the table is still
``routines_practice``), so migrating an existing database copies nothing and loses nothing.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The last migrations before the move: Practice still belonged to routines.
BEFORE_THE_MOVE = [
    ("practice", None),
    ("routines", "0001_initial"),
    ("journal", "0001_initial"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    # The models as they were at those migrations (an app migrated to None has none).
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_sessions_and_their_journal_entries_survive_the_move():
    try:
        old = migrate(BEFORE_THE_MOVE)
        User = old.get_model("acupressure", "User")
        Routine = old.get_model("routines", "Routine")
        OldPractice = old.get_model("routines", "Practice")
        OldEntry = old.get_model("journal", "Entry")
        person = User.objects.create(username="before-the-move", calendar_token="t" * 43)
        routine = Routine.objects.create(owner=person, name="Evening back routine")
        started = timezone.now() - datetime.timedelta(hours=2)
        phases = [{"kind": "press", "code": "BL23", "seconds": 60, "step": 1, "steps": 1}]
        done = OldPractice.objects.create(
            owner=person,
            routine=routine,
            routine_name=routine.name,
            phases=phases,
            state="finished",
            index=1,
            pain_before=6,
            started_at=started,
            ended_at=started + datetime.timedelta(minutes=5),
        )
        paused = OldPractice.objects.create(
            owner=person,
            routine=routine,
            routine_name=routine.name,
            phases=phases,
            state="paused",
            remaining_ms=42_000,
            started_at=started,
        )
        OldEntry.objects.create(
            user=person, practice=done, routine=routine, pain_before=6, pain_after=3
        )

        migrate(latest())

        from journal.models import Entry
        from practice.models import Practice

        assert Practice._meta.db_table == "routines_practice"
        moved = Practice.objects.get(pk=done.pk)
        assert (moved.owner_id, moved.routine_id, moved.routine_name) == (
            person.pk,
            routine.pk,
            "Evening back routine",
        )
        assert (moved.state, moved.index, moved.pain_before) == ("finished", 1, 6)
        assert moved.phases == phases
        assert moved.entry.pain_after == 3
        assert Entry.objects.get(practice=moved).routine_id == routine.pk
        still_paused = Practice.objects.get(pk=paused.pk)
        assert (still_paused.state, still_paused.remaining_ms) == ("paused", 42_000)
        # New sessions number on from the old ones (PostgreSQL keeps the table's sequence).
        new = Practice.objects.create(owner_id=person.pk, routine_name="New", started_at=started)
        assert new.pk > paused.pk
    finally:
        migrate(latest())


@pytest.mark.django_db(transaction=True)
def test_the_move_is_only_a_change_of_state():
    # Applying the three moving migrations runs no SQL that touches the table.
    executor = MigrationExecutor(connection)
    moving = [
        ("practice", "0001_initial"),
        ("journal", "0002_practice_moves_app"),
        ("routines", "0002_practice_moves_app"),
    ]
    sql = []
    for app, name in moving:
        migration = executor.loader.get_migration(app, name)
        state = executor.loader.project_state((app, name), at_end=False)
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            migration.apply(state, editor, collect_sql=True)
            sql.extend(editor.collected_sql)
    assert not [statement for statement in sql if "routines_practice" in statement]
