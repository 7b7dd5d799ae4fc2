"""Safety wording for templates, from points/safety.py: `{% pregnancy_warning codes %}` (the
one pregnancy warning), `{{ point|pressure_advice }}`, `{% emergency_number %}`."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from points import safety
from points.models import Point

register = template.Library()


@register.simple_tag
def pregnancy_advice(count: int = 1) -> str:
    return safety.pregnancy_advice(count)


@register.simple_tag
def pregnancy_label() -> str:
    return safety.PREGNANCY_LABEL


@register.simple_tag
def pregnancy_source() -> str:
    return safety.PREGNANCY_SOURCE


@register.filter
def pressure_advice(point: Point) -> str:
    return safety.pressure_advice(point)


@register.simple_tag(takes_context=True)
def emergency_number(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return safety.DEFAULT_EMERGENCY_NUMBER
    return safety.emergency_number(user)


def _codes(items) -> list[str]:
    """Point codes from a code, a point, or a list of codes, points or routine steps."""
    if not items:
        return []
    if isinstance(items, str | Point):
        items = [items]
    codes = []
    for item in items:
        point = getattr(item, "point", item)
        code = getattr(point, "code", point)
        if code not in codes:
            codes.append(str(code))
    return codes


@register.simple_tag
def pregnancy_warning(items=None) -> str:
    """The one pregnancy warning: the label, the codes it concerns, the advice and a link."""
    codes = _codes(items)
    return format_html(
        '<strong>{label}{colon}{codes}.</strong> {advice} <a href="{url}#pregnancy">Why</a>',
        label=safety.PREGNANCY_LABEL,
        colon=": " if codes else "",
        codes=", ".join(codes),
        advice=safety.pregnancy_advice(max(len(codes), 1)),
        url=reverse("safety"),
    )
