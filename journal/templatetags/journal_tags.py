from django import template

register = template.Library()

MINUS = "\u2212"


@register.filter
def signed(value: float | int | None) -> str:
    """A change with its sign, as people read it: +2, −1.5, 0."""
    if value is None:
        return ""
    if value == int(value):
        value = int(value)
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"{MINUS}{-value}"
    return "0"


@register.filter
def points_change(value: float | int | None) -> str:
    """A change in words: "2 points lower", "1 point higher", "no change"."""
    if value is None:
        return ""
    if value == int(value):
        value = int(value)
    size = abs(value)
    unit = "point" if size == 1 else "points"
    if value < 0:
        return f"{size} {unit} lower"
    if value > 0:
        return f"{size} {unit} higher"
    return "no change"


@register.filter
def negate(value: float | int | None) -> float | int | None:
    return None if value is None else -value
