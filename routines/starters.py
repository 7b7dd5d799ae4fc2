"""Loads the starter routines derived from the articles (fixtures/starter_routines.json).

Idempotent: each starter is matched by its slug and saved only when something differs, its
steps rewritten only when the list differs. Starters the file no longer lists are removed
(people's copies keep their steps; only the link back to the starter is cleared).

    [{slug, name, source (a Source slug), description, schedule, weekdays?, practice_time?,
      steps: [{point (a code), side?, hold_seconds?, repetitions?, note?}, ...]}, ...]

A step's side defaults to the point's own (midline or both), its hold to the point's usual hold.
"""

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from points.catalogue import read_json, validate
from points.models import Point, Source
from routines.builder import default_side
from routines.models import MAX_STEPS, Routine, Step
from routines.validators import (
    validate_hold_seconds,
    validate_repetitions,
    validate_side_for_point,
)

FILENAME = "starter_routines.json"
ROUTINE_KEYS = {
    "slug",
    "name",
    "source",
    "description",
    "schedule",
    "weekdays",
    "practice_time",
    "steps",
}
STEP_KEYS = {"point", "side", "hold_seconds", "repetitions", "note"}
STEP_FIELDS = ("point_id", "side", "hold_seconds", "repetitions", "note")


class StarterError(CommandError):
    """The starter file is invalid; the message names the routine and step at fault."""


def load_starters(folder: Path) -> str:
    path = Path(folder) / FILENAME
    entries = read_json(path, list, StarterError)

    sources = {source.slug: source for source in Source.objects.all()}
    points = {point.code: point for point in Point.objects.all()}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    slugs: list[str] = []
    for index, entry in enumerate(entries):
        where = f"{path.name}[{index}]"
        values, steps = _parse(entry, where, sources, points)
        if values["slug"] in slugs:
            raise StarterError(f"{where}: the slug {values['slug']} is listed twice.")
        slugs.append(values["slug"])
        counts[_save(values, steps, f"starter {values['slug']}")] += 1
    stale = Routine.objects.filter(owner__isnull=True).exclude(slug__in=slugs)
    removed = stale.count()
    stale.delete()
    return (
        f"{len(slugs)} starter routines: {counts['created']} created, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{removed} removed"
    )


def _parse(
    entry: Any, where: str, sources: dict[str, Source], points: dict[str, Point]
) -> tuple[dict, list[dict]]:
    if not isinstance(entry, dict):
        raise StarterError(f"{where}: expected an object.")
    if entry.get("slug"):
        where = f"starter {entry['slug']}"
    unknown = set(entry) - ROUTINE_KEYS
    if unknown:
        raise StarterError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    for key in ("slug", "name", "source", "steps"):
        if not entry.get(key):
            raise StarterError(f"{where}: every starter needs a {key}.")
    source = sources.get(entry["source"])
    if source is None:
        raise StarterError(f"{where}: no source with the slug {entry['source']}.")
    try:
        practice_time = datetime.time.fromisoformat(entry.get("practice_time", "08:00"))
    except (TypeError, ValueError):
        raise StarterError(f"{where}: practice_time must be HH:MM.") from None
    values = {
        "slug": entry["slug"],
        "name": entry["name"],
        "source": source,
        "description": entry.get("description", ""),
        "schedule": entry.get("schedule", Routine.Schedule.DAILY),
        "weekdays": entry.get("weekdays", "024"),
        "practice_time": practice_time,
    }
    if not isinstance(entry["steps"], list) or len(entry["steps"]) > MAX_STEPS:
        raise StarterError(f"{where}: steps must be a list of at most {MAX_STEPS}.")
    steps = [
        _parse_step(step, f"{where}, step {n}", points)
        for n, step in enumerate(entry["steps"], start=1)
    ]
    return values, steps


def _parse_step(entry: Any, where: str, points: dict[str, Point]) -> dict:
    if not isinstance(entry, dict):
        raise StarterError(f"{where}: expected an object.")
    unknown = set(entry) - STEP_KEYS
    if unknown:
        raise StarterError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    point = points.get(entry.get("point", ""))
    if point is None:
        raise StarterError(f"{where}: no point with the code {entry.get('point')!r}.")
    step = {
        "point_id": point.pk,
        "side": entry.get("side", default_side(point)),
        "hold_seconds": entry.get("hold_seconds", point.hold_seconds),
        "repetitions": entry.get("repetitions", 1),
        "note": entry.get("note", ""),
    }
    try:
        validate_side_for_point(step["side"], point)
        validate_hold_seconds(step["hold_seconds"])
        validate_repetitions(step["repetitions"])
    except (ValidationError, TypeError) as error:
        message = "; ".join(getattr(error, "messages", [str(error)]))
        raise StarterError(f"{where} ({point.code}): {message}") from None
    return step


def _save(values: dict, steps: list[dict], where: str) -> str:
    routine = Routine.objects.filter(owner__isnull=True, slug=values["slug"]).first()
    status = "unchanged"
    if routine is None:
        routine = Routine(owner=None, **values)
        status = "created"
    else:
        changed = {name: v for name, v in values.items() if getattr(routine, name) != v}
        if changed:
            for name, value in changed.items():
                setattr(routine, name, value)
            status = "updated"
    if status != "unchanged":
        validate(routine, where, StarterError)
        routine.save()

    existing = [
        {name: getattr(step, name) for name in STEP_FIELDS}
        for step in routine.steps.order_by("position", "id")
    ]
    if existing != steps:
        routine.steps.all().delete()
        Step.objects.bulk_create(
            Step(routine=routine, position=position, **step) for position, step in enumerate(steps)
        )
        if status == "unchanged":
            status = "updated"
    return status
