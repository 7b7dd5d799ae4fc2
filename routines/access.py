"""Finding routines: a person's own (anyone else's answers 404) and the shared starters.

Every view reaches a user's routines and steps through these helpers, so no view has to
remember to filter by owner.
"""

from django.db.models import Prefetch, QuerySet

from acupressure.htmx_errors import Missing, get_or_missing
from routines.models import Routine, Step

# What a 404 says to an htmx request (acupressure/htmx_errors.py).
ROUTINE_GONE = "the routine no longer exists"
STEP_GONE = "the step no longer exists"
STARTER_GONE = "there is no such starter routine"


def routines_for_user(user) -> QuerySet[Routine]:
    if not user.is_authenticated:
        return Routine.objects.none()
    return Routine.objects.filter(owner=user)


def get_routine_for_user(user, pk: int, queryset: QuerySet[Routine] | None = None) -> Routine:
    """The user's routine with this id, or 404 (for someone else's as for a missing one)."""
    if not user.is_authenticated:
        raise Missing(ROUTINE_GONE)
    routines = Routine.objects.all() if queryset is None else queryset
    return get_or_missing(routines, ROUTINE_GONE, owner=user, pk=pk)


def get_step_for_user(user, routine: Routine, step_pk: int) -> Step:
    """A step of the user's routine, or 404 when the step is in another routine or gone."""
    if routine.owner_id is None or routine.owner_id != user.pk:
        raise Missing(STEP_GONE)
    return get_or_missing(
        Step.objects.select_related("point"), STEP_GONE, routine=routine, pk=step_pk
    )


def starter_routines() -> QuerySet[Routine]:
    return Routine.objects.filter(owner__isnull=True)


def get_starter(slug: str, queryset: QuerySet[Routine] | None = None) -> Routine:
    routines = starter_routines() if queryset is None else queryset.filter(owner__isnull=True)
    return get_or_missing(routines, STARTER_GONE, slug=slug)


def active_routines(user) -> QuerySet[Routine]:
    """The user's own routines that are not archived, with their steps and points."""
    return (
        routines_for_user(user)
        .filter(archived=False)
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("point")))
    )
