"""The app's safety wording, kept in one place so that every page says the same thing.

Pregnancy: traditional practice avoids some points; a review of the trials found no objective
harm (Carr, Acupuncture in Medicine 2015), so the app warns rather than forbids, with one piece
of advice everywhere.
"""

from acupressure.models import DEFAULT_EMERGENCY_NUMBER
from points.models import Point

PREGNANCY_SOURCE = "Carr, Acupuncture in Medicine 2015"
PREGNANCY_LABEL = "Traditionally avoided in pregnancy"


def pregnancy_advice(count: int = 1) -> str:
    """What to do about `count` points traditionally avoided in pregnancy."""
    it, verb = ("it", "it is") if count == 1 else ("them", "they are")
    return (
        f"If you are or may be pregnant, leave {it} out unless your midwife or doctor "
        f"has said {verb} fine for you."
    )


# What each pressure asks for, said the same way on the point page and in the player.
PRESSURE_ADVICE = {
    Point.Pressure.GENTLE: (
        "Gentle only: a light, steady touch, never firm. Ease off if it shoots, burns or tingles."
    ),
    Point.Pressure.MODERATE: (
        "Moderate: build up slowly to a steady, dull ache, never sharp. Ease off if it "
        "shoots, burns or spreads."
    ),
    Point.Pressure.FIRM: (
        "Firm, built up slowly over a few breaths, but never sharp: ease off if it shoots, "
        "burns or spreads."
    ),
}


def pressure_advice(point: Point) -> str:
    return PRESSURE_ADVICE[Point.Pressure(point.pressure)]


def emergency_number(user) -> str:
    """The number the red flags tell someone to call: their own setting, or the UK's."""
    number = getattr(user, "emergency_number", "") if user.is_authenticated else ""
    return number or DEFAULT_EMERGENCY_NUMBER
