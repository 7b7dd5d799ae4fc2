"""When a routine's reminders are due: plain functions on local dates and times.

A reminder rings at the routine's practice time on each day the routine is due, in the
person's own time zone, and a gentle second nudge may follow later that evening. Neither rings
once the routine has been practised that local day. Daylight-saving changes follow the zone's
rules: a practice time that does not exist on the day the clocks go forward (02:30 in New York)
rings at the same distance after midnight in the new time (03:30), and one that happens twice
when the clocks go back rings the first time.
"""

import datetime
import zoneinfo
from collections.abc import Iterable, Set
from dataclasses import dataclass

REMINDER = "reminder"
NUDGE = "nudge"
# A sender that was down may catch up on what it missed, but a morning reminder that arrives
# in the afternoon is noise: after this long it is let go.
GRACE = datetime.timedelta(hours=2)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Due:
    """One reminder to send: for which local day, which kind, and the moment it fell due."""

    date: datetime.date
    kind: str
    at: datetime.datetime


def local_moment(
    date: datetime.date, time: datetime.time, zone: zoneinfo.ZoneInfo
) -> datetime.datetime:
    """The moment in UTC at which a wall-clock time happens on a local date."""
    local = datetime.datetime.combine(date, time, tzinfo=zone)
    # Round-trip through UTC: a time in the spring gap comes back moved forward by the gap.
    return local.astimezone(datetime.UTC)


def due_now(
    *,
    weekdays: Iterable[int],
    at: datetime.time,
    nudge_at: datetime.time | None,
    zone: zoneinfo.ZoneInfo,
    now: datetime.datetime,
    practised: Set[datetime.date],
    grace: datetime.timedelta = GRACE,
) -> list[Due]:
    """The reminders that are due at `now` and not yet stale.

    `weekdays` are the days the routine is due (Monday = 0), `practised` the local dates on
    which it was already practised. A nudge only counts when it is later in the day than the
    reminder itself. Yesterday is looked at too, for a reminder just before midnight that is
    still within its grace after it.
    """
    days = set(weekdays)
    today = now.astimezone(zone).date()
    found = []
    for date in (today - ONE_DAY, today):
        if date.weekday() not in days or date in practised:
            continue
        times = [(REMINDER, at)]
        if nudge_at is not None and nudge_at > at:
            times.append((NUDGE, nudge_at))
        for kind, time in times:
            moment = local_moment(date, time, zone)
            if moment <= now < moment + grace:
                found.append(Due(date=date, kind=kind, at=moment))
    return found


def practised_dates(
    moments: Iterable[datetime.datetime], zone: zoneinfo.ZoneInfo
) -> set[datetime.date]:
    """The local dates of the moments a routine was practised (a session at 00:30 counts for
    the day it began, in the person's zone, whatever the date in UTC)."""
    return {moment.astimezone(zone).date() for moment in moments}
