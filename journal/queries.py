"""Every read of a person's journal goes through here, scoped to its owner."""

import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from journal.models import Entry
from journal.trends import Row


def entries_for_user(user) -> QuerySet[Entry]:
    return Entry.objects.filter(user=user)


def get_entry_for_user(user, pk: int) -> Entry:
    """The user's own entry, or 404: other people's entries do not exist for them."""
    return get_object_or_404(entries_for_user(user), pk=pk)


def entry_rows(user, since: datetime.datetime | None = None) -> list[Row]:
    """The user's entries (from `since`, if given) oldest first, in one query."""
    entries = entries_for_user(user)
    if since is not None:
        entries = entries.filter(recorded_at__gte=since)
    # Converted to local time once here, so the many local_date() calls after this one take
    # astimezone()'s shortcut for a datetime already in the zone asked for.
    zone = timezone.get_current_timezone()
    values = entries.order_by("recorded_at", "id").values_list(*Row._fields)
    return [Row(recorded_at.astimezone(zone), *rest) for recorded_at, *rest in values]
