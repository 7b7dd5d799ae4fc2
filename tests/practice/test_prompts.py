"""The session's spoken prompts and sounds, for every kind of change."""

from practice import prompts


def phase(step, kind, side, seconds=60, **extra):
    return {
        "step": step,
        "kind": kind,
        "side": side,
        "seconds": seconds,
        "code": extra.get("code", "BL40"),
        "pinyin": extra.get("pinyin", "Weizhong"),
        "place": extra.get("place", "behind the knee"),
        "repetition": extra.get("repetition", 1),
    }


TWO_POINTS = [
    phase(1, "ready", "left", 5),
    phase(1, "press", "left", 60),
    phase(1, "press", "right", 60),
    phase(
        2, "ready", "midline", 5, code="GV4", pinyin="Mingmen", place="on the spine at waist level"
    ),
    phase(
        2, "press", "midline", 20, code="GV4", pinyin="Mingmen", place="on the spine at waist level"
    ),
]


def test_a_session_says_each_change_in_order():
    said = [cue["say"] for cue in prompts.session_cues(TWO_POINTS)]
    assert said == [
        ["Next: BL40, Weizhong, behind the knee — both sides, left first"],
        ["Press now, left side, one minute"],
        ["Right side"],
        ["Next: GV4, Mingmen, on the spine at waist level"],
        ["Press now, 20 seconds"],
        ["Session complete"],
    ]


def test_each_kind_of_change_has_its_own_sound():
    sounds = [cue["sound"] for cue in prompts.session_cues(TWO_POINTS)]
    assert sounds == ["next", "press", "side", "next", "press", "end"]


def test_ten_seconds_left_only_on_holds_of_30_seconds_or_more():
    warns = [cue["warn"] for cue in prompts.session_cues(TWO_POINTS)]
    assert warns == [False, True, True, False, False, False]
    assert prompts.cue([phase(1, "press", "left", 30)], 0)["warn"] is True
    assert prompts.cue([phase(1, "press", "left", 29)], 0)["warn"] is False


def test_without_a_lead_in_the_new_point_and_the_press_are_said_together():
    phases = [phase(1, "press", "right", 45), phase(2, "press", "left", 90, code="GB30")]
    first, second, end = prompts.session_cues(phases)
    assert first["say"] == [
        "Next: BL40, Weizhong, behind the knee — right side",
        "Press now, right side, 45 seconds",
    ]
    assert second["say"][1] == "Press now, left side, one minute 30 seconds"
    assert first["sound"] == second["sound"] == "next"


def test_a_second_round_on_one_side_says_press_again():
    phases = [phase(1, "press", "left", 30), phase(1, "press", "left", 30, repetition=2)]
    assert prompts.cue(phases, 1) == {
        "say": ["Press now, left side, 30 seconds"],
        "sound": "press",
        "warn": True,
    }


def test_a_point_without_a_spoken_place_still_gets_its_names():
    phases = [phase(1, "ready", "left", 5, place=""), phase(1, "press", "left", place="")]
    assert prompts.cue(phases, 0)["say"] == ["Next: BL40, Weizhong — left side"]


def test_durations_are_said_in_words():
    assert [prompts.duration(s) for s in (5, 60, 61, 120, 150, 600)] == [
        "5 seconds",
        "one minute",
        "one minute 1 second",
        "two minutes",
        "two minutes 30 seconds",
        "ten minutes",
    ]
