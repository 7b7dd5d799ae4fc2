import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from points.models import Point, Source

MAX_STEPS = 30
MIN_HOLD_SECONDS = 5
MAX_HOLD_SECONDS = 600
MAX_REPETITIONS = 10
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def validate_weekdays(value: str) -> None:
    """Weekdays are stored as the digits of datetime.weekday(), Monday = 0: "024"."""
    from django.core.exceptions import ValidationError

    if not value or any(c not in "0123456" for c in value) or len(set(value)) != len(value):
        raise ValidationError("Choose at least one weekday.")


class Routine(models.Model):
    """An ordered list of points to press. Without an owner it is a starter routine."""

    class Schedule(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Three times a week"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="routines",
        null=True,
        blank=True,
    )
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="routines"
    )
    slug = models.SlugField(blank=True, help_text="Set for starter routines only.")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    schedule = models.CharField(max_length=10, choices=Schedule.choices, default=Schedule.DAILY)
    weekdays = models.CharField(
        max_length=7,
        default="024",
        validators=[validate_weekdays],
        help_text="Used by the three-times-a-week schedule: digits of the weekdays, Monday = 0.",
    )
    practice_time = models.TimeField(
        default=datetime.time(8, 0), help_text="When the calendar reminds you."
    )
    # Empty: the owner's own setting. Some routines need longer to find the next point
    # (a tennis ball to place under the hip) than others.
    get_ready_seconds = models.PositiveSmallIntegerField(
        "Seconds to get ready before each point",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    archived = models.BooleanField(default=False)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["archived", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(owner__isnull=True),
                name="starter_routine_unique_slug",
            ),
            models.CheckConstraint(
                condition=models.Q(get_ready_seconds__lte=60),
                name="routine_get_ready_at_most_60",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        if self.owner_id is None:
            return reverse("routines:starter", args=[self.slug])
        return reverse("routines:detail", args=[self.pk])

    @property
    def is_starter(self) -> bool:
        return self.owner_id is None

    def weekday_numbers(self) -> list[int]:
        if self.schedule == self.Schedule.DAILY:
            return list(range(7))
        return sorted(int(c) for c in self.weekdays)


class Step(models.Model):
    class Side(models.TextChoices):
        LEFT = "left", "Left"
        RIGHT = "right", "Right"
        BOTH = "both", "Both sides, left then right"
        MIDLINE = "midline", "Midline"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    point = models.ForeignKey(Point, on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10, choices=Side.choices, default=Side.BOTH)
    hold_seconds = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_HOLD_SECONDS), MaxValueValidator(MAX_HOLD_SECONDS)]
    )
    repetitions = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_REPETITIONS)]
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    hold_seconds__gte=MIN_HOLD_SECONDS, hold_seconds__lte=MAX_HOLD_SECONDS
                ),
                name="step_hold_between_5_and_600",
            ),
            models.CheckConstraint(
                condition=models.Q(repetitions__gte=1, repetitions__lte=MAX_REPETITIONS),
                name="step_repetitions_between_1_and_10",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.point.code} {self.get_side_display()} {self.hold_seconds}s × {self.repetitions}"
        )

    @property
    def sides_timed(self) -> int:
        return 2 if self.side == self.Side.BOTH else 1

    @property
    def total_seconds(self) -> int:
        return self.hold_seconds * self.repetitions * self.sides_timed
