"""The account export read back: into an empty account or one in use, nothing lost or doubled.

Everything in the file is matched to what the account already holds by a key that survives a
move between servers (the database ids in the file only tie its own records together):
routines by name and creation time, sessions by start time and routine name, entries by their
uuid (unique per account), medicines and activities by name. An id in the file is only ever
looked up among the file's own records: one that points anywhere else (another person's
routine on this server, say) is refused, so an import can only add to the importing account.
Importing the same file twice adds nothing the second time. The whole import is one
transaction: a file that fails halfway writes nothing.
"""

import datetime
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from journal import areas
from journal.account_export import FORMAT_VERSION
from journal.models import MAX_ACTIVITIES, Ability, Activity, Entry, Medicine
from points.models import Point
from practice.models import Practice
from routines.models import WEEKDAY_NAMES, Routine, Step

MAX_BYTES = 20 * 1024 * 1024  # years of daily entries take a few megabytes
FORMAT = "press-points-export"


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, in words for the person."""


NOT_AN_EXPORT = (
    "This file is not a Press Points export. Choose the file that “Download my data” saved "
    "(press-points-<date>.json)."
)
DAMAGED = (
    "This export is damaged or incomplete ({detail}), so nothing was imported. Download it "
    "again from the account it came from."
)
NEWER = (
    "This export was made by a newer version of Press Points (format {found}; this one reads up "
    "to {known}). Nothing was imported."
)
TOO_BIG = "This file is {size} MB; an export is at most {limit} MB. Nothing was imported."


@dataclass
class Plan:
    """What an import would add, counted before anything is written."""

    routines: int = 0
    practices: int = 0
    entries: int = 0
    medicines: int = 0
    activities: int = 0
    already: int = 0  # records of the file the account already holds
    settings: list[str] = field(default_factory=list)

    @property
    def adds_anything(self) -> bool:
        return bool(
            self.routines + self.practices + self.entries + self.medicines + self.activities
        ) or bool(self.settings)


def too_big(size: int) -> str:
    return TOO_BIG.format(size=round(size / 1024 / 1024), limit=MAX_BYTES // 1024 // 1024)


def read(raw: bytes) -> dict[str, Any]:
    """The export in `raw`, checked; ImportRefused with the reason otherwise."""
    if len(raw) > MAX_BYTES:
        raise ImportRefused(too_big(len(raw)))
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff \n\r\t")
    try:
        data = json.loads(text)
    except ValueError as error:
        if FORMAT in text[:200]:
            raise ImportRefused(DAMAGED.format(detail="it ends too soon or is cut")) from error
        raise ImportRefused(NOT_AN_EXPORT) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(NOT_AN_EXPORT)
    version = data.get("version")
    if not isinstance(version, int):
        raise ImportRefused(DAMAGED.format(detail="no version"))
    if version > FORMAT_VERSION:
        raise ImportRefused(NEWER.format(found=version, known=FORMAT_VERSION))
    for key in ("profile", "routines", "practices", "journal"):
        if key not in data:
            raise ImportRefused(DAMAGED.format(detail=f"no “{key}” part"))
    if not all(isinstance(data[key], list) for key in ("routines", "practices", "journal")):
        raise ImportRefused(DAMAGED.format(detail="a part of the wrong kind"))
    return data


def when(value) -> datetime.datetime | None:
    if value is None:
        return None
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a time without its time zone")
    return moment


def plan(user, data: dict[str, Any]) -> Plan:
    """Count what importing `data` into `user`'s account adds, without writing anything."""
    try:
        with transaction.atomic():
            result = apply(user, data)
            transaction.set_rollback(True)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportRefused(DAMAGED.format(detail=describe(error))) from error
    return result


def run(user, data: dict[str, Any]) -> Plan:
    try:
        with transaction.atomic():
            return apply(user, data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportRefused(DAMAGED.format(detail=describe(error))) from error


def describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"“{error.args[0]}” is missing"
    return "a value that cannot be read"


def apply(user, data: dict[str, Any]) -> Plan:
    """Write what the account lacks; the caller holds the transaction."""
    result = Plan()
    result.settings = apply_settings(user, data["profile"])
    routines = import_routines(user, data["routines"], result)
    practices = import_practices(user, data["practices"], routines, result)
    medicines, activities = import_lists(user, data.get("lists", {}), result)
    import_entries(user, data["journal"], routines, practices, medicines, activities, result)
    return result


SETTINGS = ("pregnant", "sound_on", "get_ready_seconds", "timezone")


def apply_settings(user, profile: dict[str, Any]) -> list[str]:
    changed = []
    for name in SETTINGS:
        if name in profile and getattr(user, name) != profile[name]:
            setattr(user, name, profile[name])
            changed.append(name)
    if changed:
        user.full_clean(exclude=["password", "username", "email"])
        user.save(update_fields=changed)
    return changed


def referenced(mapping: dict, key, what: str):
    """The record the file's id `key` stands for; an id the file does not hold is refused, so
    that nothing is ever tied to a row of this database by its number."""
    if key is None:
        return None
    if key not in mapping:
        raise ImportRefused(DAMAGED.format(detail=f"it names a {what} it does not contain"))
    return mapping[key]


def import_routines(user, rows: list, result: Plan) -> dict[int, Routine]:
    found = {}
    existing = {(r.name, r.created): r for r in Routine.objects.filter(owner=user)}
    for row in rows:
        created = when(row["created"])
        routine = existing.get((row["name"], created))
        if routine is not None:
            result.already += 1
        else:
            days = [WEEKDAY_NAMES.index(day) for day in row["weekdays"]]
            routine = Routine(
                owner=user,
                name=row["name"],
                description=row.get("description", ""),
                schedule=row["schedule"],
                weekdays="".join(str(d) for d in days)
                if row["schedule"] != Routine.Schedule.DAILY
                else Routine._meta.get_field("weekdays").default,
                practice_time=datetime.time.fromisoformat(row["practice_time"]),
                archived=bool(row.get("archived", False)),
            )
            routine.full_clean(exclude=["owner", "source", "copied_from"])
            routine.save()
            Routine.objects.filter(pk=routine.pk).update(
                created=created, updated=when(row.get("updated")) or created
            )
            routine.created = created
            points = {
                p.code: p for p in Point.objects.filter(code__in=[s["point"] for s in row["steps"]])
            }
            for step in row["steps"]:
                if step["point"] not in points:
                    raise ImportRefused(
                        DAMAGED.format(detail=f"point {step['point']} is not in this catalogue")
                    )
                made = Step(
                    routine=routine,
                    position=step["position"],
                    point=points[step["point"]],
                    side=step["side"],
                    hold_seconds=step["hold_seconds"],
                    repetitions=step["repetitions"],
                    note=step.get("note", ""),
                )
                made.full_clean(exclude=["routine", "point"])
                made.save()
            existing[(routine.name, created)] = routine
            result.routines += 1
        found[row["id"]] = routine
    return found


def import_practices(user, rows: list, routines: dict, result: Plan) -> dict[int, Practice]:
    found = {}
    existing = {(p.started_at, p.routine_name): p for p in Practice.objects.filter(owner=user)}
    for row in rows:
        started = when(row["started_at"])
        practice = existing.get((started, row["routine_name"]))
        if practice is not None:
            result.already += 1
        else:
            phases = row.get("phases") or []
            if not isinstance(phases, list):
                raise ValueError("phases")
            practice = Practice(
                owner=user,
                routine=referenced(routines, row.get("routine_id"), "routine"),
                routine_name=row["routine_name"],
                state=row["state"],
                started_at=started,
                ended_at=when(row.get("ended_at")),
                pain_before=row.get("pain_before"),
                ended_early=bool(row.get("ended_early", False)),
                phases=phases,
                index=len(phases),
            )
            practice.full_clean(exclude=["owner", "routine", "phases"])
            practice.save()
            existing[(started, practice.routine_name)] = practice
            result.practices += 1
        found[row["id"]] = practice
    return found


def import_lists(user, lists: dict, result: Plan) -> tuple[dict, dict]:
    medicines = {m.name: m for m in Medicine.objects.filter(user=user)}
    for row in lists.get("medicines", []):
        if row["name"] in medicines:
            result.already += 1
            continue
        medicine = Medicine(
            user=user,
            name=row["name"],
            position=row.get("position", 0),
            retired=row.get("retired", False),
        )
        medicine.full_clean(exclude=["user"])
        medicine.save()
        medicines[medicine.name] = medicine
        result.medicines += 1
    activities = {a.name: a for a in Activity.objects.filter(user=user)}
    taken = {a.position for a in activities.values()}
    for row in lists.get("activities", []):
        if row["name"] in activities:
            result.already += 1
            continue
        free = [n for n in range(MAX_ACTIVITIES) if n not in taken]
        if not free:
            continue  # three already named: the scores keep the name all the same
        position = row["position"] if row.get("position") in free else free[0]
        activity = Activity.objects.create(user=user, name=row["name"], position=position)
        taken.add(position)
        activities[activity.name] = activity
        result.activities += 1
    return medicines, activities


def import_entries(user, rows, routines, practices, medicines, activities, result: Plan) -> None:
    ids = [row.get("uuid") for row in rows if row.get("uuid")]
    mine = set(Entry.objects.filter(user=user, uuid__in=ids).values_list("uuid", flat=True))
    for row in rows:
        key = uuid.UUID(row["uuid"]) if row.get("uuid") else None
        if key is not None and key in mine:
            result.already += 1
            continue
        recorded = when(row["recorded_at"])
        if key is None:
            # an export from before entries had a uuid: the moment and the scores stand in
            same = Entry.objects.filter(
                user=user, recorded_at=recorded, pain_after=row["pain_after"]
            )
            if same.exists():
                result.already += 1
                continue
        practice = referenced(practices, row.get("practice_id"), "session")
        if practice is not None and Entry.objects.filter(practice=practice).exists():
            practice = None  # that session already closed with another entry here
        codes = row.get("areas", [])
        entry = Entry(
            user=user,
            uuid=key or uuid.uuid4(),
            practice=practice,
            routine=referenced(routines, row.get("routine_id"), "routine"),
            routine_name=row.get("routine_name", ""),
            recorded_at=recorded,
            pain_before=row.get("pain_before"),
            pain_after=row["pain_after"],
            ran_to_end=bool(row.get("ran_to_end", True)),
            feel=row.get("feel", ""),
            areas=areas.to_bits(areas.LEGACY_NAMES.get(c, c) for c in codes),
            other_medicine=bool(row.get("other_medicine", False)),
            sleep=row.get("sleep"),
            note=row.get("note", ""),
        )
        entry.full_clean(exclude=["user", "practice", "routine", "uuid"])
        entry.save()
        entry.medicines.set(
            referenced(medicines, name, "medicine") for name in row.get("medicines", [])
        )
        Ability.objects.bulk_create(
            Ability(
                entry=entry, activity=activities.get(a["name"]), name=a["name"], score=a["score"]
            )
            for a in row.get("abilities", [])
        )
        result.entries += 1
