import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from routines.access import routines_for_user
from routines.calendar import build_calendar, session_seconds
from routines.models import WEEKDAY_NAMES, Practice, Routine, Step
from routines.practice import OPEN_STATES, STALE_AFTER, practices_for_user, unfinished_for_user
from routines.pregnancy import avoided_codes
from routines.schedule import (
    done_count,
    done_dates,
    is_due,
    local_day_bounds,
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


def active_routines(user) -> QuerySet[Routine]:
    """The user's own routines that are not archived, with their steps and points."""
    return (
        routines_for_user(user)
        .filter(archived=False)
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("point")))
    )


def finished_practices_between(
    user, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Practice]:
    return (
        practices_for_user(user)
        .filter(state=Practice.State.FINISHED)
        .filter(
            Q(ended_at__gte=start, ended_at__lt=end)
            | Q(ended_at__isnull=True, started_at__gte=start, started_at__lt=end)
        )
    )


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
    done = done_dates(
        finished_practices_between(user, *local_day_bounds(monday, sunday, zone)), zone
    )
    weeks = []
    for routine in routines:
        days = done.get(routine.pk, set())
        # A routine made mid-week is only planned from the day it was made.
        made = routine.created.astimezone(zone).date()
        due_today = is_due(routine, day)
        weeks.append(
            RoutineWeek(
                routine=routine,
                points=len(routine.steps.all()),
                seconds=session_seconds(routine),
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
        "unfinished": session_to_resume(unfinished, now),
        "unfinished_count": len(unfinished),
    }
    return render(request, "routines/today.html", context)


def get_user_for_calendar_token(token: str):
    return get_object_or_404(get_user_model(), calendar_token=token, is_active=True)


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed. No login: the unguessable token in the address is the key."""
    user = get_user_for_calendar_token(token)
    body = build_calendar(
        active_routines(user),
        user.zone,
        url_for=lambda routine: request.build_absolute_uri(
            reverse("practice:start", args=[routine.pk])
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="acupressure.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
