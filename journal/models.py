import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from journal import areas
from practice.models import Practice
from routines.models import Routine

MAX_MEDICINES = 8
MAX_ACTIVITIES = 3


class Medicine(models.Model):
    """A pain medicine on the person's own short list, ticked on the days they take it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medicines"
    )
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    # Taken off the list: no longer offered, still named by the entries that ticked it.
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="medicine_name_once_per_user"),
        ]

    def __str__(self) -> str:
        return self.name


class Activity(models.Model):
    """Something the person wants to be able to do again ("put on socks"), rated 0–10 for how
    well they can do it now: the patient-specific functional scale of physiotherapy."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_ACTIVITIES - 1)])

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(fields=["user", "position"], name="activity_slot_once"),
            models.CheckConstraint(
                condition=models.Q(position__lt=MAX_ACTIVITIES), name="activity_at_most_three"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    """Pain recorded after a session, or on its own."""

    class Feel(models.TextChoices):
        TOO_LIGHT = "too-light", "Too light"
        RIGHT = "right", "About right"
        TOO_HARD = "too-hard", "Too hard"

    class Sleep(models.IntegerChoices):
        VERY_BADLY = 1, "Very badly"
        BADLY = 2, "Badly"
        SO_SO = 3, "So-so"
        WELL = 4, "Well"
        VERY_WELL = 5, "Very well"

    # Stable across servers: an imported entry is recognised by it (journal.account_import).
    # Unique per person, so that one export can also be imported into a second account.
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)

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
    ran_to_end = models.BooleanField(
        "Session ran to its end",
        default=True,
        help_text="False when a guided session was ended early: its score is kept but it does "
        "not count as a session done.",
    )
    areas = models.PositiveIntegerField(
        "Where it hurts", default=0, validators=[MaxValueValidator(areas.LIMIT - 1)]
    )
    medicines = models.ManyToManyField(Medicine, blank=True, related_name="entries")
    other_medicine = models.BooleanField("Another pain medicine", default=False)
    sleep = models.PositiveSmallIntegerField(
        "Sleep last night", choices=Sleep.choices, null=True, blank=True
    )
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
            models.CheckConstraint(
                condition=models.Q(areas__lt=areas.LIMIT), name="entry_areas_on_the_map"
            ),
            models.UniqueConstraint(fields=["user", "uuid"], name="entry_uuid_once_per_user"),
            models.CheckConstraint(
                condition=models.Q(sleep__gte=1, sleep__lte=5) | models.Q(sleep__isnull=True),
                name="entry_sleep_on_the_scale",
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

    @property
    def ended_early(self) -> bool:
        return not self.ran_to_end

    def area_codes(self) -> list[str]:
        return areas.to_codes(self.areas)


class Ability(models.Model):
    """How well the person could do one of their activities when they wrote the entry, 0 (not at
    all) to 10 (as well as before the pain). The name is kept so that renaming or removing the
    activity later does not change what was recorded."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="abilities")
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="abilities"
    )
    name = models.CharField(max_length=60)
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "abilities"
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=10), name="ability_at_most_10"),
            models.UniqueConstraint(fields=["entry", "name"], name="ability_once_per_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.score}"


class ShareLink(models.Model):
    """A read-only link to the person's clinician summary, for someone without an account.

    Only a hash of the token is kept: the link is shown once, when it is made, and a copy of the
    database does not open anyone's summary.
    """

    class Lifetime(models.IntegerChoices):
        WEEK = 7, "7 days"
        MONTH = 30, "30 days"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    weeks = models.PositiveSmallIntegerField(
        "Weeks the summary covers", null=True, blank=True, help_text="None for everything."
    )
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.user} until {self.expires_at:%Y-%m-%d}"

    def is_open(self, now) -> bool:
        return self.revoked_at is None and now < self.expires_at


class ShareOpening(models.Model):
    """One opening of a share link, for its owner to see. No address is kept."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="openings")
    opened_at = models.DateTimeField(default=timezone.now)
    browser = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"{self.link_id} at {self.opened_at:%Y-%m-%d %H:%M}"
