"""When the journal should tell someone to ease off, stop, or get help."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from journal.rows import Row

RECENT_DAYS = 14
WORSE_BY = 2
SEVERE_FROM = 9
SESSIONS_LOOKED_AT = 3
WORSE_SESSIONS_NEEDED = 2


@dataclass(frozen=True)
class Advice:
    worse_sessions: int
    sessions_looked_at: int
    severe_scores: tuple[tuple[datetime.datetime, int], ...]

    @property
    def after_sessions(self) -> bool:
        return self.worse_sessions >= WORSE_SESSIONS_NEEDED

    @property
    def severe(self) -> bool:
        return bool(self.severe_scores)

    @property
    def highest(self) -> int | None:
        return max((score for _, score in self.severe_scores), default=None)


def journal_advice(rows: Iterable[Row], now: datetime.datetime) -> Advice | None:
    """Advice to ease the pressure or stop, or None when the recent entries give no reason.

    Two triggers, both looking only at the last RECENT_DAYS days so that an old bad spell does
    not nag for ever:
    - pain after a session 2 or more points above pain before, in 2 of the last 3 sessions;
    - any score (before or after) of 9 or 10.
    """
    since = now - datetime.timedelta(days=RECENT_DAYS)
    recent = sorted((r for r in rows if since <= r.recorded_at <= now), key=lambda r: r.recorded_at)
    sessions = [r for r in recent if r.pain_before is not None][-SESSIONS_LOOKED_AT:]
    worse = sum(1 for r in sessions if r.pain_after - r.pain_before >= WORSE_BY)
    severe = []
    for r in recent:
        score = max(r.pain_after, r.pain_before or 0)
        if score >= SEVERE_FROM:
            severe.append((r.recorded_at, score))
    advice = Advice(worse, len(sessions), tuple(severe))
    if advice.after_sessions or advice.severe:
        return advice
    return None
