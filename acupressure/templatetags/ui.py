from django import template

register = template.Library()


@register.filter
def duration(seconds: int | float | None) -> str:
    """Seconds as people say them: 45 s, 2 min, 1 min 30 s, 1 h 5 min."""
    if seconds is None:
        return ""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)
