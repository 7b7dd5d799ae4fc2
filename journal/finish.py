"""Closing a guided session with its pain score: one session, one journal entry, whatever happens.

A double click, two tabs or two devices may post the same finish at once. The practice row is
locked while the entry is written, and the entry's one-to-one link to the practice is unique, so
the second request finds the entry already there (or, failing that, hits the constraint) and is
told the score is already recorded.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from journal.forms import FinishForm, save_abilities
from journal.models import Entry
from journal.queries import entry_rows
from journal.safety import RECENT_DAYS, journal_advice
from practice.access import get_practice_for_user
from practice.models import Practice
from practice.sessions import PracticeClosed, finish

ALREADY_RECORDED = "This session's pain score is already in your journal."
LEFT_UNFINISHED = (
    "This session was left unfinished for more than a day, so a score now would not say how "
    "it went. Record how you feel today instead."
)


class AlreadyRecorded(Exception):
    pass


def has_entry(practice: Practice) -> bool:
    return Entry.objects.filter(practice=practice).exists()


def before_after_message(entry: Entry) -> str:
    if entry.pain_before is None:
        return f"Saved: pain {entry.pain_after} out of 10 after {entry.routine_name}."
    change = entry.change
    if change < 0:
        how = f"{-change} point{'s' if change != -1 else ''} lower"
    elif change > 0:
        how = f"{change} point{'s' if change != 1 else ''} higher"
    else:
        how = "no change"
    return f"Saved: pain {entry.pain_before} → {entry.pain_after} ({how})."


def record_finish(
    user, pk: int, data: dict, now: datetime.datetime, activities=(), scored=()
) -> Entry:
    """Finish the user's practice `pk` and write its entry, once.

    Raises AlreadyRecorded when the practice already has its entry, PracticeClosed when it was
    abandoned, and Http404 when it is not the user's. `scored` holds the (activity, score)
    pairs answered, of the user's `activities`.
    """
    try:
        with transaction.atomic():
            practice = get_practice_for_user(user, pk, for_update=True)
            if has_entry(practice):
                raise AlreadyRecorded
            if practice.state == Practice.State.ABANDONED:
                raise PracticeClosed(LEFT_UNFINISHED)
            if practice.state != Practice.State.FINISHED:
                finish(practice, now)
            pain_before = practice.pain_before
            if pain_before is None:
                pain_before = data.get("pain_before")
            entry = Entry.objects.create(
                user=user,
                practice=practice,
                routine_id=practice.routine_id,
                routine_name=practice.routine_name,
                recorded_at=now,
                pain_before=pain_before,
                pain_after=data["pain_after"],
                ran_to_end=not practice.ended_early,
                feel=data.get("feel") or "",
                areas=data.get("areas", 0),
                other_medicine=data.get("other_medicine", False),
                sleep=data.get("sleep"),
                note=data.get("note", ""),
            )
            entry.medicines.set(data.get("medicines", []))
            save_abilities(entry, activities, scored)
            return entry
    except IntegrityError:
        # Another request wrote this practice's entry between our check and our insert.
        raise AlreadyRecorded from None


@login_required
@require_http_methods(["GET", "POST"])
def finish_practice(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_practice_for_user(request.user, pk)
    if has_entry(practice):
        messages.info(request, ALREADY_RECORDED)
        return redirect("journal:list")
    if practice.state == Practice.State.ABANDONED:
        messages.warning(request, LEFT_UNFINISHED)
        return redirect("journal:new")

    ask_before = practice.pain_before is None
    data = request.POST if request.method == "POST" else None
    form = FinishForm(data, user=request.user, ask_before=ask_before)
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        try:
            entry = record_finish(
                request.user, pk, form.cleaned_data, now, form.activities, form.abilities()
            )
        except AlreadyRecorded:
            messages.info(request, ALREADY_RECORDED)
            return redirect("journal:list")
        except PracticeClosed as closed:
            messages.warning(request, closed.message)
            return redirect("journal:new")
        messages.success(request, before_after_message(entry))
        rows = entry_rows(request.user, since=now - datetime.timedelta(days=RECENT_DAYS))
        if journal_advice(rows, now) is not None:
            messages.warning(
                request,
                "Your recent scores suggest easing the pressure or stopping: read the advice "
                "below before your next session.",
            )
        return redirect(reverse("journal:list"))

    return render(
        request,
        "journal/finish.html",
        {"practice": practice, "form": form, "ask_before": ask_before},
    )
