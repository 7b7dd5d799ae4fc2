"""The routine builder: making a routine, its name and schedule, and adding, changing,
moving and removing its steps.

Each change is a POST that answers htmx with the part of the edit page it changed, and a
browser without JavaScript with the edit page again (or the page with the form's errors).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from acupressure.htmx import render_page_or_fragment
from acupressure.htmx_errors import Missing
from points.lookup import search
from points.models import Point
from routines import builder, describe
from routines.access import STEP_GONE, get_routine_for_user, get_step_for_user
from routines.duration import routine_seconds
from routines.forms import (
    AddStepForm,
    MoveStepForm,
    PointSearchForm,
    RoutineForm,
    StepForm,
)
from routines.models import MAX_STEPS, Routine, Step

SEARCH_LIMIT = 12


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
    repeat_point: Point | None = None,
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
    # Say which results are already steps, so that "Add" never silently makes a second one.
    numbers = {}
    for number, step in enumerate(steps, start=1):
        numbers.setdefault(step.point_id, number)
    for point in results:
        point.step_number = numbers.get(point.pk)
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
        "avoided": [step for step in steps if pregnant and step.point.avoid_in_pregnancy],
        "focus": _focus_after_move(steps, moved),
        "repeat_point": repeat_point,
        "repeat_step": next(
            (step for step in steps if repeat_point and step.point_id == repeat_point.pk), None
        ),
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
        return render_page_or_fragment(request, "routines/edit.html", context, fragment="steps")
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
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    routine = get_routine_for_user(request.user, pk)
    if request.method == "POST":
        return _save_details(request, routine)
    context = _builder_context(request, routine)
    # The point search, as the person types, answers with its results alone.
    search = "search-results" if "q" in request.GET else None
    return render_page_or_fragment(request, "routines/edit.html", context, fragment=search)


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
        return render_page_or_fragment(request, "routines/edit.html", context, fragment="details")
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
        builder.add_step(routine, point, again=form.cleaned_data["again"])
    except ValidationError as error:
        repeat = point if error.code == "already_in_routine" else None
        return _builder_response(request, routine, add_error=error.messages[0], repeat_point=repeat)
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
