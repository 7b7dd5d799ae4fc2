import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from points.catalogue import CatalogueError, load_catalogue
from points.models import Alias, Claim, Complaint, Mark, Point, Source

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# The standard code of every point the five articles name, plus the trial's points that a
# starter routine uses (reference table, copied here so the tests stand on their own).
ARTICLE_CODES = [
    "CV6", "BL23", "BL52", "BL53", "GB30", "BL39", "BL40", "GV4", "BL60", "LR3", "LR2",
    "SP3", "SP4", "LI4", "GB34", "SI11", "SI4", "TE3", "BL57",
]  # fmt: skip
TRIAL_CODES = ["HT7", "SP6", "LR3", "EX-HN3", "Anmian"]

SOURCE_000 = "pressure-points-lower-back-sciatica-leg-pain"
SOURCE_001 = "acupressure-points-for-lower-back-pain"
SOURCE_002 = "best-acupressure-points-back-pain"
SOURCE_003 = "five-acupressure-points-lower-back-pain"
SOURCE_004 = "acupressure-points-back-pain-how-to"
STUDY = "murphy-2019-self-acupressure-trial"

# Every label the articles use (sources README), and the point it is filed under.
ARTICLE_LABELS = [
    (SOURCE_000, "CV 6", "CV6"),
    (SOURCE_000, "B 23", "BL23"),
    (SOURCE_000, "B 47", "BL52"),
    (SOURCE_000, "B 48", "BL53"),
    (SOURCE_000, "GB 30", "GB30"),
    (SOURCE_000, "B 53", "BL39"),
    (SOURCE_000, "B 54", "BL40"),
    (SOURCE_000, "H point", "LR2"),
    (SOURCE_000, "sole line (heel to big toe)", None),
    (SOURCE_000, "point between thumb and forefinger", "LI4"),
    (SOURCE_001, "CV6", "CV6"),
    (SOURCE_001, "B23", "BL23"),
    (SOURCE_001, "B47", "BL52"),
    (SOURCE_001, "B52", "BL52"),
    (SOURCE_001, "GV4", "GV4"),
    (SOURCE_001, "Bladder 60", "BL60"),
    (SOURCE_001, "LV 3", "LR3"),
    (SOURCE_001, "B54", "BL40"),
    (SOURCE_001, "LI 4", "LI4"),
    (SOURCE_001, "GB34", "GB34"),
    (SOURCE_001, "UB40", "BL40"),
    (SOURCE_002, "Hoku", "LI4"),
    (SOURCE_002, "foot web between big and second toe", "LR2"),
    (SOURCE_002, "inside edge of the foot behind the ball (read as SP3)", "SP3"),
    (SOURCE_002, "inside edge of the foot behind the ball (read as SP4)", "SP4"),
    (SOURCE_002, "sea of vitality", "BL52"),
    (SOURCE_002, "womb and vitals", "BL53"),
    (SOURCE_002, "sea of energy", "CV6"),
    (SOURCE_002, "back of knee", "BL40"),
    (SOURCE_003, "Bladder 60", "BL60"),
    (SOURCE_003, "Small Intestine 11", "SI11"),
    (SOURCE_003, "Bladder 23", "BL23"),
    (SOURCE_003, "Bladder 54", "BL40"),
    (SOURCE_003, "Bladder 48", "BL53"),
    (SOURCE_004, "SI4", "SI4"),
    (SOURCE_004, "Ling Gu", "LI4"),
    (SOURCE_004, "Triple Energizer (TE3)", "TE3"),
    (SOURCE_004, "B23", "BL23"),
    (SOURCE_004, "B48", "BL53"),
    (SOURCE_004, "G30", "GB30"),
    (SOURCE_004, "UB40", "BL40"),
    (SOURCE_004, "UB57", "BL57"),
    (SOURCE_004, "LV3", "LR3"),
    (STUDY, "Yintang", "EX-HN3"),
    (STUDY, "Anmian", "Anmian"),
    (STUDY, "HT7", "HT7"),
    (STUDY, "SP6", "SP6"),
    (STUDY, "LR3", "LR3"),
]

# The discrepancies the reference lists, as (source, label, verdict).
KNOWN_PROBLEMS = [
    (SOURCE_001, "CV6", Claim.Verdict.IMPRECISE),  # three fingers overshoots towards CV5
    (SOURCE_001, "UB40", Claim.Verdict.WRONG),  # "Control Vessel 4"
    (SOURCE_001, "LV 3", Claim.Verdict.WRONG),  # called "Middle Crook"
    (SOURCE_001, "GB34", Claim.Verdict.WRONG),  # put on the knee crease
    (SOURCE_001, "GV4", Claim.Verdict.IMPRECISE),  # "the most effective"
    (SOURCE_003, "Bladder 48", Claim.Verdict.IMPRECISE),  # a hand-width overshoots
    (SOURCE_004, "Ling Gu", Claim.Verdict.WRONG),  # a different point's name
    (SOURCE_004, "Triple Energizer (TE3)", Claim.Verdict.IMPRECISE),  # the channel's name
    (SOURCE_000, "H point", Claim.Verdict.UNCERTAIN),
    (SOURCE_002, "inside edge of the foot behind the ball (read as SP3)", "uncertain"),
    (SOURCE_000, "sole line (heel to big toe)", Claim.Verdict.WRONG),
]


def row_counts() -> dict[str, int]:
    models = [Source, Complaint, Point, Alias, Claim, Mark]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def fixture_copy(tmp_path) -> Path:
    """A writable copy of the real fixtures, to edit."""
    shutil.copytree(FIXTURES / "catalogue", tmp_path / "catalogue")
    return tmp_path


def edit(folder: Path, name: str, change) -> None:
    path = folder / "catalogue" / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def point_entry(data: list, code: str) -> dict:
    return next(entry for entry in data if entry["code"] == code)


def test_every_named_point_is_in_the_catalogue(catalogue):
    expected = set(ARTICLE_CODES + TRIAL_CODES)
    found = Point.objects.filter(code__in=expected).exclude(location="").exclude(technique="")
    assert expected - set(found.values_list("code", flat=True)) == set()


def test_every_label_an_article_uses_is_a_claim_on_its_point(catalogue):
    claims = {
        (claim.source.slug, claim.label): claim.point.code if claim.point else None
        for claim in Claim.objects.select_related("source", "point")
    }
    mismatches = {
        (slug, label): claims.get((slug, label), "missing")
        for slug, label, code in ARTICLE_LABELS
        if claims.get((slug, label), "missing") != code
    }
    assert mismatches == {}


def test_known_discrepancies_get_their_verdict(catalogue):
    for slug, label, verdict in KNOWN_PROBLEMS:
        claim = Claim.objects.get(source__slug=slug, label=label)
        assert (label, claim.verdict) == (label, verdict)
        assert claim.correction, label


def test_wrong_and_imprecise_claims_have_a_correction(catalogue):
    flagged = Claim.objects.filter(verdict__in=[Claim.Verdict.WRONG, Claim.Verdict.IMPRECISE])
    assert flagged.count() > 10
    assert not flagged.filter(correction="").exists()


def test_every_source_has_claims_in_article_order(catalogue):
    assert Source.objects.count() == 6
    for source in Source.objects.all():
        orders = list(source.claims.order_by("order").values_list("order", flat=True))
        assert orders == list(range(1, len(orders) + 1)), source.slug


def test_the_trial_is_a_study_with_its_schedule(catalogue):
    study = Source.objects.get(slug=STUDY)
    assert study.kind == Source.Kind.STUDY
    assert "Pain Medicine 2019" in study.summary
    assert study.claims.get(label="SP6").hold == "About 3 minutes"


def test_complaints(catalogue):
    assert list(Complaint.objects.values_list("slug", flat=True)) == [
        "lower-back", "sciatica", "hip", "knee", "leg", "neck-shoulder",
    ]  # fmt: skip
    assert set(Point.objects.get(code="GB30").complaints.values_list("slug", flat=True)) >= {
        "sciatica",
        "hip",
    }


def test_safety_flags(catalogue):
    pregnancy = set(Point.objects.filter(avoid_in_pregnancy=True).values_list("code", flat=True))
    assert {"LI4", "SP6", "BL60"} <= pregnancy
    assert "BL23" not in pregnancy
    uncertain = Point.objects.filter(mapping_uncertain=True).values_list("code", flat=True)
    assert set(uncertain) == {"LR2", "SP3", "SP4"}
    midline = Point.objects.filter(laterality=Point.Laterality.MIDLINE).values_list(
        "code", flat=True
    )
    assert set(midline) == {"CV6", "GV4", "EX-HN3"}
    bl40 = Point.objects.get(code="BL40")
    assert bl40.pressure == Point.Pressure.GENTLE
    assert "nerve" in bl40.cautions
    assert "sciatic nerve" in Point.objects.get(code="GB30").cautions
    assert "artery" in Point.objects.get(code="LR3").cautions
    assert Point.objects.get(code="SI11").reach == Point.Reach.HELPER
    assert Point.objects.get(code="BL23").reach == Point.Reach.BALL


def test_every_point_has_a_short_finding_guide_and_sensible_hold(catalogue):
    for point in Point.objects.all():
        assert 3 <= len(point.how_to_find_steps()) <= 5, point.code
        assert 30 <= point.hold_seconds <= 180, point.code


def test_loading_twice_changes_nothing(db):
    first = load_catalogue(FIXTURES)
    counts = row_counts()
    ids = {model: set(model.objects.values_list("pk", flat=True)) for model in (Point, Alias)}
    second = load_catalogue(FIXTURES)
    assert "0 created" not in first
    assert "0 created, 0 updated" in second and "0 removed" in second
    assert row_counts() == counts
    assert {model: set(model.objects.values_list("pk", flat=True)) for model in ids} == ids


def test_the_command_loads_and_reports(db, capsys):
    call_command("load_catalogue")
    call_command("load_catalogue")
    first, second = capsys.readouterr().out.splitlines()
    catalogue = second.split(". Starter routines")[0]
    assert "23 points" in first and "0 created" not in first.split(". Starter routines")[0]
    assert "23 points" in catalogue and "0 created, 0 updated" in catalogue


def test_an_edited_fixture_updates_in_place(db, fixture_copy):
    load_catalogue(fixture_copy)
    bl23 = Point.objects.get(code="BL23")
    kept_alias = Alias.objects.get(key="KIDNEYSHU")
    claim = Claim.objects.get(source__slug=SOURCE_000, label="B 23")

    def change_points(data):
        entry = point_entry(data, "BL23")
        entry["hold_seconds"] = 150
        entry["aliases"] = [a for a in entry["aliases"] if a["label"] != "B23"]
        entry["complaints"] = ["lower-back"]

    def change_claims(data):
        data[SOURCE_000][1]["hold"] = "Three minutes"
        data[SOURCE_001] = [c for c in data[SOURCE_001] if c["label"] != "B52"]

    edit(fixture_copy, "points.json", change_points)
    edit(fixture_copy, "claims.json", change_claims)
    summary = load_catalogue(fixture_copy)

    # BL23, one hold, and the claims after B52 moving up one place.
    labels = [
        c["label"]
        for c in json.loads((FIXTURES / "catalogue" / "claims.json").read_text())[SOURCE_001]
    ]
    later = len(labels) - labels.index("B52") - 1
    assert f"0 created, {2 + later} updated" in summary
    assert "2 removed" in summary
    orders = Claim.objects.filter(source__slug=SOURCE_001).values_list("order", flat=True)
    assert sorted(orders) == list(range(1, len(orders) + 1))
    same = Point.objects.get(code="BL23")
    assert same.pk == bl23.pk
    assert same.hold_seconds == 150
    assert list(same.complaints.values_list("slug", flat=True)) == ["lower-back"]
    assert not Alias.objects.filter(key="B23").exists()
    assert Alias.objects.get(key="KIDNEYSHU").pk == kept_alias.pk
    assert Claim.objects.get(pk=claim.pk).hold == "Three minutes"
    assert not Claim.objects.filter(source__slug=SOURCE_001, label="B52").exists()


def test_a_field_left_out_is_reset(db, fixture_copy):
    load_catalogue(fixture_copy)
    edit(fixture_copy, "points.json", lambda data: point_entry(data, "LI4").pop("cautions"))
    load_catalogue(fixture_copy)
    assert Point.objects.get(code="LI4").cautions == ""


def test_marks_are_loaded_and_replaced(db, fixture_copy):
    marks = {
        "BL23": [
            {"view": "back", "x": 93.0, "y": 212.0, "primary": True},
            {"view": "back", "x": 127.0, "y": 212.0, "primary": True},
        ],
        "BL40": [{"view": "leg-back", "x": 50.0, "y": 120.0, "primary": True}],
    }
    (fixture_copy / "catalogue" / "marks.json").write_text(json.dumps(marks))
    load_catalogue(fixture_copy)
    kept = Mark.objects.get(point__code="BL23", x=93.0)
    assert Mark.objects.count() == 3
    assert "0 created, 0 updated" in load_catalogue(fixture_copy)

    marks["BL23"] = [{"view": "back", "x": 93.0, "y": 212.0, "primary": False}]
    del marks["BL40"]
    (fixture_copy / "catalogue" / "marks.json").write_text(json.dumps(marks))
    summary = load_catalogue(fixture_copy)

    assert "1 updated" in summary and "2 removed" in summary
    assert list(Mark.objects.values_list("pk", "primary")) == [(kept.pk, False)]


def test_marks_for_an_unknown_point_fail(db, fixture_copy):
    marks = {"BL99": [{"view": "back", "x": 1.0, "y": 2.0, "primary": True}]}
    (fixture_copy / "catalogue" / "marks.json").write_text(json.dumps(marks))
    with pytest.raises(CatalogueError, match="BL99"):
        load_catalogue(fixture_copy)


def test_an_alias_shared_by_two_points_fails_and_loads_nothing(db, fixture_copy):
    def add_alias(data):
        point_entry(data, "BL23")["aliases"].append({"label": "HOKU", "kind": "name"})

    edit(fixture_copy, "points.json", add_alias)
    with pytest.raises(CatalogueError, match=r"'Hoku'.*ambiguous.*HOKU.*BL23"):
        load_catalogue(fixture_copy)
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_an_alias_that_is_another_points_code_fails(db, fixture_copy):
    def add_alias(data):
        point_entry(data, "LR3")["aliases"].append({"label": "Bl 40", "kind": "label"})

    edit(fixture_copy, "points.json", add_alias)
    with pytest.raises(CatalogueError, match=r"point LR3, alias 'Bl 40'.*standard code of BL40"):
        load_catalogue(fixture_copy)


def test_the_command_fails_clearly(db, fixture_copy):
    def add_alias(data):
        point_entry(data, "GB30")["aliases"].append({"label": "UB-40", "kind": "code"})

    edit(fixture_copy, "points.json", add_alias)
    with pytest.raises(CommandError, match="UB-40"):
        call_command("load_catalogue", fixtures=fixture_copy, verbosity=0)


def test_invalid_values_fail_naming_the_point(db, fixture_copy):
    edit(fixture_copy, "points.json", lambda data: point_entry(data, "SP6").update(hold_seconds=2))
    with pytest.raises(CatalogueError, match="point SP6: hold_seconds"):
        load_catalogue(fixture_copy)


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "points.json",
            lambda data: point_entry(data, "GV4").update(complaints=["back"]),
            "point GV4: unknown complaint",
        ),
        (
            "points.json",
            lambda data: point_entry(data, "GV4").update(colour="red"),
            r"point GV4: unknown field\(s\) colour",
        ),
        (
            "claims.json",
            lambda data: data[SOURCE_003][0].update(point="BL47"),
            "claim 'Bladder 60': unknown point BL47",
        ),
        (
            "claims.json",
            lambda data: data[SOURCE_003][0].update(verdict="maybe"),
            "claim 'Bladder 60': verdict",
        ),
    ],
)
def test_other_mistakes_fail_clearly(db, fixture_copy, name, change, message):
    edit(fixture_copy, name, change)
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(fixture_copy)
