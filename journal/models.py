from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from practice.models import Practice
from routines.models import Routine


class Entry(models.Model):
    """Pain recorded after a session, or on its own."""

    class Feel(models.TextChoices):
        TOO_LIGHT = "too-light", "Too light"
        RIGHT = "right", "About right"
        TOO_HARD = "too-hard", "Too hard"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries"
    )
    practice = models.OneToOneField(
        Practice, on_delete=models.SET_NULL, null=True, blank=True, related_name="entry"
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    routine_name = models.CharField(max_length=100, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    pain_before = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    pain_after = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    feel = models.CharField(
        "How the pressure felt", max_length=10, choices=Feel.choices, blank=True
    )
    area_lower_back = models.BooleanField("Lower back", default=False)
    area_hip = models.BooleanField("Buttock or hip", default=False)
    area_leg = models.BooleanField("Leg or sciatica", default=False)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name_plural = "entries"
        indexes = [models.Index(fields=["user", "recorded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pain_after__lte=10), name="entry_pain_after_at_most_10"
            ),
            models.CheckConstraint(
                condition=models.Q(pain_before__lte=10), name="entry_pain_before_at_most_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.recorded_at:%Y-%m-%d}: {self.pain_before} → {self.pain_after}"

    def get_absolute_url(self) -> str:
        return reverse("journal:edit", args=[self.pk])

    @property
    def change(self) -> int | None:
        if self.pain_before is None:
            return None
        return self.pain_after - self.pain_before
