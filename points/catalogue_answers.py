"""The catalogue's answers to the articles, loaded with the rest by points/catalogue.py:
overclaims.json (what each article claims beyond its points, and our answer) and
label_notes.json (labels the articles use that name no point here, explained)."""

from points.catalogue import (
    LABEL_NOTE_FIELDS,
    OVERCLAIM_FIELDS,
    CatalogueError,
    Tally,
    _fields,
    _key,
    _upsert,
)
from points.models import Alias, LabelNote, Overclaim, normalise_label


def load_answers(
    overclaims: dict,
    label_notes: list,
    source_ids: dict[str, int],
    point_ids: dict[str, int],
    tally: Tally,
) -> None:
    _load_overclaims(overclaims, source_ids, tally)
    _load_label_notes(label_notes, point_ids, tally)


def _load_overclaims(by_source: dict, source_ids: dict[str, int], tally: Tally) -> None:
    unknown = set(by_source) - set(source_ids)
    if unknown:
        raise CatalogueError(f"overclaims.json: unknown source(s) {', '.join(sorted(unknown))}.")
    for slug, source_id in source_ids.items():
        entries = by_source.get(slug, [])
        if not isinstance(entries, list):
            raise CatalogueError(f"overclaims.json: source {slug}: expected a list.")
        existing = {item.order: item for item in Overclaim.objects.filter(source_id=source_id)}
        for order, entry in enumerate(entries, start=1):
            where = f"overclaims.json: source {slug}, item {order}"
            values = _fields(entry, Overclaim, OVERCLAIM_FIELDS, (), where)
            _key(values, "claim", where)
            _key(values, "answer", where)
            lookup = {"source_id": source_id, "order": order}
            tally.count(_upsert(existing.get(order), Overclaim, lookup, values, where)[1])
        stale = Overclaim.objects.filter(source_id=source_id, order__gt=len(entries))
        tally.removed += stale.delete()[0]


def _load_label_notes(entries: list, point_ids: dict[str, int], tally: Tally) -> None:
    """Explained labels; one may not read as a code or alias, or searching would be ambiguous."""
    taken = set(Alias.objects.values_list("key", flat=True))
    taken |= {normalise_label(code) for code in point_ids}
    keys = []
    existing = {note.key: note for note in LabelNote.objects.all()}
    for entry in entries:
        where = f"label_notes.json: {entry.get('label') if isinstance(entry, dict) else entry!r}"
        values = _fields(entry, LabelNote, LABEL_NOTE_FIELDS, (), where)
        key = normalise_label(_key(values, "label", where))
        _key(values, "note", where)
        if key in taken:
            raise CatalogueError(f"{where} is ambiguous: it reads as {key}, a code or alias.")
        if key in keys:
            raise CatalogueError(f"{where} is listed twice.")
        keys.append(key)
        code = values.pop("point", None)
        if code is not None and code not in point_ids:
            raise CatalogueError(f"{where}: unknown point {code}.")
        values["point_id"] = point_ids[code] if code is not None else None
        tally.count(_upsert(existing.get(key), LabelNote, {"key": key}, values, where)[1])
    stale = LabelNote.objects.exclude(key__in=keys)
    tally.removed += stale.delete()[0]
