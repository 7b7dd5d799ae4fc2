"""Loads the catalogue fixtures (fixtures/catalogue/*.json) into the database, updating in place.

Every record is matched by its natural key: Source.slug, Complaint.slug, Point.code, Alias.key,
a claim's source and label, a mark's point, view and place. Values are compared before saving,
so loading the same files twice writes nothing. Aliases, claims and marks that the files no
longer list for a point or source are removed. Points and sources themselves are never deleted:
people's routines refer to them.

Files, all in <folder>/catalogue/:
    sources.json     [{slug, title, kind, summary, schedule, caveat, position}, ...]
    complaints.json  [{slug, name, position}, ...]
    points.json      [{code, channel, ..., complaints: [slug, ...],
                       aliases: [{label, kind}, ...]}, ...]
    claims.json      {source slug: [{label, point (code or null), hold, repetitions, position,
                                     location_as_described, benefits, verdict, correction}, ...]}
                     (a claim's order is its place in its source's list)
    marks.json       optional: {code: [{view, x, y, primary}, ...]}; when present it says all
                     the marks of every point in points.json
    overclaims.json  optional: {source slug: [{claim, answer}, ...]} (what an article claims
                     beyond the points, and our answer; order is the place in the list)
    label_notes.json optional: [{label, note, point (code or null)}, ...]: labels the
                     articles use that are no point's name, explained
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import models, transaction

from points import edition
from points.models import (
    Alias,
    Claim,
    Complaint,
    LabelNote,
    Mark,
    Overclaim,
    Point,
    Source,
    normalise_label,
)

CATALOGUE_FOLDER = "catalogue"

SOURCE_FIELDS = ("title", "kind", "summary", "schedule", "caveat", "position")
COMPLAINT_FIELDS = ("name", "position")
POINT_FIELDS = (
    "channel",
    "number",
    "pinyin",
    "name",
    "place",
    "region",
    "summary",
    "location",
    "how_to_find",
    "technique",
    "hold_seconds",
    "pressure",
    "laterality",
    "reach",
    "cautions",
    "avoid_in_pregnancy",
    "mapping_uncertain",
    "naming_note",
)
ALIAS_FIELDS = ("label", "kind")
CLAIM_FIELDS = (
    "point",
    "hold",
    "repetitions",
    "position",
    "location_as_described",
    "benefits",
    "evidence",
    "verdict",
    "correction",
)
OVERCLAIM_FIELDS = ("claim", "answer")
LABEL_NOTE_FIELDS = ("label", "note", "point")
MARK_FIELDS = ("view", "x", "y", "primary")


class CatalogueError(CommandError):
    """The fixtures are invalid; the message names the file and the record at fault."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    totals: dict[str, int] = field(default_factory=dict)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def __str__(self) -> str:
        totals = ", ".join(f"{n} {name}" for name, n in self.totals.items())
        return (
            f"{totals}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed"
        )


def load_catalogue(folder: Path) -> str:
    """Load or update the catalogue from `folder`/catalogue/ and say what changed."""
    # Imported here: that module builds on this one's helpers.
    from points.catalogue_answers import load_answers

    files = Path(folder) / CATALOGUE_FOLDER
    sources = read_json(files / "sources.json", list)
    complaints = read_json(files / "complaints.json", list)
    points = read_json(files / "points.json", list)
    claims = read_json(files / "claims.json", dict)
    marks_file = files / "marks.json"
    marks = read_json(marks_file, dict) if marks_file.exists() else None
    overclaims_file = files / "overclaims.json"
    overclaims = read_json(overclaims_file, dict) if overclaims_file.exists() else {}
    notes_file = files / "label_notes.json"
    label_notes = read_json(notes_file, list) if notes_file.exists() else []

    tally = Tally()
    with transaction.atomic():
        source_ids = _load_by_slug(sources, Source, SOURCE_FIELDS, "sources.json", tally)
        complaint_ids = _load_by_slug(
            complaints, Complaint, COMPLAINT_FIELDS, "complaints.json", tally
        )
        point_ids = _load_points(points, complaint_ids, tally)
        _load_aliases(points, point_ids, tally)
        _load_claims(claims, source_ids, point_ids, tally)
        if marks is not None:
            _load_marks(marks, point_ids, tally)
        load_answers(overclaims, label_notes, source_ids, point_ids, tally)
        # Bulk updates and deletes send no signals: start a new edition whatever changed.
        edition.bump()
    tally.totals = {
        "sources": len(source_ids),
        "complaints": len(complaint_ids),
        "points": len(point_ids),
        "aliases": Alias.objects.filter(point_id__in=point_ids.values()).count(),
        "claims": Claim.objects.filter(source_id__in=source_ids.values()).count(),
        "marks": Mark.objects.filter(point_id__in=point_ids.values()).count(),
        "overclaims": Overclaim.objects.filter(source_id__in=source_ids.values()).count(),
        "label notes": LabelNote.objects.count(),
    }
    return str(tally)


# Reading and checking ----------------------------------------------------------------------


def read_json(path: Path, kind: type, error: type[CommandError] = CatalogueError) -> Any:
    """A fixture file's data, which must be a `kind` (list or dict); else `error` says why."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: the file is missing.") from None
    except json.JSONDecodeError as decode_error:
        raise error(f"{path}: not valid JSON ({decode_error}).") from None
    if not isinstance(data, kind):
        raise error(f"{path}: expected a JSON {kind.__name__} at the top.")
    return data


def _fields(
    entry: Any,
    model: type[models.Model],
    allowed: tuple[str, ...],
    nested: tuple[str, ...],
    where: str,
) -> dict:
    """The entry's values for `allowed` fields, the model's default for those left out (so
    deleting a line from a fixture resets the field); unknown keys are typos and fail loudly."""
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: expected an object, got {entry!r}.")
    unknown = set(entry) - set(allowed) - set(nested)
    if unknown:
        raise CatalogueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    return {
        name: entry[name] if name in entry else model._meta.get_field(name).get_default()
        for name in allowed
    }


def _key(entry: Any, name: str, where: str) -> str:
    value = entry.get(name) if isinstance(entry, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: every entry needs a {name}.")
    return value


def _no_duplicates(keys: list, what: str) -> None:
    seen = set()
    for key in keys:
        if key in seen:
            raise CatalogueError(f"{what} {key} is listed twice.")
        seen.add(key)


# Saving ------------------------------------------------------------------------------------


def _upsert(
    existing: models.Model | None,
    model: type[models.Model],
    lookup: dict,
    values: dict,
    where: str,
) -> tuple[models.Model, str]:
    """Create the record, or save only when a value differs; say which it was."""
    if existing is None:
        obj, status = model(**lookup), "created"
        changed = values
    else:
        obj, status = existing, "updated"
        changed = {name: v for name, v in values.items() if getattr(obj, name) != v}
        if not changed:
            return obj, "unchanged"
    for name, value in changed.items():
        setattr(obj, name, value)
    validate(obj, where)
    obj.save()
    return obj, status


def validate(obj: models.Model, where: str, error: type[CommandError] = CatalogueError) -> None:
    """full_clean(), with every problem in one line that says which record it is."""
    try:
        obj.full_clean()
    except ValidationError as invalid:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in invalid.message_dict.items()
        )
        raise error(f"{where}: {problems}") from None


def _load_by_slug(
    entries: list,
    model: type[models.Model],
    allowed: tuple[str, ...],
    filename: str,
    tally: Tally,
) -> dict[str, int]:
    """Sources and complaints: records with a slug and plain fields; returns their ids."""
    what = f"{filename}: {model._meta.model_name}"
    slugs = [_key(entry, "slug", filename) for entry in entries]
    _no_duplicates(slugs, what)
    existing = model.objects.in_bulk(slugs, field_name="slug")
    ids = {}
    for slug, entry in zip(slugs, entries, strict=True):
        where = f"{what} {slug}"
        values = _fields(entry, model, allowed, ("slug",), where)
        record, status = _upsert(existing.get(slug), model, {"slug": slug}, values, where)
        tally.count(status)
        ids[slug] = record.pk
    return ids


def _load_points(entries: list, complaint_ids: dict[str, int], tally: Tally) -> dict[str, int]:
    codes = [_key(entry, "code", "points.json") for entry in entries]
    _no_duplicates(codes, "points.json: point")
    existing = Point.objects.prefetch_related("complaints").in_bulk(codes, field_name="code")
    ids = {}
    for code, entry in zip(codes, entries, strict=True):
        where = f"points.json: point {code}"
        values = _fields(entry, Point, POINT_FIELDS, ("code", "aliases", "complaints"), where)
        wanted = entry.get("complaints", [])
        if not isinstance(wanted, list):
            raise CatalogueError(f"{where}: complaints must be a list of slugs.")
        unknown = [str(slug) for slug in wanted if slug not in complaint_ids]
        if unknown:
            raise CatalogueError(f"{where}: unknown complaint(s) {', '.join(unknown)}.")
        before = existing.get(code)
        current = {complaint.pk for complaint in before.complaints.all()} if before else set()
        point, status = _upsert(before, Point, {"code": code}, values, where)
        wanted_ids = {complaint_ids[slug] for slug in wanted}
        if current != wanted_ids:
            point.complaints.set(wanted_ids)
            if status == "unchanged":
                status = "updated"
        tally.count(status)
        ids[code] = point.pk
    return ids


def _load_aliases(entries: list, point_ids: dict[str, int], tally: Tally) -> None:
    codes = {normalise_label(code): code for code in Point.objects.values_list("code", flat=True)}
    owner_of: dict[str, tuple[str, str]] = {}
    wanted: list[tuple[str, str, dict]] = []
    for entry in entries:
        code = entry["code"]
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list):
            raise CatalogueError(f"points.json: point {code}: aliases must be a list.")
        for alias in aliases:
            where = f"points.json: point {code}, alias {alias!r}"
            values = _fields(alias, Alias, ALIAS_FIELDS, (), where)
            label = _key(values, "label", where)
            key = normalise_label(label)
            where = f"points.json: point {code}, alias {label!r}"
            if not key:
                raise CatalogueError(f"{where}: the label has no letters or digits.")
            if key in owner_of:
                other_code, other_label = owner_of[key]
                raise CatalogueError(
                    f"{where} is ambiguous: it reads as {key}, like alias {other_label!r} "
                    f"of {other_code}."
                )
            if codes.get(key, code) != code:
                raise CatalogueError(
                    f"{where} is ambiguous: it reads as {key}, the standard code of {codes[key]}."
                )
            owner_of[key] = (code, label)
            wanted.append((key, code, values))

    existing = Alias.objects.in_bulk([key for key, _, _ in wanted], field_name="key")
    for key, code, values in wanted:
        where = f"points.json: point {code}, alias {values['label']!r}"
        values = {**values, "point_id": point_ids[code]}
        tally.count(_upsert(existing.get(key), Alias, {"key": key}, values, where)[1])
    stale = Alias.objects.filter(point_id__in=point_ids.values()).exclude(key__in=list(owner_of))
    tally.removed += stale.delete()[0]


def _load_claims(
    by_source: dict, source_ids: dict[str, int], point_ids: dict[str, int], tally: Tally
) -> None:
    unknown = set(by_source) - set(source_ids)
    if unknown:
        raise CatalogueError(f"claims.json: unknown source(s) {', '.join(sorted(unknown))}.")
    for slug, source_id in source_ids.items():
        entries = by_source.get(slug, [])
        if not isinstance(entries, list):
            raise CatalogueError(f"claims.json: source {slug}: expected a list of claims.")
        labels = [_key(entry, "label", f"claims.json: source {slug}") for entry in entries]
        _no_duplicates(labels, f"claims.json: source {slug}: label")
        existing = {
            claim.label: claim
            for claim in Claim.objects.filter(source_id=source_id, label__in=labels)
        }
        for order, (label, entry) in enumerate(zip(labels, entries, strict=True), start=1):
            where = f"claims.json: source {slug}, claim {label!r}"
            values = _fields(entry, Claim, CLAIM_FIELDS, ("label",), where)
            code = values.pop("point", None)
            if code is not None and code not in point_ids:
                raise CatalogueError(f"{where}: unknown point {code}.")
            values["point_id"] = point_ids[code] if code is not None else None
            values["order"] = order
            lookup = {"source_id": source_id, "label": label}
            tally.count(_upsert(existing.get(label), Claim, lookup, values, where)[1])
        stale = Claim.objects.filter(source_id=source_id).exclude(label__in=labels)
        tally.removed += stale.delete()[0]


def _load_marks(by_point: dict, point_ids: dict[str, int], tally: Tally) -> None:
    unknown = set(by_point) - set(point_ids)
    if unknown:
        raise CatalogueError(f"marks.json: unknown point(s) {', '.join(sorted(unknown))}.")
    for code, point_id in point_ids.items():
        entries = by_point.get(code, [])
        if not isinstance(entries, list):
            raise CatalogueError(f"marks.json: point {code}: expected a list of marks.")
        existing = {
            (mark.view, mark.x, mark.y): mark for mark in Mark.objects.filter(point_id=point_id)
        }
        places = []
        for entry in entries:
            where = f"marks.json: point {code}, mark {entry!r}"
            values = _fields(entry, Mark, MARK_FIELDS, (), where)
            try:
                place = (values["view"], float(values["x"]), float(values["y"]))
            except (KeyError, TypeError, ValueError):
                raise CatalogueError(f"{where}: needs a view and numbers x and y.") from None
            if place in places:
                raise CatalogueError(f"{where}: the same place is listed twice.")
            places.append(place)
            view, x, y = place
            lookup = {"point_id": point_id, "view": view, "x": x, "y": y}
            values = {"primary": values["primary"]}
            tally.count(_upsert(existing.get(place), Mark, lookup, values, where)[1])
        for place, mark in existing.items():
            if place not in places:
                mark.delete()
                tally.removed += 1
