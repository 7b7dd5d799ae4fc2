"""The journal as CSV and JSON, written row by row so that years of entries stream out.

Text a person typed (notes, routine names) that starts like a formula is prefixed with a
quote in the CSV, so that a spreadsheet shows it instead of running it.
"""

import csv
import datetime
import json
from collections.abc import Iterator

from journal.models import Entry
from journal.queries import entries_for_user

FIELDS = [
    "recorded_at",
    "date",
    "routine",
    "pain_before",
    "pain_after",
    "change",
    "feel",
    "lower_back",
    "hip",
    "leg",
    "note",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500
FEELS = dict(Entry.Feel.choices)


def safe_cell(text: str) -> str:
    """Text that a spreadsheet will not read as a formula."""
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def export_records(user, tz: datetime.tzinfo) -> Iterator[dict]:
    """Every entry of the user, oldest first, as plain values with local ISO dates."""
    values = (
        entries_for_user(user)
        .order_by("recorded_at", "id")
        .values_list(
            "recorded_at",
            "routine_name",
            "pain_before",
            "pain_after",
            "feel",
            "area_lower_back",
            "area_hip",
            "area_leg",
            "note",
        )
        .iterator(chunk_size=CHUNK)
    )
    for recorded_at, routine, before, after, feel, back, hip, leg, note in values:
        local = recorded_at.astimezone(tz)
        yield {
            "recorded_at": local.isoformat(timespec="seconds"),
            "date": local.date().isoformat(),
            "routine": routine,
            "pain_before": before,
            "pain_after": after,
            "change": None if before is None else after - before,
            "feel": FEELS.get(feel, "") if feel else "",
            "lower_back": back,
            "hip": hip,
            "leg": leg,
            "note": note,
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
                "" if record["pain_before"] is None else record["pain_before"],
                record["pain_after"],
                "" if record["change"] is None else record["change"],
                record["feel"],
                "yes" if record["lower_back"] else "no",
                "yes" if record["hip"] else "no",
                "yes" if record["leg"] else "no",
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
