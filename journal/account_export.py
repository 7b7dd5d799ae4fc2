"""Everything a person has put into the app, as one JSON download (/accounts/export.json).

It lives in the journal because it reads every app: the journal may import routines and
points, while acupressure, the project's core, imports none of the apps.
"""

import datetime
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from journal import areas
from journal.models import Activity, Entry, Medicine
from journal.queries import entries_for_user
from practice.access import practices_for_user
from practice.models import Practice
from routines.access import routines_for_user
from routines.models import WEEKDAY_NAMES, Routine, Step

# 2: the body map, medicines, sleep, activities, sessions ended early and entry uuids.
FORMAT_VERSION = 2


def _when(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def profile_data(user) -> dict[str, Any]:
    # Never the password hash nor the calendar token: an export file gets emailed around.
    return {
        "username": user.username,
        "email": user.email,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "pregnant": user.pregnant,
        "sound_on": user.sound_on,
        "voice_on": user.voice_on,
        "vibrate_on": user.vibrate_on,
        "theme": user.theme,
        "get_ready_seconds": user.get_ready_seconds,
        "timezone": user.timezone,
        "emergency_number": user.emergency_number,
    }


def step_data(step: Step) -> dict[str, Any]:
    return {
        "position": step.position,
        "point": step.point.code,
        "point_name": step.point.name,
        "side": step.side,
        "hold_seconds": step.hold_seconds,
        "repetitions": step.repetitions,
        "note": step.note,
    }


def routine_data(routine: Routine) -> dict[str, Any]:
    return {
        "id": routine.pk,
        "name": routine.name,
        "description": routine.description,
        "schedule": routine.schedule,
        "weekdays": [WEEKDAY_NAMES[day] for day in routine.weekday_numbers()],
        "practice_time": routine.practice_time.isoformat(timespec="minutes"),
        "archived": routine.archived,
        "created": _when(routine.created),
        "updated": _when(routine.updated),
        "steps": [step_data(step) for step in routine.steps.all()],
    }


def practice_data(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.pk,
        "routine_id": practice.routine_id,
        "routine_name": practice.routine_name,
        "state": practice.state,
        "started_at": _when(practice.started_at),
        "ended_at": _when(practice.ended_at),
        "pain_before": practice.pain_before,
        "ended_early": practice.ended_early,
        "phases": practice.phases,
    }


def entry_data(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "uuid": str(entry.uuid),
        "practice_id": entry.practice_id,
        "routine_id": entry.routine_id,
        "routine_name": entry.routine_name,
        "recorded_at": _when(entry.recorded_at),
        "pain_before": entry.pain_before,
        "pain_after": entry.pain_after,
        "ran_to_end": entry.ran_to_end,
        "feel": entry.feel,
        "areas": areas.to_codes(entry.areas),
        "medicines": [medicine.name for medicine in entry.medicines.all()],
        "other_medicine": entry.other_medicine,
        "sleep": entry.sleep,
        "abilities": [{"name": a.name, "score": a.score} for a in entry.abilities.all()],
        "note": entry.note,
    }


def lists_data(user) -> dict[str, Any]:
    return {
        "medicines": [
            {"name": m.name, "position": m.position, "retired": m.retired}
            for m in Medicine.objects.filter(user=user)
        ],
        "activities": [
            {"name": a.name, "position": a.position} for a in Activity.objects.filter(user=user)
        ],
    }


def export_user_data(user) -> dict[str, Any]:
    """The whole account in eight queries, whatever its size."""
    routines = routines_for_user(user).prefetch_related(
        Prefetch("steps", queryset=Step.objects.select_related("point"))
    )
    practices = practices_for_user(user).order_by("started_at", "id")
    entries = (
        entries_for_user(user)
        .order_by("recorded_at", "id")
        .prefetch_related("medicines", "abilities")
    )
    return {
        "format": "press-points-export",
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "profile": profile_data(user),
        "routines": [routine_data(routine) for routine in routines],
        "practices": [practice_data(practice) for practice in practices],
        "lists": lists_data(user),
        "journal": [entry_data(entry) for entry in entries],
    }


@never_cache
@login_required
@require_GET
def export_data(request: HttpRequest) -> HttpResponse:
    data = export_user_data(request.user)
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="press-points-{stamp}.json"'
    return response
