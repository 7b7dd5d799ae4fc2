from django import template

from routines import describe

register = template.Library()


@register.filter
def schedule_text(routine) -> str:
    return describe.schedule_text(routine)


@register.filter
def side_text(step) -> str:
    return describe.side_text(step)


@register.filter
def step_text(step) -> str:
    return describe.step_text(step)


@register.filter
def side_short(step) -> str:
    return describe.side_short(step)
