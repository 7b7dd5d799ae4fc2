"""What the guided session says and which sound it plays at each change, worked out for the
whole session at once so that the phone can go on without the server (static/js/player.js).

    Next: BL40, Weizhong, behind the knee — both sides, left first
    Press now, left side, one minute
    Right side
    Ten seconds left            (holds of 30 s or more)
    Session complete

Sounds: "next" before a new point, "press" when pressing starts, "side" at a change of side,
"end" when the session is complete.
"""

from practice.sessions import PRESS, READY
from routines.describe import side_words

COMPLETE = "Session complete"
TEN_SECONDS = "Ten seconds left"
# A hold this long or longer gets the ten-seconds warning.
WARN_FROM_SECONDS = 30
NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def duration(seconds: int) -> str:
    """A hold as it is said: "45 seconds", "one minute", "two minutes 30 seconds"."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        count = NUMBERS[minutes] if minutes < len(NUMBERS) else str(minutes)
        parts.append(f"{count} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _step_sides(phases: list[dict], step: int) -> list[str]:
    return list(
        dict.fromkeys(p["side"] for p in phases if p["step"] == step and p["kind"] == PRESS)
    )


def _which_sides(sides: list[str]) -> str:
    if sides == ["midline"] or not sides:
        return ""
    if len(sides) > 1:
        return f"both sides, {sides[0]} first"
    return side_words(sides[0]).pressing.lower()


def next_point(phase: dict, phases: list[dict]) -> str:
    words = [phase["code"], phase["pinyin"]]
    if phase.get("place"):
        words.append(phase["place"])
    text = "Next: " + ", ".join(words)
    sides = _which_sides(_step_sides(phases, phase["step"]))
    return f"{text} — {sides}" if sides else text


def press_now(phase: dict) -> str:
    words = ["Press now"]
    if phase["side"] != "midline":
        words.append(side_words(phase["side"]).pressing.lower())
    words.append(duration(phase["seconds"]))
    return ", ".join(words)


def cue(phases: list[dict], index: int) -> dict:
    """What to say and play when phase ``index`` starts (``len(phases)``: the end)."""
    if index >= len(phases):
        return {"say": [COMPLETE], "sound": "end", "warn": False}
    phase = phases[index]
    before = phases[index - 1] if index > 0 else None
    new_point = before is None or before["step"] != phase["step"]
    if phase["kind"] == READY:
        return {"say": [next_point(phase, phases)], "sound": "next", "warn": False}
    warn = phase["seconds"] >= WARN_FROM_SECONDS
    if new_point:
        say = [next_point(phase, phases), press_now(phase)]
        return {"say": say, "sound": "next", "warn": warn}
    if before["kind"] == PRESS and before["side"] != phase["side"]:
        return {"say": [side_words(phase["side"]).pressing], "sound": "side", "warn": warn}
    return {"say": [press_now(phase)], "sound": "press", "warn": warn}


def session_cues(phases: list[dict]) -> list[dict]:
    """One cue per phase, then the end's."""
    return [cue(phases, index) for index in range(len(phases) + 1)]
