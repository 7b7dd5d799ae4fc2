"""Reminder settings, the devices that get notifications, and the email unsubscribe link."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from acupressure.htmx_errors import get_or_missing
from practice.models import PushSubscription, Reminder
from practice.reminders import webpush
from practice.reminders.devices import device_label
from practice.reminders.forms import ReminderForm, SubscriptionForm
from practice.reminders.sender import reminder_address
from practice.reminders.unsubscribe import BadToken, read_token
from routines.access import get_routine_for_user, routines_for_user
from routines.models import Routine

DEVICE_GONE = "that device is no longer on the list"


def subscriptions_for_user(user) -> QuerySet[PushSubscription]:
    if not user.is_authenticated:
        return PushSubscription.objects.none()
    return PushSubscription.objects.filter(owner=user)


def get_subscription_for_user(user, pk: int) -> PushSubscription:
    return get_or_missing(subscriptions_for_user(user), DEVICE_GONE, pk=pk)


def reminder_for(routine: Routine) -> Reminder:
    """The routine's reminder settings; a routine that never had any has them all off."""
    try:
        return routine.reminder
    except Reminder.DoesNotExist:
        return Reminder(routine=routine)


def _form(request: HttpRequest, reminder: Reminder, data=None) -> ReminderForm:
    return ReminderForm(
        data,
        instance=reminder,
        initial={"practice_time": reminder.routine.practice_time},
        prefix=f"r{reminder.routine_id}",
        email_possible=bool(reminder_address(request.user)),
        push_possible=webpush.is_configured(),
    )


def _page_context(request: HttpRequest, **extra) -> dict:
    return {
        "push_ready": webpush.is_configured(),
        "vapid_public_key": webpush.public_key(),
        "devices": list(subscriptions_for_user(request.user)),
        "email": reminder_address(request.user),
        **extra,
    }


@login_required
@require_GET
def reminders(request: HttpRequest) -> HttpResponse:
    routines = routines_for_user(request.user).filter(archived=False).select_related("reminder")
    forms = [_form(request, reminder_for(routine)) for routine in routines]
    return render(request, "practice/reminders.html", _page_context(request, forms=forms))


@login_required
@require_http_methods(["GET", "POST"])
def routine_reminder(request: HttpRequest, pk: int) -> HttpResponse:
    """One routine's reminder: the page, or on POST the saved form (the fragment for htmx)."""
    routine = get_routine_for_user(request.user, pk, Routine.objects.select_related("reminder"))
    reminder = reminder_for(routine)
    if request.method == "GET":
        form = _form(request, reminder)
        return render(request, "practice/routine_reminder.html", _page_context(request, form=form))
    form = _form(request, reminder, request.POST)
    saved = form.is_valid()
    if saved:
        with transaction.atomic():
            was_emailing = reminder.pk and Reminder.objects.get(pk=reminder.pk).by_email
            reminder = form.save(commit=False)
            if was_emailing and not reminder.by_email:
                # Old unsubscribe links stop working once email is off.
                reminder.email_epoch += 1
            reminder.save()
            routine.practice_time = form.cleaned_data["practice_time"]
            routine.save(update_fields=["practice_time", "updated"])
        form = _form(request, reminder)
        status = _summary(reminder) + "."
    else:
        status = "Not saved: see the messages beside the fields."
    if request.htmx:
        context = {"form": form, "status": status, "saved": saved}
        return render(request, "practice/reminders.html#reminder-form", context)
    if not saved:
        return render(
            request,
            "practice/routine_reminder.html",
            _page_context(request, form=form, status=status),
            status=400,
        )
    messages.success(request, status)
    return redirect(routine)


def _summary(reminder: Reminder) -> str:
    routine = reminder.routine
    if not reminder.enabled:
        return f"Reminders for “{routine.name}” are off"
    ways = [w for w, on in (("notification", reminder.by_push), ("email", reminder.by_email)) if on]
    text = f"“{routine.name}” reminds you at {routine.practice_time:%H:%M} by {' and '.join(ways)}"
    if reminder.nudge:
        text += f", and nudges gently at {reminder.nudge_time:%H:%M} if not done"
    return text


@login_required
@require_POST
def subscribe(request: HttpRequest) -> JsonResponse:
    """Store this browser's push subscription (sent by static/js/push.js)."""
    if not webpush.is_configured():
        return JsonResponse({"error": "Notifications are not set up on this server."}, status=409)
    try:
        body = json.loads(request.body)
        data = {
            "endpoint": body["endpoint"],
            "p256dh": body["keys"]["p256dh"],
            "auth": body["keys"]["auth"],
        }
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "That was not a push subscription."}, status=400)
    data["label"] = device_label(request.headers.get("User-Agent", ""))
    form = SubscriptionForm(data)
    if not form.is_valid():
        return JsonResponse({"error": "That was not a push subscription."}, status=400)
    # One row per browser: subscribing again, or as someone else on a shared phone, updates it.
    device, created = PushSubscription.objects.update_or_create(
        endpoint=form.cleaned_data["endpoint"],
        defaults={
            "owner": request.user,
            "p256dh": form.cleaned_data["p256dh"],
            "auth": form.cleaned_data["auth"],
            "label": form.cleaned_data["label"],
        },
    )
    return JsonResponse({"id": device.pk, "label": str(device)}, status=201 if created else 200)


@login_required
@require_POST
def remove_device(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_subscription_for_user(request.user, pk)
    device.delete()
    messages.success(request, f"{device} no longer gets reminders.")
    return redirect(reverse("reminders:list") + "#devices")


# Mail programs post here for one-click unsubscribe (RFC 8058) without a session or a CSRF
# token; the signed token is what authorises the change.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (link checkers open links), POST stops the emails for that routine."""
    try:
        claim = read_token(token)
    except BadToken:
        return _unsubscribe_page(request, "bad", status=400)
    reminder = (
        Reminder.objects.select_related("routine")
        .filter(routine_id=claim.routine_id, routine__owner_id=claim.user_id)
        .first()
    )
    if reminder is None:
        return _unsubscribe_page(request, "bad", status=400)
    if reminder.email_epoch != claim.epoch or not reminder.by_email:
        return _unsubscribe_page(request, "used", reminder=reminder, status=410)
    if request.method == "GET":
        return _unsubscribe_page(request, "ask", reminder=reminder, token=token)
    with transaction.atomic():
        # Counted against the row as it is now: two clicks at once stop it once.
        current = Reminder.objects.select_for_update().get(pk=reminder.pk)
        if current.email_epoch != claim.epoch or not current.by_email:
            return _unsubscribe_page(request, "used", reminder=current, status=410)
        current.stop_email()
        current.save(update_fields=["by_email", "enabled", "email_epoch", "updated"])
    return _unsubscribe_page(request, "done", reminder=current)


def _unsubscribe_page(request: HttpRequest, outcome: str, status: int = 200, **context):
    return render(
        request,
        "practice/unsubscribe.html",
        {"outcome": outcome, **context},
        status=status,
    )
