import secrets
import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

# The UK's, until someone sets their own.
DEFAULT_EMERGENCY_NUMBER = "999"


def new_calendar_token() -> str:
    # 32 bytes from the OS generator: 256 bits, far beyond guessing.
    return secrets.token_urlsafe(32)


def validate_timezone(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone.")


class User(AbstractUser):
    """A person using the app, with the few settings that change what it shows them."""

    class Theme(models.TextChoices):
        AUTO = "auto", "As on this device"
        LIGHT = "light", "Light"
        DARK = "dark", "Dark"

    pregnant = models.BooleanField(
        "I am pregnant",
        default=False,
        help_text="Points traditionally avoided in pregnancy then carry a warning everywhere.",
    )
    # The column keeps its first name; it now stands for the chime alone.
    sound_on = models.BooleanField("Chime between points", default=True)
    # Defaults in the database too: code from before these settings can still add a user.
    voice_on = models.BooleanField("Speak the prompts", default=True, db_default=True)
    vibrate_on = models.BooleanField("Vibrate between points", default=True, db_default=True)
    theme = models.CharField(
        "Colours", max_length=5, choices=Theme.choices, default=Theme.AUTO, db_default=Theme.AUTO
    )
    get_ready_seconds = models.PositiveSmallIntegerField(
        "Seconds to get ready before each point",
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    timezone = models.CharField(
        "Time zone", max_length=64, default="UTC", validators=[validate_timezone]
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    # Set by the emailed confirmation link (acupressure/email_verification.py); until then the
    # address receives nothing but that link, so a mistyped or borrowed address cannot be used
    # to take over the account. A database default too, so that code from before the column
    # (during a rolling upgrade) can still create users.
    email_verified = models.BooleanField("Email address confirmed", default=False, db_default=False)
    emergency_number = models.CharField(
        "Emergency number",
        max_length=16,
        default=DEFAULT_EMERGENCY_NUMBER,
        # Also in the table, so rows written by code that predates the column get it too.
        db_default=DEFAULT_EMERGENCY_NUMBER,
        validators=[
            RegexValidator(
                r"^\+?[0-9]{2,15}$",
                "Enter the number as digits only, like 999, 112 or 911.",
            )
        ],
        help_text="The number the red flags tell you to call. 999 in the UK, 112 in the EU.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(get_ready_seconds__lte=60), name="user_get_ready_at_most_60"
            ),
            models.CheckConstraint(
                condition=models.Q(theme__in=["auto", "light", "dark"]), name="user_theme_known"
            ),
        ]

    def reset_calendar_token(self) -> None:
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")


class RateCount(models.Model):
    """One client's count for one rate limit in one window (acupressure/ratelimit.py).

    Kept in the database when there is no Redis, so that every app server process counts
    together. Rows outlive their window by a little and are then deleted.
    """

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
