"""The one way to reach a person's sessions: owner-scoped querysets and getters."""

from django.db.models import QuerySet

from acupressure.htmx_errors import Missing, get_or_missing
from practice.models import Practice


def practices_for_user(user) -> QuerySet[Practice]:
    if not user.is_authenticated:
        return Practice.objects.none()
    return Practice.objects.filter(owner=user)


GONE = "the session no longer exists"


def get_practice_for_user(user, pk: int, *, for_update: bool = False) -> Practice:
    """The user's session with this id, or 404 (for someone else's as for a missing one).

    With ``for_update`` the row stays locked until the surrounding transaction ends.
    """
    if not user.is_authenticated:
        raise Missing(GONE)
    practices = practices_for_user(user)
    if for_update:
        practices = practices.select_for_update()
    return get_or_missing(practices, GONE, pk=pk)


def unfinished_for_user(user) -> QuerySet[Practice]:
    return practices_for_user(user).exclude(state=Practice.State.FINISHED)
