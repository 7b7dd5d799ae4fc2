import math
from importlib import import_module
from urllib.parse import urlencode

from axes.models import AccessFailureLog, AccessLog
from axes.utils import reset as reset_login_failures
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import (
    PasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetView,
)
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from acupressure import email_verification, ratelimit
from acupressure.forms import (
    ConfirmedAddressPasswordResetForm,
    DeleteAccountForm,
    SettingsForm,
    SignupForm,
    ThrottledPasswordChangeForm,
)
from acupressure.models import User

# Signup logs the new person in without authenticating them, so it names the backend.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


# What the page says when a client has done something too often (acupressure/ratelimit.py).
RATE_LIMITED = {
    "signup": {
        "heading": "Too many new accounts from here",
        "explanation": (
            "Only {limit} accounts can be made from one internet connection in an hour, "
            "to keep out automated sign-ups. Nothing was created this time."
        ),
    },
    "signup_names": {
        "heading": "Too many sign-up attempts from here",
        "explanation": (
            "Sign-ups from this internet connection asked for too many names that were "
            "already taken, so sign-up is paused here for a while. Nothing was created."
        ),
    },
    "confirmation": {
        "heading": "Too many confirmation emails asked for",
        "explanation": (
            "Only {limit} confirmation emails can be sent to one account in an hour. "
            "No email was sent this time: look for the earlier ones in your inbox."
        ),
    },
    "password_reset": {
        "heading": "Too many reset emails asked for",
        "explanation": (
            "Only {limit} password-reset emails can be asked for from one internet connection "
            "in an hour, so that nobody can flood an inbox. No email was sent this time."
        ),
    },
}


def rate_limited(
    request: HttpRequest, action: str, rate: ratelimit.Rate, verdict: ratelimit.Verdict
) -> HttpResponse:
    text = RATE_LIMITED[action]
    context = {
        "action": action,
        "heading": text["heading"],
        "explanation": text["explanation"].format(limit=rate.limit),
        "minutes": math.ceil(verdict.retry_after / 60),
    }
    response = render(request, "registration/rate_limited.html", context, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def within_rate(request: HttpRequest, rate: ratelimit.Rate) -> ratelimit.Verdict:
    return ratelimit.hit(rate, ratelimit.client_key(request))


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    if request.method == "POST":
        # Refused before the form is checked, so that the refusal says nothing of the name.
        names = ratelimit.peek(ratelimit.NAME_CHECKS, ratelimit.client_key(request))
        if not names.allowed:
            return rate_limited(request, "signup_names", ratelimit.NAME_CHECKS, names)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Only accounts that would be made count: a mistyped form costs nothing.
        verdict = within_rate(request, ratelimit.SIGNUPS)
        if not verdict.allowed:
            return rate_limited(request, "signup", ratelimit.SIGNUPS, verdict)
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Someone took the name between the form's check and the insert.
            form.add_error("username", User._meta.get_field("username").error_messages["unique"])
        else:
            login(request, user, backend=MODEL_BACKEND)
            if user.email:
                email_verification.send_link(request, user)
            messages.success(
                request,
                f"Welcome, {user.username}! Start with a ready-made routine or build your own.",
            )
            return redirect("today")
    if form.has_error("username", "unique"):
        within_rate(request, ratelimit.NAME_CHECKS)
    return render(request, "registration/signup.html", {"form": form})


def forget_on_this_device(response: HttpResponse) -> HttpResponse:
    """Ask the browser to drop what it cached of the account's pages (the service worker
    empties its own private cache as the request goes by)."""
    response["Clear-Site-Data"] = '"cache"'
    return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are logged out.")
    return forget_on_this_device(redirect("home"))


class ThrottledPasswordChangeView(PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, with a cap on the emails one client can have sent."""

    form_class = ConfirmedAddressPasswordResetForm

    def form_valid(self, form) -> HttpResponse:
        verdict = within_rate(self.request, ratelimit.PASSWORD_RESETS)
        if not verdict.allowed:
            return rate_limited(self.request, "password_reset", ratelimit.PASSWORD_RESETS, verdict)
        return super().form_valid(form)


class UnlockingPasswordResetConfirmView(PasswordResetConfirmView):
    """Setting a new password from the emailed link also lifts a lockout on the account.

    The lockout page sends people here; without this they would have a new password and
    still be refused for the rest of the cool-off.
    """

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        reset_login_failures(username=form.user.get_username())
        return response


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST":
        if form.is_valid():
            form.save(commit=False)
            # Only the fields of this form: a calendar link reset in another tab survives.
            user.save(update_fields=SettingsForm.Meta.fields)
            messages.success(request, "Your settings are saved.")
            return redirect("settings")
        # Nothing from a rejected form may leak into the rest of the page (the banner, the zone).
        user.refresh_from_db()
    feed_url = request.build_absolute_uri(reverse("calendar-feed", args=[user.calendar_token]))
    # webcal:// is the same address with the scheme that makes a phone offer to subscribe.
    webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    context = {
        "form": form,
        "feed_url": feed_url,
        "webcal_url": webcal_url,
        # Google Calendar's own "add by URL" page: Android's calendar app cannot subscribe.
        "google_url": "https://calendar.google.com/calendar/render?"
        + urlencode({"cid": webcal_url}),
    }
    return render(request, "acupressure/settings.html", context)


@login_required
@require_POST
def verify_email_send(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.email and not user.email_verified:
        verdict = ratelimit.hit(ratelimit.CONFIRMATION_MAILS, f"user:{user.pk}")
        if not verdict.allowed:
            return rate_limited(request, "confirmation", ratelimit.CONFIRMATION_MAILS, verdict)
        email_verification.send_link(request, user)
        messages.success(
            request, f"We sent a link to {user.email}: open it to confirm the address."
        )
    return redirect(reverse("settings") + "#email")


@require_GET
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    user = email_verification.confirm(token)
    if user is None:
        return render(request, "registration/verify_email_failed.html", status=400)
    messages.success(request, "Your email address is confirmed.")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(reverse("settings") + "#email")
    return redirect("login")


@login_required
@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    request.user.reset_calendar_token()
    messages.success(
        request,
        "Your calendar link is new. The old one no longer works: "
        "subscribe again with the address below.",
    )
    return redirect(reverse("settings") + "#calendar")


def forget_sessions(user: User) -> None:
    """Delete every stored session signed in as `user` (other devices, and what they hold).

    Sessions are not indexed by user, so each live one is read: account deletion is rare.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            # Through the store, so that a cached copy (cached_db) goes too.
            store(session_key=session.session_key).delete()


@never_cache
@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        username = user.get_username()
        logout(request)
        with transaction.atomic():
            # Routines, steps, sessions and journal entries go with the user (CASCADE).
            forget_sessions(user)
            user.delete()
            AccessLog.objects.filter(username=username).delete()
            AccessFailureLog.objects.filter(username=username).delete()
            # The failed-login counts, in the database or in Redis.
            reset_login_failures(username=username)
        messages.success(request, "Your account and everything in it have been deleted.")
        return forget_on_this_device(redirect("home"))
    return render(request, "registration/account_delete_confirm.html", {"form": form})
