"""Where it hurts: the body map's areas, stored as the bits of one small integer.

One column keeps an entry one row (the journal reads thousands of them in a query), and a
CheckConstraint on its upper bound keeps anything that is not an area out of the database.

The three areas the journal had before the map (lower back, buttock or hip, leg, with no side)
keep bits of their own: entries recorded then say only that much, and the map must not claim a
side or a place below the knee that nobody recorded.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    code: str
    bit: int
    label: str  # what the text list and the entry say
    side: str  # "left", "right", "centre" or "" for the areas from before the map
    region: str  # the row of the map it sits on
    current: bool = True  # False: kept for old entries, not offered on the map


# The person's own left and right: the map is drawn from behind, as they would point to it.
AREAS = [
    Area("back-left", 1 << 0, "Lower back, left", "left", "back"),
    Area("back-centre", 1 << 1, "Lower back, centre", "centre", "back"),
    Area("back-right", 1 << 2, "Lower back, right", "right", "back"),
    Area("hip-left", 1 << 3, "Buttock or hip, left", "left", "hip"),
    Area("hip-right", 1 << 4, "Buttock or hip, right", "right", "hip"),
    Area("thigh-left", 1 << 5, "Thigh, left", "left", "thigh"),
    Area("thigh-right", 1 << 6, "Thigh, right", "right", "thigh"),
    Area("below-knee-left", 1 << 7, "Below the knee, left", "left", "calf"),
    Area("below-knee-right", 1 << 8, "Below the knee, right", "right", "calf"),
    Area("foot-left", 1 << 9, "Foot, left", "left", "foot"),
    Area("foot-right", 1 << 10, "Foot, right", "right", "foot"),
    Area("lower-back", 1 << 11, "Lower back (side not recorded)", "", "back", current=False),
    Area("buttock-or-hip", 1 << 12, "Buttock or hip (side not recorded)", "", "hip", False),
    Area("leg", 1 << 13, "Leg or sciatica (where not recorded)", "", "thigh", current=False),
]
BY_CODE = {area.code: area for area in AREAS}
ALL_BITS = sum(area.bit for area in AREAS)
LIMIT = 1 << len(AREAS)  # every stored value is below this
REGIONS = [
    ("back", "Lower back"),
    ("hip", "Buttock or hip"),
    ("thigh", "Thigh"),
    ("calf", "Below the knee"),
    ("foot", "Foot"),
]
# The old tick-boxes and the bits they became (journal migration 0003).
LEGACY = {"area_lower_back": "lower-back", "area_hip": "buttock-or-hip", "area_leg": "leg"}


def to_bits(codes) -> int:
    """The stored value of a list of area codes; unknown codes raise KeyError."""
    bits = 0
    for code in codes:
        bits |= BY_CODE[code].bit
    return bits


def to_codes(bits: int) -> list[str]:
    """The area codes of a stored value, in the map's order."""
    return [area.code for area in AREAS if bits & area.bit]


def labels(bits: int) -> list[str]:
    return [area.label for area in AREAS if bits & area.bit]


def below_the_knee(bits: int) -> bool:
    """Pain reaching below the knee: the sign that changes the advice for sciatica."""
    return any(bits & area.bit for area in AREAS if area.region in ("calf", "foot"))


# The area names of version 1 of the account export, read back by journal.account_import.
LEGACY_NAMES = {"lower back": "lower-back", "hip": "buttock-or-hip", "leg": "leg"}
