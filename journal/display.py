"""What the journal list shows of each entry, worked out once in Python.

An entry's markup is rendered thirty times a page: the template's date filter (five dates an
entry) and get_FOO_display cost about as much as the rest of the markup, so the words are
prepared here. The day and month names come from the tables the date filter uses
(django.utils.dates), so the text is the same.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS_ABBR

from journal import areas
from journal.models import Entry
from journal.trends import classify_change

FEELS = {value: label.lower() for value, label in Entry.Feel.choices}
SLEEP = {value: label.lower() for value, label in Entry.Sleep.choices}


@dataclass(frozen=True)
class When:
    local: datetime.datetime
    this_year: int

    @classmethod
    def of(cls, moment: datetime.datetime, this_year: int) -> "When":
        return cls(timezone.localtime(moment), this_year)

    @property
    def iso(self) -> str:
        return self.local.isoformat()

    @property
    def day(self) -> str:
        """ "Sun 11 Jan", with the year when it is not this one."""
        local = self.local
        text = f"{WEEKDAYS_ABBR[local.weekday()]} {local.day} {MONTHS_3[local.month].title()}"
        return text if local.year == self.this_year else f"{text} {local.year}"

    @property
    def time(self) -> str:
        return f"{self.local:%H:%M}"

    @property
    def full(self) -> str:
        """ "11 January 2026, 01:30"."""
        local = self.local
        return f"{local.day} {MONTHS[local.month]} {local.year}, {local:%H:%M}"


def for_display(entries: Iterable[Entry], today: datetime.date) -> list[Entry]:
    """The entries, each with its change, its local time and its details in words.

    Medicines and abilities come from prefetch_related("medicines", "abilities") when the
    caller asked for them (journal.queries.entries_for_display).
    """
    entries = list(entries)
    for entry in entries:
        entry.change_kind = classify_change(entry.pain_before, entry.pain_after)
        entry.when = When.of(entry.recorded_at, today.year)
        entry.feel_text = FEELS.get(entry.feel, "")
        entry.areas_text = ", ".join(label.lower() for label in areas.labels(entry.areas))
        entry.sleep_text = SLEEP.get(entry.sleep, "")
    return entries
