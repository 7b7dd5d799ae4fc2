import json
from pathlib import Path

from points.lookup import resolve_label, search
from points.models import Alias, Point, normalise_label

POINTS_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "catalogue" / "points.json"

RESOLVES = [
    ("B23", "BL23"),
    ("B47", "BL52"),
    ("B52", "BL52"),
    ("B48", "BL53"),
    ("B53", "BL39"),
    ("B54", "BL40"),
    ("UB40", "BL40"),
    ("UB 40", "BL40"),
    ("UB57", "BL57"),
    ("LV3", "LR3"),
    ("LV 3", "LR3"),
    ("LIV3", "LR3"),
    ("G30", "GB30"),
    ("B60", "BL60"),
    ("Bladder 60", "BL60"),
    ("Bladder 23", "BL23"),
    ("Bladder 48", "BL53"),
    ("Bladder 54", "BL40"),
    ("TW3", "TE3"),
    ("SJ3", "TE3"),
    ("Small Intestine 11", "SI11"),
    ("CV 6", "CV6"),
    ("LI 4", "LI4"),
    ("Sea of Energy", "CV6"),
    ("Sea of Qi", "CV6"),
    ("Kidney Shu", "BL23"),
    ("Sea of Vitality", "BL52"),
    ("Will Chamber", "BL52"),
    ("Bladder Vitals", "BL53"),
    ("Womb and Vitals", "BL53"),
    ("Hoku", "LI4"),
    ("Joining Valley", "LI4"),
    ("Kunlun Mountains", "BL60"),
    ("Middle of the Crook", "BL40"),
    ("Middle Crook", "BL40"),
    ("Outside of the Crook", "BL39"),
    ("Great Surge", "LR3"),
    ("Celestial Gathering", "SI11"),
    ("Gate of Life", "GV4"),
    ("Jumping Round", "GB30"),
    ("Yang Mound Spring", "GB34"),
    ("Mountain Support", "BL57"),
    ("Wrist Bone", "SI4"),
    ("Central Islet", "TE3"),
    ("Moving Between", "LR2"),
    ("H point", "LR2"),
    ("Supreme White", "SP3"),
    ("Yellow Emperor", "SP4"),
    ("weizhong", "BL40"),
    ("Qihai", "CV6"),
    ("Shenshu", "BL23"),
    ("Huantiao", "GB30"),
    ("Taichong", "LR3"),
    ("Hegu", "LI4"),
    ("Sanyinjiao", "SP6"),
    ("Shenmen", "HT7"),
    ("Yintang", "EX-HN3"),
    ("EX-HN3", "EX-HN3"),
]

# Labels the articles misuse: they must not quietly find a point.
UNRESOLVED = ["Ling Gu", "Control Vessel 4", "Triple Energizer", "BL47", "H"]


def test_labels_resolve_to_their_point(catalogue):
    found = {label: getattr(resolve_label(label), "code", None) for label, _ in RESOLVES}
    assert found == dict(RESOLVES)


def test_misused_labels_do_not_resolve(catalogue):
    assert {label: resolve_label(label) for label in UNRESOLVED} == dict.fromkeys(UNRESOLVED)


def test_search_by_alias_finds_only_that_point(catalogue):
    cases = {"ub40": ["BL40"], "hoku": ["LI4"], "B54": ["BL40"], "Kidney Shu": ["BL23"]}
    assert {query: list(search(query).values_list("code", flat=True)) for query in cases} == cases


def test_middle_crook_is_not_an_alias_of_lr3(catalogue):
    assert not Alias.objects.filter(point__code="LR3", key__contains="CROOK").exists()


def test_no_old_bladder_number_is_stored_as_a_code(catalogue):
    assert not Point.objects.filter(code__in=["BL47", "BL48", "BL54"]).exists()


def test_no_alias_collides_with_another_points_code(catalogue):
    codes = {normalise_label(code): code for code in Point.objects.values_list("code", flat=True)}
    for alias in Alias.objects.select_related("point"):
        assert alias.key == normalise_label(alias.label)
        assert codes.get(alias.key, alias.point.code) == alias.point.code, alias.label


def test_fixture_alias_keys_are_unique():
    # Read the file itself: the database would only keep the last of two equal keys.
    points = json.loads(POINTS_FIXTURE.read_text())
    keys = [normalise_label(alias["label"]) for point in points for alias in point["aliases"]]
    assert len(keys) > 100
    assert len(keys) == len(set(keys))


def test_each_point_is_findable_by_its_pinyin(catalogue):
    for point in Point.objects.all():
        assert resolve_label(point.pinyin) == point, point.code
