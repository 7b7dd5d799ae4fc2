"""Which points of a routine to flag for someone who is pregnant."""

from collections.abc import Iterable

from routines.models import Step


def avoided_codes(steps: Iterable[Step]) -> list[str]:
    """Codes of the points traditionally avoided in pregnancy, once each, in routine order."""
    codes: list[str] = []
    for step in steps:
        if step.point.avoid_in_pregnancy and step.point.code not in codes:
            codes.append(step.point.code)
    return codes
