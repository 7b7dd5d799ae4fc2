"""The journal as CSV and JSON downloads."""

import csv
import datetime
import io
import json

import pytest

from journal.exports import safe_cell
from tests.factories import EntryFactory


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def entries(user):
    user.timezone = "America/Chicago"
    user.save()
    EntryFactory(
        user=user,
        recorded_at=datetime.datetime(2026, 4, 1, 3, 30, tzinfo=datetime.UTC),
        pain_before=7,
        pain_after=5,
        routine_name="Morning — lower back",
        feel="too-hard",
        areas=(1 << 0) | (1 << 7),  # lower back and below the knee, left
        note='Douleur légère, 痛み, line one\nline two, "quoted"',
    )
    EntryFactory(
        user=user,
        recorded_at=datetime.datetime(2026, 4, 2, 18, 0, tzinfo=datetime.UTC),
        pain_before=None,
        pain_after=3,
        note='=HYPERLINK("http://example.com","click")',
    )


def test_csv_is_an_attachment_with_a_header_row(user_client, entries):
    response = user_client.get("/journal/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="pain-journal-')
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(body(response))))
    assert rows[0] == [
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
    assert len(rows) == 3


def test_csv_rows_oldest_first_with_local_iso_dates(user_client, entries):
    rows = list(csv.DictReader(io.StringIO(body(user_client.get("/journal/export.csv")))))
    first, second = rows
    # 03:30 UTC on 1 April is 22:30 on 31 March in Chicago (UTC−5).
    assert first["recorded_at"] == "2026-03-31T22:30:00-05:00"
    assert first["date"] == "2026-03-31"
    assert first["routine"] == "Morning — lower back"
    assert (first["pain_before"], first["pain_after"], first["change"]) == ("7", "5", "-2")
    assert first["feel"] == "Too hard"
    assert first["areas"] == "Lower back, left; Below the knee, left"
    assert second["areas"] == ""
    assert first["note"] == 'Douleur légère, 痛み, line one\nline two, "quoted"'
    assert second["pain_before"] == "" and second["change"] == ""


def test_csv_neutralises_formulas_in_typed_text(user_client, entries):
    rows = list(csv.DictReader(io.StringIO(body(user_client.get("/journal/export.csv")))))
    assert rows[1]["note"] == '\'=HYPERLINK("http://example.com","click")'
    # A negative change is a number, not text someone typed: left alone.
    assert rows[0]["change"] == "-2"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2 after stretching", "'-2 after stretching"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("fine = ok", "fine = ok"),
        ("", ""),
    ],
)
def test_safe_cell(text, expected):
    assert safe_cell(text) == expected


def test_json_export(user_client, entries):
    response = user_client.get("/journal/export.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(body(response))
    assert data["time_zone"] == "America/Chicago"
    assert len(data["entries"]) == 2
    first = data["entries"][0]
    assert first["recorded_at"] == "2026-03-31T22:30:00-05:00"
    assert first["pain_before"] == 7 and first["change"] == -2
    assert first["areas"] == ["Lower back, left", "Below the knee, left"]
    assert first["note"].startswith("Douleur légère, 痛み")
    # JSON needs no formula guard: the text is exactly what was typed.
    assert data["entries"][1]["note"].startswith("=HYPERLINK")


def test_exports_of_an_empty_journal(user_client):
    assert body(user_client.get("/journal/export.csv")).startswith("recorded_at,date,")
    assert json.loads(body(user_client.get("/journal/export.json")))["entries"] == []


def test_exports_hold_only_ones_own_entries(user_client, user, other_user):
    EntryFactory(user=user, note="mine")
    EntryFactory(user=other_user, note="someone else's")
    csv_text = body(user_client.get("/journal/export.csv"))
    json_text = body(user_client.get("/journal/export.json"))
    for text in (csv_text, json_text):
        assert "mine" in text
        assert "someone else" not in text


def test_large_exports_stream_in_one_query(user_client, user, django_assert_max_num_queries):
    from journal.models import Entry

    start = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
    Entry.objects.bulk_create(
        Entry(user=user, recorded_at=start + datetime.timedelta(days=d), pain_after=d % 11)
        for d in range(1100)
    )
    response = user_client.get("/journal/export.csv")
    assert response.streaming
    # One read of the entries, and for each chunk of 500 their medicines and activity scores.
    with django_assert_max_num_queries(1 + 2 * 3):
        text = body(response)
    assert text.count("\n") == 1101
