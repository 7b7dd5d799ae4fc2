"""Finding points by what people type: a standard code, an older code, a name or the pinyin."""

from django.db.models import Q, QuerySet

from points.models import Alias, Point, normalise_label


def resolve_label(label: str) -> Point | None:
    """The one point a label names exactly (standard code first, then any alias), or None."""
    key = normalise_label(label)
    if not key:
        return None
    point = Point.objects.filter(code=key).first()
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
    condition = (
        Q(name__icontains=query)
        | Q(pinyin__icontains=query)
        | Q(summary__icontains=query)
        | Q(aliases__label__icontains=query)
    )
    if key:
        condition |= Q(code__startswith=key) | Q(aliases__key__startswith=key)
    return points.filter(pk__in=Point.objects.filter(condition).values("pk"))
