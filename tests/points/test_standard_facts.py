"""The catalogue against facts of the standard (WHO 2008 locations, ../shared/reference/points.md).

Each test states a fact of the standard and checks that the point's text and its diagram mark
both agree with it. Diagram geometry is as drawn (the landmarks each view puts at a height).
"""

import re

import pytest

from points.models import Mark, Point

pytestmark = pytest.mark.django_db

# The back of the leg as drawn: knee crease and outer ankle bone (16 cun apart).
LEG_BACK_KNEE_CREASE_Y = 160
LEG_BACK_MALLEOLUS_Y = 318
# The inner side of the leg as drawn: the inner ankle bone, and 10 units to the cun.
LEG_INNER_MALLEOLUS_Y = 306
LEG_INNER_UNITS_PER_CUN = 10
# The inner side of the foot as drawn: the head of the 1st metatarsal (ball of the foot) and
# its base, along the bone's length (toes on the left).
FOOT_INNER_HEAD_X, FOOT_INNER_HEAD_RX = 57, 7.5
FOOT_INNER_BASE_X, FOOT_INNER_BASE_RX = 114, 5
# The top of the foot as drawn: the web of the first two toes, the 1st and 2nd metatarsal
# heads and where their bases meet.
FOOT_TOP_WEB_Y = 65
FOOT_TOP_HEADS_Y = 80
FOOT_TOP_BASES_Y = 145


def mark(code: str, view: str) -> Mark:
    return Mark.objects.get(point__code=code, view=view, primary=True)


def text(point: Point) -> str:
    return f"{point.location}\n{point.how_to_find}".lower()


def test_bl57_lies_8_cun_below_bl40_in_text_and_diagram(catalogue):
    cun = (LEG_BACK_MALLEOLUS_Y - LEG_BACK_KNEE_CREASE_Y) / 16
    below = (mark("BL57", "leg-back").y - mark("BL40", "leg-back").y) / cun
    assert below == pytest.approx(8, abs=0.5)
    point = Point.objects.get(code="BL57")
    # Halfway between the knee crease and the ankle (8 of 16 cun), not the heel.
    assert "8 cun" in point.location and "knee crease" in point.location
    assert "ankle" in point.location
    assert "halfway between the knee crease and the heel" not in text(point)


def test_sp6_is_3_cun_above_the_prominence_of_the_inner_ankle_bone(catalogue):
    above = (LEG_INNER_MALLEOLUS_Y - mark("SP6", "leg-inner").y) / LEG_INNER_UNITS_PER_CUN
    assert above == pytest.approx(3, abs=0.3)
    point = Point.objects.get(code="SP6")
    # One start point throughout: the prominence, never "tip" or "top" of the bone.
    assert "prominence" in point.location
    steps = point.how_to_find_steps()
    assert any("prominence" in step for step in steps[:2])
    assert not re.search(r"\b(tip|top) of the (inner )?ankle", text(point))
    # Four fingers measure 3 cun only when they lie across the leg, stacked up it.
    measuring = next(step for step in steps if "four finger" in step)
    assert "across the leg" in measuring and "3 cun" in measuring
    assert "pointing up the leg" not in text(point)
    assert "back edge of the shin bone" in point.location


def test_cv6_is_two_finger_widths_below_the_navel(catalogue):
    point = Point.objects.get(code="CV6")
    assert "1.5 cun" in point.location and "two finger-widths" in point.location
    placing = next(step for step in point.how_to_find_steps() if "navel" in step)
    # Which edge of which finger goes where, so the two widths are measured once.
    assert "upper edge of the index finger" in placing
    finding = next(step for step in point.how_to_find_steps() if "lower edge" in step)
    assert "middle finger" in finding and "1.5 cun" in finding
    assert "three finger" not in text(point)


def test_te3_is_just_behind_the_knuckles(catalogue):
    point = Point.objects.get(code="TE3")
    assert "just behind" in point.location and "knuckles" in point.location
    # A thumb-width (1 cun) from the knuckles overshoots along the bones.
    assert "thumb-width" not in text(point)
    assert "less than a finger-width" in point.how_to_find


def test_sp3_behind_the_head_and_sp4_before_the_base_of_the_first_metatarsal(catalogue):
    sp3, sp4 = mark("SP3", "foot-inner"), mark("SP4", "foot-inner")
    head_back = FOOT_INNER_HEAD_X + FOOT_INNER_HEAD_RX
    assert head_back < sp3.x < head_back + 2 * FOOT_INNER_HEAD_RX
    assert FOOT_INNER_BASE_X - 3 * FOOT_INNER_BASE_RX < sp4.x < FOOT_INNER_BASE_X
    # So they are the shaft's length apart (about two thumb-widths), not one thumb-width.
    sp4_text = text(Point.objects.get(code="SP4"))
    assert "two thumb-widths" in sp4_text and "base" in sp4_text
    assert "about a thumb-width" not in sp4_text


def test_lr3_is_where_the_metatarsal_bases_meet_not_at_the_web(catalogue):
    lr2, lr3 = mark("LR2", "foot-top"), mark("LR3", "foot-top")
    assert lr2.y == pytest.approx(FOOT_TOP_WEB_Y, abs=3)
    # Closer to the bases than to the metatarsal heads: well up from the web.
    assert abs(lr3.y - FOOT_TOP_BASES_Y) < abs(lr3.y - FOOT_TOP_HEADS_Y)
    assert lr3.y < FOOT_TOP_BASES_Y
    steps = text(Point.objects.get(code="LR3"))
    assert "bones meet" in steps and "three to four finger-widths" in steps
    assert "about two finger-widths" not in steps


def test_bl40_tibial_nerve_is_superficial_and_popliteal_artery_deepest(catalogue):
    cautions = Point.objects.get(code="BL40").cautions
    assert re.search(r"tibial nerve [^.:]*just under the skin", cautions)
    assert re.search(r"popliteal artery deepest", cautions)
    assert not re.search(r"artery[^.:]*just under the skin", cautions)
