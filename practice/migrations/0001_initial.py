# The Practice model moves here from the routines app. Only Django's idea of the model moves:
# the table keeps its name (routines_practice) and its rows, so an existing database migrates
# in place without copying anything.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    # Permissions and admin history point at the content type; let them follow the model.
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="practice", model="practice").exists():
        ContentType.objects.using(db).filter(app_label="routines", model="practice").update(
            app_label="practice"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label="routines", model="practice").exists():
        ContentType.objects.using(db).filter(app_label="practice", model="practice").update(
            app_label="routines"
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("routines", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Practice",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("routine_name", models.CharField(max_length=100)),
                        ("phases", models.JSONField(default=list)),
                        ("state", models.CharField(choices=[("running", "Running"), ("paused", "Paused"), ("finished", "Finished"), ("abandoned", "Abandoned")], default="running", max_length=10)),
                        ("index", models.PositiveSmallIntegerField(default=0)),
                        ("deadline", models.DateTimeField(blank=True, null=True)),
                        ("remaining_ms", models.PositiveIntegerField(blank=True, null=True)),
                        ("pain_before", models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MaxValueValidator(10)])),
                        ("started_at", models.DateTimeField()),
                        ("ended_at", models.DateTimeField(blank=True, null=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="practices", to=settings.AUTH_USER_MODEL)),
                        ("routine", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="practices", to="routines.routine")),
                    ],
                    options={
                        "db_table": "routines_practice",
                        "ordering": ["-started_at"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("pain_before__lte", 10)), name="practice_pain_before_at_most_10")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
