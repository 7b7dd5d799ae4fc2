import datetime

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
    # Stopped before its last point: the score is kept, but it is not a session done.
    ended_early = models.BooleanField(default=False)
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


DEFAULT_NUDGE_TIME = datetime.time(20, 0)


class Reminder(models.Model):
    """How one routine reminds its owner. Off until the person turns it on.

    The time is the routine's own practice time (the calendar feed uses it too); the evening
    nudge, when on, comes at its own later time on days the routine is still not done.
    """

    routine = models.OneToOneField(Routine, on_delete=models.CASCADE, related_name="reminder")
    enabled = models.BooleanField("Remind me on the days this routine is due", default=False)
    by_push = models.BooleanField("On the devices where I turned on notifications", default=True)
    by_email = models.BooleanField("By email", default=False)
    nudge = models.BooleanField("A gentle second nudge in the evening if not done", default=False)
    nudge_time = models.TimeField("Evening nudge at", default=DEFAULT_NUDGE_TIME)
    # Moves on whenever email reminders are switched off, so an unsubscribe link works once.
    email_epoch = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enabled=False)
                | models.Q(by_push=True)
                | models.Q(by_email=True),
                name="reminder_on_has_a_way_to_arrive",
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder for {self.routine}"

    def get_absolute_url(self) -> str:
        return reverse("reminders:routine", args=[self.routine_id])

    def stop_email(self) -> None:
        self.by_email = False
        if not self.by_push:
            self.enabled = False
        self.email_epoch += 1


class PushSubscription(models.Model):
    """One browser on one device that accepted notifications (the Push API subscription)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # The push service's address for this browser: whoever holds it can push to the device.
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    label = models.CharField(max_length=100, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return self.label or "A device"


class SentReminder(models.Model):
    """One reminder for one routine, local day, kind and channel: claimed, then sent.

    The unique constraint is the lock: a sender first inserts the row, and only the sender
    whose insert succeeded sends. A claim left by a sender that stopped halfway is taken over
    once it is older than the claim timeout; a failed delivery waits for its next attempt.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder"
        NUDGE = "nudge", "Evening nudge"

    class Channel(models.TextChoices):
        PUSH = "push", "Push"
        EMAIL = "email", "Email"

    class State(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        RETRY = "retry", "Waiting to try again"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not needed: practised already"
        FAILED = "failed", "Given up"

    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="sent_reminders")
    date = models.DateField(help_text="The local day in the owner's time zone.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CLAIMED)
    attempts = models.PositiveSmallIntegerField(default=1)
    claimed_at = models.DateTimeField()
    next_attempt = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "date", "kind", "channel"], name="sent_reminder_once"
            ),
        ]
        indexes = [models.Index(fields=["state", "claimed_at"], name="sent_reminder_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.channel} for {self.routine_id} on {self.date}"
