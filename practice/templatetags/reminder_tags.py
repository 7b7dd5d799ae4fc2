from django import template

from practice.models import Reminder

register = template.Library()


@register.inclusion_tag("practice/_reminder_summary.html")
def reminder_summary(routine) -> dict:
    """A line on the routine's page saying whether and when it reminds, with a link to change it."""
    reminder = Reminder.objects.filter(routine=routine).first()
    return {"routine": routine, "reminder": reminder if reminder and reminder.enabled else None}
