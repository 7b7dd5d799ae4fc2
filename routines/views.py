from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from acupressure.htmx_errors import Missing
from points.lookup import search
from routines import builder, describe
from routines.access import (
    STEP_GONE,
    active_routines,
    get_routine_for_user,
    get_starter,
    get_step_for_user,
    routines_for_user,
    starter_routines,
)
from routines.calendar import build_calendar
from routines.card import render_card
from routines.duration import routine_seconds, with_totals
from routines.forms import (
    AddStepForm,
    ArchiveForm,
    MoveStepForm,
    PointSearchForm,
    RoutineForm,
    StepForm,
)
from routines.models import MAX_STEPS, Routine, Step
from routines.step_markers import routine_diagrams

SEARCH_LIMIT = 12
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


# The builder --------------------------------------------------------------------------------


def _builder_context(
    request: HttpRequest,
    routine: Routine,
    *,
    form: RoutineForm | None = None,
    bound_step: StepForm | None = None,
    step_error: str = "",
    add_error: str = "",
    status: str = "",
    moved: tuple[int, str] | None = None,
) -> dict:
    steps = list(routine.steps.select_related("point").order_by("position", "id"))
    rows = []
    for step in steps:
        if bound_step is not None and bound_step.instance.pk == step.pk:
            step_form = bound_step
        else:
            step_form = StepForm(instance=step, prefix=f"step-{step.pk}")
        rows.append((step, step_form))
    search_form = PointSearchForm(request.GET or None)
    query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
    results = list(search(query)[:SEARCH_LIMIT]) if query else []
    pregnant = request.user.pregnant
    return {
        "routine": routine,
        "form": form or RoutineForm(instance=routine),
        "rows": rows,
        "total_seconds": routine_seconds(steps),
        "full": len(steps) >= MAX_STEPS,
        "max_steps": MAX_STEPS,
        "step_error": step_error,
        "add_error": add_error,
        "status": status,
        "search_form": search_form,
        "query": query,
        "results": results,
        "avoided_count": sum(1 for step in steps if pregnant and step.point.avoid_in_pregnancy),
        "focus": _focus_after_move(steps, moved),
    }


def _focus_after_move(steps: list[Step], moved: tuple[int, str] | None) -> dict | None:
    """The move button to focus once htmx has swapped the list in.

    htmx puts focus back on the button pressed, but a step moved to the top or the bottom
    comes back with that button disabled and focus would be lost: then it is the other one.
    """
    if moved is None:
        return None
    step_pk, direction = moved
    order = [step.pk for step in steps]
    if step_pk not in order:
        return None
    index = order.index(step_pk)
    if direction == "up" and index == 0:
        direction = "down"
    elif direction == "down" and index == len(order) - 1:
        direction = "up"
    return {"step": step_pk, "button": direction}


def _builder_response(
    request: HttpRequest, routine: Routine, *, message: str = "", **context
) -> HttpResponse:
    """The steps partial for htmx; otherwise back to the edit page (or the page with errors)."""
    has_errors = any(context.get(key) for key in ("bound_step", "step_error", "add_error"))
    if request.htmx:
        # Said to screen readers from the swapped list; a flash message would wait for the
        # next full page and then be stale.
        context = _builder_context(request, routine, status=message, **context)
        return render(request, "routines/edit.html#steps", context)
    if has_errors:
        return render(request, "routines/edit.html", _builder_context(request, routine, **context))
    if message:
        messages.success(request, message)
    return redirect(reverse("routines:edit", args=[routine.pk]) + "#steps")


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = RoutineForm(request.POST or None, instance=Routine(owner=request.user))
    if request.method == "POST" and form.is_valid():
        routine = form.save()
        messages.success(
            request, f"Created “{routine.name}”. Now add the points you want to press."
        )
        return redirect("routines:edit", routine.pk)
    return render(request, "routines/new.html", {"form": form})


@login_required
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    if request.method == "POST":
        return _save_details(request, routine)
    context = _builder_context(request, routine)
    if request.htmx and "q" in request.GET:
        return render(request, "routines/edit.html#search-results", context)
    return render(request, "routines/edit.html", context)


def _save_details(request: HttpRequest, routine: Routine) -> HttpResponse:
    """Name, schedule, days, time and notes.

    htmx gets the details form back, saved or with its errors, and stays on the builder;
    without JavaScript a save goes on to the routine's page.
    """
    form = RoutineForm(request.POST, instance=routine)
    saved = form.is_valid()
    if saved:
        form.save()
    else:
        # The form copied the refused values onto the routine; the page shows what is stored.
        routine.refresh_from_db()
    if request.htmx:
        if saved:
            # Unbound again, so the days shown are the ones stored.
            form = RoutineForm(instance=routine)
            status = f"Saved “{routine.name}”: {describe.schedule_text(routine)}."
        else:
            status = "Not saved: see the messages beside the fields."
        context = {"routine": routine, "form": form, "details_status": status, "saved": saved}
        return render(request, "routines/edit.html#details", context)
    if saved:
        messages.success(request, f"Saved “{routine.name}”.")
        return redirect("routines:detail", routine.pk)
    return render(request, "routines/edit.html", _builder_context(request, routine, form=form))


@login_required
@require_POST
def add_step(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    form = AddStepForm(request.POST)
    if not form.is_valid():
        return _builder_response(request, routine, add_error=form.errors["point"][0])
    point = form.cleaned_data["point"]
    try:
        builder.add_step(routine, point)
    except ValidationError as error:
        return _builder_response(request, routine, add_error=error.messages[0])
    return _builder_response(request, routine, message=f"Added {point.code} {point.name}.")


@login_required
@require_POST
def update_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    step = get_step_for_user(request.user, routine, step_pk)
    form = StepForm(request.POST, instance=step, prefix=f"step-{step.pk}")
    if not form.is_valid():
        return _builder_response(request, routine, bound_step=form)
    try:
        builder.update_step(routine, step.pk, **form.cleaned_data)
    except Step.DoesNotExist:
        raise Missing(STEP_GONE) from None
    return _builder_response(request, routine, message=f"Saved {step.point.code}.")


@login_required
@require_POST
def move_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    step = get_step_for_user(request.user, routine, step_pk)
    form = MoveStepForm(request.POST)
    if not form.is_valid():
        return _builder_response(request, routine, step_error=form.errors["direction"][0])
    direction = form.cleaned_data["direction"]
    try:
        builder.move_step(routine, step.pk, direction)
    except Step.DoesNotExist:
        raise Missing(STEP_GONE) from None
    return _builder_response(
        request,
        routine,
        message=f"Moved {step.point.code} {direction}.",
        moved=(step.pk, direction),
    )


@login_required
@require_POST
def remove_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    step = get_step_for_user(request.user, routine, step_pk)
    try:
        builder.remove_step(routine, step.pk)
    except Step.DoesNotExist:
        raise Missing(STEP_GONE) from None
    return _builder_response(request, routine, message=f"Removed {step.point.code}.")


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
    message = f"Added “{copy.name}” to your routines. Change anything you like, then save."
    if left_out:
        codes = ", ".join(point.code for point in left_out)
        message += (
            f" Left out {codes}: traditionally avoided in pregnancy. "
            "Ask your midwife or doctor before adding them back."
        )
    messages.success(request, message)
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
