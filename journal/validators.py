"""Checks shared by the journal's forms."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST_YEAR = 2000
# A little slack for a phone clock a minute ahead of the server's.
FUTURE_SLACK = datetime.timedelta(minutes=2)


def validate_entry_time(value: datetime.datetime) -> None:
    """Not in the future, and not absurdly far back.

    The year is checked on the plain fields first: comparing an aware datetime in year 1 or
    9999 with now would overflow while converting to UTC.
    """
    now = timezone.now()
    if value.year < EARLIEST_YEAR:
        raise ValidationError(f"Choose a date from {EARLIEST_YEAR} onwards.", code="too_early")
    if value.year > now.year + 1 or value > now + FUTURE_SLACK:
        raise ValidationError("The date and time cannot be in the future.", code="future")
