"""From a point's page to a routine: add the point to one of the person's routines, or a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from acupressure.htmx import render_page_or_fragment
from points.models import Point
from routines import builder
from routines.access import active_routines
from routines.forms import AddPointForm
from routines.models import Routine


@login_required
@require_http_methods(["GET", "POST"])
def add_point(request: HttpRequest, code: str) -> HttpResponse:
    """Add one point to a routine of the person's choosing, or to a new one."""
    point = get_object_or_404(Point, code=code)
    routines = list(active_routines(request.user).order_by("name"))
    form = AddPointForm(request.POST or None, routines=routines)
    context = {"point": point, "form": form, "repeat": False, "added": None}
    if request.method == "POST" and form.is_valid():
        routine = form.cleaned_data["routine"]
        try:
            with transaction.atomic():
                if routine is None:
                    routine = Routine.objects.create(
                        owner=request.user, name=form.cleaned_data["name"]
                    )
                builder.add_step(routine, point, again=form.cleaned_data["again"])
        except ValidationError as error:
            form.add_error("routine", error.messages[0])
            context["repeat"] = error.code == "already_in_routine"
        else:
            message = f"Added {point.code} {point.name} to “{routine.name}”."
            if not request.htmx:
                messages.success(request, message)
                return redirect(point.get_absolute_url())
            context.update(added=routine, message=message)
    # htmx swaps only a 200, so the fragment with its errors goes out as one.
    failed = form.is_bound and bool(form.errors) and not request.htmx
    return render_page_or_fragment(
        request,
        "routines/add_point.html",
        context,
        fragment="add-point",
        status=400 if failed else 200,
    )
