# Practice now lives in the practice app (see practice/migrations/0001_initial.py). The table
# stays where it is, so the model only leaves Django's state here; nothing in the database
# changes. It waits for the journal, whose entries referred to the model under its old name.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("routines", "0001_initial"),
        ("practice", "0001_initial"),
        ("journal", "0002_practice_moves_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Practice"),
            ],
            database_operations=[],
        ),
    ]
