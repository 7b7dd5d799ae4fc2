from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from points.safety import PREGNANCY_LABEL, pregnancy_advice
from routines import builder
from routines.access import (
    active_routines,
    get_routine_for_user,
    get_starter,
    routines_for_user,
    starter_routines,
)
from routines.calendar import build_calendar
from routines.card import render_card
from routines.duration import routine_seconds, with_totals
from routines.forms import (
    ArchiveForm,
)
from routines.models import Routine, Step
from routines.step_markers import routine_diagrams

# Every state of a session but "finished" (practice.models.Practice.State).
UNFINISHED_STATES = ("running", "paused", "abandoned")


def _with_steps() -> QuerySet[Routine]:
    """Routines with their steps, points and diagram marks in a fixed number of queries."""
    steps = Step.objects.select_related("point").prefetch_related("point__marks")
    return Routine.objects.select_related("source", "copied_from").prefetch_related(
        Prefetch("steps", queryset=steps)
    )


def _avoided(steps: list[Step], user) -> list[Step]:
    """Steps to flag for a pregnant user (empty for everyone else)."""
    if not (user.is_authenticated and user.pregnant):
        return []
    return [step for step in steps if step.point.avoid_in_pregnancy]


# Viewing, printing, archiving, deleting ---------------------------------------------------


@login_required
@require_GET
def routine_list(request: HttpRequest) -> HttpResponse:
    # Sessions belong to the practice app, above this one, so they are reached through the
    # reverse relation it declares (Practice.routine, related_name "practices"), not imported.
    unfinished = Routine.objects.filter(
        pk=OuterRef("pk"),
        practices__owner=request.user,
        practices__state__in=UNFINISHED_STATES,
    )
    routines = list(
        with_totals(routines_for_user(request.user))
        .annotate(has_unfinished=Exists(unfinished))
        .order_by("name", "id")
    )
    return render(
        request,
        "routines/list.html",
        {
            "active": [r for r in routines if not r.archived],
            "archived": [r for r in routines if r.archived],
            "any_unfinished": any(r.has_unfinished for r in routines),
        },
    )


def _routine_page_context(request: HttpRequest, routine: Routine, *, link: bool) -> dict:
    steps = list(routine.steps.all())
    return {
        "routine": routine,
        "steps": steps,
        "total_seconds": routine_seconds(steps),
        "diagrams": routine_diagrams(steps, link=link),
        "avoided": _avoided(steps, request.user),
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk, _with_steps())
    return render(
        request, "routines/detail.html", _routine_page_context(request, routine, link=True)
    )


@login_required
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk, _with_steps())
    return render(
        request, "routines/print.html", _routine_page_context(request, routine, link=False)
    )


@login_required
@require_GET
def card(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk, _with_steps())
    png = render_card(routine, list(routine.steps.all()), flag_pregnancy=request.user.pregnant)
    response = HttpResponse(png, content_type="image/png")
    filename = slugify(routine.name) or "routine"
    response["Content-Disposition"] = f'inline; filename="{filename}.png"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archiving asks first (GET); making an archived routine active again is one POST."""
    routine = get_routine_for_user(request.user, pk)
    if request.method == "GET":
        return render(request, "routines/confirm_archive.html", {"routine": routine})
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        context = {"routine": routine, "form": form}
        return render(request, "routines/confirm_archive.html", context, status=400)
    routine.archived = form.cleaned_data["archived"]
    routine.save(update_fields=["archived", "updated"])
    if routine.archived:
        messages.success(
            request,
            f"Archived “{routine.name}”. It no longer appears on Today or in your calendar.",
        )
    else:
        messages.success(request, f"“{routine.name}” is active again.")
    return redirect("routines:detail", routine.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    if request.method == "POST":
        name = routine.name
        routine.delete()
        messages.success(request, f"Deleted “{name}”. Your journal entries are kept.")
        return redirect("routines:list")
    return render(request, "routines/confirm_delete.html", {"routine": routine})


# Starter routines --------------------------------------------------------------------------


@require_GET
def starters(request: HttpRequest) -> HttpResponse:
    routines = with_totals(starter_routines().select_related("source")).order_by("name", "id")
    return render(request, "routines/starters.html", {"starters": routines})


@require_GET
def starter(request: HttpRequest, slug: str) -> HttpResponse:
    routine = get_starter(slug, _with_steps())
    return render(
        request, "routines/starter_detail.html", _routine_page_context(request, routine, link=True)
    )


@require_POST
def use_starter(request: HttpRequest, slug: str) -> HttpResponse:
    original = get_starter(slug)
    if not request.user.is_authenticated:
        # Back to the starter's page after logging in: the copy is a POST, made from there.
        return redirect_to_login(original.get_absolute_url())
    copy, left_out = builder.copy_routine(
        original, request.user, leave_out_avoided_in_pregnancy=request.user.pregnant
    )
    pregnancy = ""
    if left_out:
        codes = ", ".join(point.code for point in left_out)
        them = "it" if len(left_out) == 1 else "them"
        pregnancy = (
            f" {PREGNANCY_LABEL}: {codes}, so your copy leaves {them} out. "
            f"{pregnancy_advice(len(left_out))}"
        )
    # "Start now" goes straight to the session (the copy is kept either way); a copy left
    # empty by the pregnancy filter has nothing to start, so it opens for editing instead.
    if request.POST.get("then") == "start" and copy.steps.exists():
        messages.success(request, f"Added “{copy.name}” to your routines.{pregnancy}")
        return redirect("practice:start", copy.pk)
    messages.success(
        request,
        f"Added “{copy.name}” to your routines. Change anything you like, then save.{pregnancy}",
    )
    return redirect("routines:edit", copy.pk)


# The calendar feed ------------------------------------------------------------------------


def get_user_for_calendar_token(token: str):
    return get_object_or_404(get_user_model(), calendar_token=token, is_active=True)


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed. No login: the unguessable token in the address is the key."""
    user = get_user_for_calendar_token(token)
    body = build_calendar(
        active_routines(user),
        user.zone,
        url_for=lambda routine: request.build_absolute_uri(
            reverse("practice:start", args=[routine.pk])
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="acupressure.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
