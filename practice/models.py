from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse

from routines.models import Routine


class Practice(models.Model):
    """One guided session being done. The server owns its state, so any device can resume it.

    ``phases`` is a snapshot of the routine taken at the start, expanded into timed phases
    (get ready, then each side and repetition of each step), so later edits to the routine do
    not disturb a session under way.
    """

    class State(models.TextChoices):
        RUNNING = "running", "Running"
        PAUSED = "paused", "Paused"
        FINISHED = "finished", "Finished"
        ABANDONED = "abandoned", "Abandoned"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practices"
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="practices"
    )
    routine_name = models.CharField(max_length=100)
    phases = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    index = models.PositiveSmallIntegerField(default=0)
    deadline = models.DateTimeField(null=True, blank=True)
    remaining_ms = models.PositiveIntegerField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The table keeps the name it had when the model lived in the routines app.
        db_table = "routines_practice"
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pain_before__lte=10), name="practice_pain_before_at_most_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine_name} on {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("practice:player", args=[self.pk])
