"""The guided session: starting one, the player and its controls, unfinished sessions.

The player's controls are POSTs that return the player fragment to htmx, or redirect back to
the page without JavaScript. The state machine itself lives in practice/sessions.py.
"""

import datetime
import math
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from acupressure.htmx import render_page_or_fragment, wants_fragment
from points.models import Point
from points.safety import pressure_advice
from practice import prompts, sessions
from practice.access import get_practice_for_user, unfinished_for_user
from practice.figures import player_figures
from practice.forms import PainBeforeForm
from practice.models import Practice
from practice.sessions import Phase
from routines.access import get_routine_for_user
from routines.duration import with_totals
from routines.models import Routine
from routines.pregnancy import avoided_codes

Action = Callable[[Practice, datetime.datetime], Practice]


def format_clock(seconds: float) -> str:
    """Whole seconds left, rounded up, as m:ss (or h:mm:ss)."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def _announcement(practice: Practice, phase: Phase | None, *, running: bool = False) -> str:
    """What screen readers hear at a change (``running``: as if the session were running)."""
    if practice.state == Practice.State.FINISHED:
        return "This session is finished."
    if practice.state == Practice.State.ABANDONED:
        return "This session was left unfinished."
    if phase is None:
        return "Session complete. Record how you feel now."
    side = sessions.side_label(phase["side"])
    what = f"{phase['code']} {phase['pinyin']}, {phase['name']}, {side.lower()}"
    if practice.state == Practice.State.PAUSED and not running:
        return f"Paused on {what}."
    if phase["kind"] == sessions.READY:
        return f"Get ready: next is {what}."
    return f"Press {what} for {phase['seconds']} seconds."


def _up_next(phase: Phase | None, following: Phase | None) -> str:
    """What comes after this phase, in a few words."""
    if phase is None or phase["kind"] == sessions.READY:
        return ""
    if following is None:
        return "Then the session is complete."
    side = sessions.side_label(following["side"]).lower()
    if following["step"] == phase["step"]:
        if following["side"] == phase["side"]:
            return f"Then round {following['repetition']} on the same side."
        return f"Then the same point, {side}."
    return f"Then {following['code']} {following['pinyin']}, {side}."


def player_context(request: HttpRequest, practice: Practice, notice: str = "") -> dict:
    now = timezone.now()
    phase = sessions.current_phase(practice)
    point = None
    if phase is not None:
        # One point per fragment, with its diagram marks prefetched: two queries.
        point = Point.objects.prefetch_related("marks").filter(pk=phase["point"]).first()
    remaining = sessions.remaining_seconds(practice, now)
    total = sessions.total_seconds(practice)
    done = sessions.seconds_done(practice, now)
    running = practice.state == Practice.State.RUNNING and phase is not None
    following = practice.phases[practice.index + 1 : practice.index + 2]
    return {
        "practice": practice,
        "phase": phase,
        "point": point,
        "figures": player_figures(point, phase["side"]) if point else [],
        "side_label": sessions.side_label(phase["side"]) if phase else "",
        "up_next": _up_next(phase, following[0] if following else None),
        "is_ready": bool(phase and phase["kind"] == sessions.READY),
        "running": running,
        "paused": practice.state == Practice.State.PAUSED,
        "complete": sessions.is_complete(practice),
        "closed": not sessions.is_open(practice),
        "remaining_ms": round(remaining * 1000),
        # The server's clock, so that the phone can line its own up with it (static/js/player.js).
        "now_ms": round(now.timestamp() * 1000),
        "deadline_ms": (
            round(practice.deadline.timestamp() * 1000) if running and practice.deadline else ""
        ),
        "clock": format_clock(remaining),
        "total_seconds": total,
        "total_ms": total * 1000,
        "done_ms": round(done * 1000),
        "percent_done": round(100 * done / total) if total else 100,
        "show_pregnancy_warning": bool(
            point and request.user.pregnant and point.avoid_in_pregnancy
        ),
        "announcement": _announcement(practice, phase),
        "notice": notice,
    }


def _offline_point(point: Point | None, pregnant: bool) -> dict:
    """What the player shows of a point it moves on to by itself while the connection is
    gone: the pregnancy warning (for someone who said they are pregnant), the first finding
    step, the pressure and the point's cautions. The diagram waits for the server."""
    if point is None:
        return {
            "pregnancy": False,
            "findFirst": "",
            "pressure": "",
            "pressureAdvice": "",
            "cautions": "",
        }
    steps = point.how_to_find_steps()
    return {
        "pregnancy": pregnant and point.avoid_in_pregnancy,
        "findFirst": steps[0] if steps else "",
        "pressure": point.get_pressure_display().lower(),
        "pressureAdvice": pressure_advice(point),
        "cautions": point.cautions,
    }


def session_data(practice: Practice, pregnant: bool) -> dict:
    """Every phase with what the screen shows and says in it, for the player to go on by
    itself while the connection is gone (static/js/player.js).

    ``pregnant``: whether the person said they are pregnant, so that a point traditionally
    avoided in pregnancy carries its warning even when the phone moves on to it offline.
    """
    phases = practice.phases
    # The session's points in one query (a point since taken out of the catalogue is missing).
    points = Point.objects.in_bulk({phase["point"] for phase in phases})
    shown = []
    for index, phase in enumerate(phases):
        following = phases[index + 1] if index + 1 < len(phases) else None
        shown.append(
            {
                "kind": phase["kind"],
                "step": phase["step"],
                "steps": phase["steps"],
                "code": phase["code"],
                "pinyin": phase["pinyin"],
                "name": phase["name"],
                "side": phase["side"],
                "sideLabel": sessions.side_label(phase["side"]),
                "seconds": phase["seconds"],
                "repetition": phase["repetition"],
                "repetitions": phase["repetitions"],
                "upNext": _up_next(phase, following),
                "announce": _announcement(practice, phase, running=True),
                **_offline_point(points.get(phase["point"]), pregnant),
            }
        )
    return {"phases": shown, "cues": prompts.session_cues(phases)}


def _render_player(request: HttpRequest, practice: Practice, notice: str = "") -> HttpResponse:
    context = player_context(request, practice, notice)
    if not wants_fragment(request):
        # Only the whole page carries it (a fragment leaves it out): one query, for the points.
        context["session"] = session_data(practice, request.user.pregnant)
        # The warning of each such point, rendered as online, for the phone to show offline.
        context["offline_pregnancy_codes"] = list(
            dict.fromkeys(p["code"] for p in context["session"]["phases"] if p["pregnancy"])
        )
    return render_page_or_fragment(request, "practice/player.html", context, fragment="step")


def _act(request: HttpRequest, pk: int, action: Action) -> HttpResponse:
    """Apply one state change under a row lock, then answer with the player as it now is."""
    notice = ""
    with transaction.atomic():
        practice = get_practice_for_user(request.user, pk, for_update=True)
        try:
            action(practice, timezone.now())
        except sessions.TooEarly as error:
            # The timer asks a moment before time (the server is the judge): htmx gets the
            # current step back and schedules itself again; only a person gets told.
            if not request.htmx:
                notice = error.message
        except sessions.PracticeError as error:
            notice = error.message
    if request.htmx:
        return _render_player(request, practice, notice)
    if notice:
        messages.warning(request, notice)
    return redirect(practice)


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, routine_pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, routine_pk, with_totals(Routine.objects.all()))
    now = timezone.now()
    sessions.abandon_stale(request.user, now)
    form = PainBeforeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                # Two starts at once (a double tap, two tabs) queue on the routine's row, so
                # the second replaces the first instead of both being left unfinished
                # (SQLite's immediate transactions queue them anyway).
                Routine.objects.select_for_update().get(pk=routine.pk)
                # Starting afresh replaces an unfinished session of the same routine.
                unfinished_for_user(request.user).filter(routine=routine).delete()
                practice = sessions.start_practice(
                    request.user, routine, form.cleaned_data["pain"], now
                )
        except sessions.PracticeError as error:
            messages.warning(request, error.message)
            return redirect(routine)
        return redirect(practice)
    unfinished = unfinished_for_user(request.user).filter(routine=routine).first()
    avoided = []
    if request.user.pregnant and routine.step_count:
        steps = routine.steps.filter(point__avoid_in_pregnancy=True).select_related("point")
        avoided = avoided_codes(steps)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "practice/start.html",
        {
            "routine": routine,
            "form": form,
            "unfinished": unfinished,
            "unfinished_phase": sessions.current_phase(unfinished) if unfinished else None,
            "avoided": avoided,
        },
        status=status,
    )


@never_cache
@login_required
@require_GET
def player(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk)
    sessions.abandon_if_stale(practice, timezone.now())
    return _render_player(request, practice)


def _scheduled_index(value: str) -> int | None:
    """The step a timer was scheduled on, or None when the form does not say (or says nonsense).

    Only plain ASCII digits of sensible length: str.isdigit() also accepts "²", and a
    thousands-digit number is refused by int() itself.
    """
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        return None
    return int(value)


@login_required
@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    """The timer's request to move on; with ``catch_up`` (a phone back online after running
    the session by itself) every advance that fell due meanwhile."""
    if request.POST.get("catch_up"):
        return _act(request, pk, sessions.catch_up)
    expected = _scheduled_index(request.POST.get("index", ""))

    def advance_if_still_there(practice: Practice, now: datetime.datetime) -> Practice:
        # A timer from a step another device has already left must not move the session on.
        if expected is not None and expected != practice.index:
            return practice
        return sessions.advance(practice, now)

    return _act(request, pk, advance_if_still_there)


def _control(action: Action) -> Callable[[HttpRequest, int], HttpResponse]:
    """A player control: a POST that applies `action` and answers with the player."""

    @login_required
    @require_POST
    def control(request: HttpRequest, pk: int) -> HttpResponse:
        return _act(request, pk, action)

    control.__name__ = control.__qualname__ = action.__name__
    control.__doc__ = action.__doc__
    return control


pause = _control(sessions.pause)
resume = _control(sessions.resume)
skip = _control(sessions.skip)
back = _control(sessions.back)
reopen = _control(sessions.reopen)


@login_required
@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop early and go to the pain score."""
    with transaction.atomic():
        practice = get_practice_for_user(request.user, pk, for_update=True)
        try:
            sessions.end_early(practice, timezone.now())
            url = reverse("finish:practice", args=[practice.pk])
        except sessions.PracticeError as error:
            messages.warning(request, error.message)
            url = practice.get_absolute_url()
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        practice = get_practice_for_user(request.user, pk, for_update=True)
        if practice.state == Practice.State.FINISHED:
            messages.warning(request, "A finished session stays with its journal entry.")
        else:
            practice.delete()
            messages.success(
                request, f"Discarded the unfinished session of {practice.routine_name}."
            )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # Not redirect(): it would take a bare word such as "list" for a view name and fail.
        return HttpResponseRedirect(next_url)
    return redirect("practice:list")


@never_cache
@login_required
@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    sessions.abandon_stale(request.user, now)
    practices = list(unfinished_for_user(request.user))
    rows = [
        {
            "practice": p,
            "phase": sessions.current_phase(p),
            "complete": sessions.is_complete(p),
            "abandoned": p.state == Practice.State.ABANDONED,
        }
        for p in practices
    ]
    return render(request, "practice/list.html", {"rows": rows})
