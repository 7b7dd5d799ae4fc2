"""The journal as CSV and JSON, written row by row so that years of entries stream out.

Text a person typed (notes, routine names) that starts like a formula is prefixed with a
quote in the CSV, so that a spreadsheet shows it instead of running it.
"""

import csv
import datetime
import json
from collections.abc import Iterator

from journal import areas
from journal.models import Entry
from journal.queries import entries_for_user

FIELDS = [
    "recorded_at",
    "date",
    "routine",
    "ended_early",
    "pain_before",
    "pain_after",
    "change",
    "feel",
    "areas",
    "medicines",
    "sleep",
    "activities",
    "note",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500
FEELS = dict(Entry.Feel.choices)
SLEEP = dict(Entry.Sleep.choices)


def safe_cell(text: str) -> str:
    """Text that a spreadsheet will not read as a formula."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def export_records(user, tz: datetime.tzinfo) -> Iterator[dict]:
    """Every entry of the user, oldest first, as plain values with local ISO dates."""
    entries = (
        entries_for_user(user)
        .order_by("recorded_at", "id")
        .prefetch_related("medicines", "abilities")
        .iterator(chunk_size=CHUNK)
    )
    for entry in entries:
        local = entry.recorded_at.astimezone(tz)
        before, after = entry.pain_before, entry.pain_after
        medicines = [m.name for m in entry.medicines.all()]
        if entry.other_medicine:
            medicines.append("other")
        yield {
            "recorded_at": local.isoformat(timespec="seconds"),
            "date": local.date().isoformat(),
            "routine": entry.routine_name,
            "ended_early": entry.ended_early,
            "pain_before": before,
            "pain_after": after,
            "change": None if before is None else after - before,
            "feel": FEELS.get(entry.feel, "") if entry.feel else "",
            "areas": areas.labels(entry.areas),
            "medicines": medicines,
            "sleep": SLEEP.get(entry.sleep, ""),
            "activities": {a.name: a.score for a in entry.abilities.all()},
            "note": entry.note,
        }


class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_lines(user, tz: datetime.tzinfo) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(FIELDS)
    for record in export_records(user, tz):
        yield writer.writerow(
            [
                record["recorded_at"],
                record["date"],
                safe_cell(record["routine"]),
                "yes" if record["ended_early"] else "no",
                "" if record["pain_before"] is None else record["pain_before"],
                record["pain_after"],
                "" if record["change"] is None else record["change"],
                record["feel"],
                "; ".join(record["areas"]),
                safe_cell("; ".join(record["medicines"])),
                record["sleep"],
                safe_cell("; ".join(f"{n}: {v}" for n, v in record["activities"].items())),
                safe_cell(record["note"]),
            ]
        )


def json_chunks(user, tz: datetime.tzinfo, exported_at: datetime.datetime) -> Iterator[str]:
    """A JSON document: {"exported_at", "time_zone", "fields", "entries": [...]}."""
    head = {
        "exported_at": exported_at.astimezone(tz).isoformat(timespec="seconds"),
        "time_zone": str(tz),
        "scale": "0 = no pain, 10 = worst pain imaginable",
        "fields": FIELDS,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": ['
    first = True
    for record in export_records(user, tz):
        yield ("" if first else ",") + "\n  " + json.dumps(record, ensure_ascii=False)
        first = False
    yield "\n]}\n"
