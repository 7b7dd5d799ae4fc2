"""The Today page: what is due, what was done this week, and a session to resume."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from practice.access import unfinished_for_user
from practice.adherence import adherence, routine_days, sessions_done
from practice.models import Practice
from practice.sessions import OPEN_STATES, STALE_AFTER
from routines.access import active_routines
from routines.duration import routine_seconds
from routines.models import WEEKDAY_NAMES, Routine
from routines.pregnancy import avoided_codes
from routines.schedule import (
    done_count,
    is_due,
    next_due_date,
    planned_count,
    week_bounds,
)


@dataclass
class RoutineWeek:
    """One routine as the Today page shows it."""

    routine: Routine
    points: int
    seconds: int
    due_today: bool
    done_today: bool
    planned: int
    done: int
    next_due: datetime.date | None
    # Point codes to warn a pregnant user about; empty for everyone else.
    avoided: list[str]

    @property
    def schedule_label(self) -> str:
        if self.routine.schedule == Routine.Schedule.DAILY:
            return "every day"
        days = [WEEKDAY_NAMES[day][:3] for day in self.routine.weekday_numbers()]
        if len(days) == 1:
            return days[0]
        return ", ".join(days[:-1]) + " and " + days[-1]

    @property
    def done_toward_plan(self) -> int:
        # Extra sessions are welcome but the bar stops at the plan.
        return min(self.done, self.planned)


def unfinished_practices(user) -> list[Practice]:
    """Sessions not finished, the most recently touched first.

    Few: starting a routine again replaces its unfinished session.
    """
    return list(unfinished_for_user(user).defer("phases").order_by("-updated_at"))


def session_to_resume(practices: list[Practice], now: datetime.datetime) -> Practice | None:
    """The session to resume, unless it has been left long enough to count as abandoned."""
    for practice in practices:
        if practice.state in OPEN_STATES and practice.updated_at >= now - STALE_AFTER:
            return practice
    return None


def greeting(hour: int) -> str:
    if 5 <= hour < 12:
        return "Good morning"
    if 12 <= hour < 18:
        return "Good afternoon"
    return "Good evening"


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    user = request.user
    zone = user.zone
    now = timezone.now().astimezone(zone)
    day = now.date()
    monday, sunday = week_bounds(day)

    routines = list(active_routines(user))
    unfinished = unfinished_practices(user)
    done = sessions_done(user, monday, sunday, zone)
    weeks = []
    for routine in routines:
        days = routine_days(done, routine)
        # A routine made mid-week is only planned from the day it was made.
        made = routine.created.astimezone(zone).date()
        due_today = is_due(routine, day)
        weeks.append(
            RoutineWeek(
                routine=routine,
                points=len(routine.steps.all()),
                seconds=routine_seconds(routine.steps.all()),
                due_today=due_today,
                done_today=day in days,
                planned=planned_count(routine, max(monday, made), sunday),
                done=done_count(days, monday, sunday),
                next_due=None if due_today else next_due_date(routine, day),
                avoided=avoided_codes(routine.steps.all()) if user.pregnant else [],
            )
        )
    context = {
        "greeting": greeting(now.hour),
        "now": now,
        "today": day,
        "tomorrow": day + datetime.timedelta(days=1),
        "due": [week for week in weeks if week.due_today],
        "not_due": sorted(
            (week for week in weeks if not week.due_today), key=lambda week: week.next_due
        ),
        "has_routines": bool(weeks),
        # The same figure as the journal's and the summary's, for this week so far.
        "adherence": adherence(routines, done, monday, day, zone),
        "unfinished": session_to_resume(unfinished, now),
        "unfinished_count": len(unfinished),
    }
    return render(request, "practice/today.html", context)
