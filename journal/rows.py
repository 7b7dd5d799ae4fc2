"""A journal entry as the figures read it, and entries added up (a tally).

The journal's figures (journal.trends, the chart, the calendar, the advice) are worked out from
these: a Row is one entry as fetched in a single pass, a Tally the sum of one entry or of one
routine's entries over a stretch of days (journal.queries adds those up in the database).
"""

import datetime
from collections.abc import Iterable
from typing import NamedTuple


class Row(NamedTuple):
    """One journal entry, as fetched in a single values_list pass."""

    recorded_at: datetime.datetime
    pain_before: int | None
    pain_after: int
    routine_id: int | None = None
    routine_name: str = ""
    practice_id: int | None = None
    ran_to_end: bool = True

    @property
    def is_session(self) -> bool:
        return self.practice_id is not None or self.routine_id is not None

    @property
    def is_full_session(self) -> bool:
        """A session that ran to its end: one ended early is counted apart."""
        return self.is_session and self.ran_to_end

    def local_date(self, tz: datetime.tzinfo) -> datetime.date:
        return self.recorded_at.astimezone(tz).date()


class Tally(NamedTuple):
    """Entries added up: one entry, or those of one routine in a stretch of days."""

    day: datetime.date  # the entry's local date, or the first day of the stretch
    routine_id: int | None
    routine_name: str
    entries: int
    sessions: int  # sessions that ran to their end
    scored: int  # entries with a score before, leaving out sessions ended early
    before: int  # pain before, summed over the scored entries
    after: int  # pain after, summed over all the entries
    after_scored: int  # pain after, summed over the scored entries
    latest_scored: datetime.datetime | None  # the last scored entry names the routine
    early: int = 0  # sessions ended early

    @classmethod
    def of(cls, row: Row, tz: datetime.tzinfo) -> "Tally":
        # A session cut short says little about what the whole routine does: its scores stay
        # in the journal and the chart, not in the per-session effect or "helps most".
        scored = row.pain_before is not None and row.ran_to_end
        return cls(
            day=row.local_date(tz),
            routine_id=row.routine_id,
            routine_name=row.routine_name,
            entries=1,
            sessions=int(row.is_full_session),
            scored=int(scored),
            before=row.pain_before if scored else 0,
            after=row.pain_after,
            after_scored=row.pain_after if scored else 0,
            latest_scored=row.recorded_at if scored else None,
            early=int(row.is_session and not row.ran_to_end),
        )


def tallies(rows: Iterable[Row], tz: datetime.tzinfo) -> list[Tally]:
    return [Tally.of(r, tz) for r in rows]
