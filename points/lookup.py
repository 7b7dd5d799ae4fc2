"""Finding points by what people type: a standard code, an older code, a name or the pinyin."""

import re

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from points.models import Alias, LabelNote, Point, normalise_label


def resolve_label(label: str) -> Point | None:
    """The one point a label names exactly (standard code first, then any alias), or None."""
    key = normalise_label(label)
    if not key:
        return None
    # Codes compare as labels do: "ex-hn3" and "EXHN3" both name EX-HN3, "anmian" Anmian.
    point = (
        Point.objects.annotate(key=Upper(Replace("code", Value("-"), Value(""))))
        .filter(key=key)
        .first()
    )
    if point is not None:
        return point
    alias = Alias.objects.select_related("point").filter(key=key).first()
    return alias.point if alias else None


def search(query: str, points: QuerySet[Point] | None = None) -> QuerySet[Point]:
    """Points matching a query by code, alias or name; an exact code or alias match ranks alone."""
    points = Point.objects.all() if points is None else points
    query = query.strip()
    if not query:
        return points
    exact = resolve_label(query)
    if exact is not None:
        return points.filter(pk=exact.pk)
    key = normalise_label(query)
    # A complaint typed in the box ("sciatica", "knee") finds every point tagged with it, as the
    # complaint filter does, not only those whose summary happens to mention it.
    condition = (
        Q(name__icontains=query)
        | Q(pinyin__icontains=query)
        | Q(summary__icontains=query)
        | Q(aliases__label__icontains=query)
        | Q(complaints__name__icontains=query)
    )
    if key:
        condition |= Q(code__startswith=key) | Q(aliases__key__startswith=key)
    return points.filter(pk__in=Point.objects.filter(condition).values("pk"))


def label_note(label: str) -> LabelNote | None:
    """The explanation of a label the articles use that names no point ("Ling Gu"), or None."""
    key = normalise_label(label)
    if not key:
        return None
    return LabelNote.objects.select_related("point").filter(key=key).first()


def narrow(
    points: QuerySet[Point],
    *,
    region: str = "",
    complaint: str = "",
    reach_alone: bool = False,
    pregnancy_safe: bool = False,
) -> QuerySet[Point]:
    """The catalogue's filters: a region, a complaint's slug, reachable alone, pregnancy-safe."""
    if region:
        points = points.filter(region=region)
    if complaint:
        points = points.filter(complaints__slug=complaint)
    if reach_alone:
        points = points.exclude(reach=Point.Reach.HELPER)
    if pregnancy_safe:
        points = points.filter(avoid_in_pregnancy=False)
    return points


# Older channel prefixes people still type, mapped to the WHO ones (see the naming rules).
OLD_PREFIXES = {
    "UB": "BL",
    "B": "BL",
    "LV": "LR",
    "LIV": "LR",
    "TW": "TE",
    "SJ": "TE",
    "DU": "GV",
    "REN": "CV",
    "G": "GB",
}


def channel_of(label: str) -> str | None:
    """The WHO channel a label's letters point to ("ub99" → "BL"), or None."""
    match = re.match(r"[A-Z]+", normalise_label(label))
    if not match:
        return None
    letters = OLD_PREFIXES.get(match.group(), match.group())
    return letters if letters in Point.Channel.values else None


def suggestions(label: str, limit: int = 8) -> list[Point]:
    """Points someone typing an unknown label may have meant: matches first, then its channel."""
    found = list(search(label).order_by("channel", "number")[:limit]) if label.strip() else []
    if found:
        return found
    channel = channel_of(label)
    if channel is None:
        return []
    return list(Point.objects.filter(channel=channel).order_by("number")[:limit])
