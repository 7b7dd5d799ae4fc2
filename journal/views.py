import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from journal import exports
from journal.adherence import calendar, sessions_against_plan
from journal.chart import build_chart, long_day_label
from journal.forms import EntryForm, PeriodForm
from journal.models import Entry
from journal.queries import entries_for_user, entry_rows, get_entry_for_user
from journal.safety import RECENT_DAYS, journal_advice
from journal.trends import Row, classify_change, trend, week_start
from routines.access import routines_for_user
from routines.models import Step

PER_PAGE = 30
NOTABLE = 5


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def period_start(weeks: int | None, today: datetime.date) -> datetime.date | None:
    """The first local day of a period of `weeks` weeks ending today; None for everything."""
    if weeks is None:
        return None
    return today - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=1)


def in_period(rows: list[Row], start: datetime.date | None, tz) -> list[Row]:
    if start is None:
        return rows
    return [r for r in rows if r.local_date(tz) >= start]


def shown_from(start: datetime.date | None, rows: list[Row], today: datetime.date, tz):
    """The first day worth showing: the period's start, or the first entry if later."""
    if not rows:
        return start or today
    first = rows[0].local_date(tz)
    return max(start, first) if start else first


def mark_changes(entries) -> list[Entry]:
    entries = list(entries)
    for entry in entries:
        entry.change_kind = classify_change(entry.pain_before, entry.pain_after)
    return entries


@login_required
@require_GET
@vary_on_headers("HX-Request")
def journal_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    tz = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localdate(now)
    period_form = PeriodForm.from_query(request.GET)
    weeks = period_form.weeks()
    start = period_start(weeks, today)

    # One pass over the entries feeds the chart, the trend, the calendar and the advice.
    calendar_start = week_start(today) - datetime.timedelta(weeks=7)
    recent_start = today - datetime.timedelta(days=RECENT_DAYS + 1)
    fetch_from = None if start is None else min(start, calendar_start, recent_start)
    rows = entry_rows(user, since=None if fetch_from is None else local_midnight(fetch_from))
    period_rows = in_period(rows, start, tz)
    routines = list(routines_for_user(user).filter(archived=False))

    paginator = Paginator(entries_for_user(user), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "period_form": period_form,
        "period": period_form.value(),
        "start": shown_from(start, period_rows, today, tz),
        "today": today,
        "this_year": str(today.year),
        "chart": build_chart(period_rows, tz, start=start, end=today),
        "trend": trend(period_rows, tz),
        "calendar": calendar(routines, rows, today, tz),
        "has_routines": bool(routines),
        "advice": journal_advice(rows, now),
        "page": page,
        "entries": mark_changes(page.object_list),
        "has_entries": paginator.count > 0,
    }
    template = "journal/list.html"
    # Going back to a pushed address asks for the whole page again.
    if request.htmx and not request.htmx.history_restore_request:
        template += "#entries" if request.htmx.target == "entries" else "#overview"
    return render(request, template, context)


def saved_message(entry: Entry) -> str:
    when = timezone.localtime(entry.recorded_at)
    text = (
        f"Saved: pain {entry.pain_after} out of 10 on {long_day_label(when.date())}, {when:%H:%M}"
    )
    if entry.pain_before is not None:
        text += f" (before: {entry.pain_before})"
    return text + "."


def _entry_form(request: HttpRequest, entry: Entry, *, editing: bool) -> HttpResponse:
    """The entry form, for a new entry or one being corrected; saved, back to the journal."""
    data = request.POST if request.method == "POST" else None
    form = EntryForm(data, instance=entry, user=request.user)
    if form.is_valid():
        entry = form.save()
        messages.success(request, saved_message(entry))
        return redirect("journal:list")
    context = {"form": form, "entry": entry if editing else None}
    return render(request, "journal/entry_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new_entry(request: HttpRequest) -> HttpResponse:
    return _entry_form(request, Entry(user=request.user), editing=False)


@login_required
@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_form(request, get_entry_for_user(request.user, pk), editing=True)


@login_required
@require_http_methods(["GET", "POST"])
def delete_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request.user, pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, "The entry is deleted.")
        return redirect("journal:list")
    return render(request, "journal/delete.html", {"entry": entry})


def attachment(chunks, content_type: str, extension: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=f"{content_type}; charset=utf-8")
    filename = f"pain-journal-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    tz = timezone.get_current_timezone()
    return attachment(exports.csv_lines(request.user, tz), "text/csv", "csv")


@login_required
@require_GET
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    tz = timezone.get_current_timezone()
    chunks = exports.json_chunks(request.user, tz, timezone.now())
    return attachment(chunks, "application/json", "json")


@login_required
@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    user = request.user
    tz = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localdate(now)
    period_form = PeriodForm.from_query(request.GET)
    start = period_start(period_form.weeks(), today)
    recent_start = today - datetime.timedelta(days=RECENT_DAYS + 1)
    fetch_from = None if start is None else min(start, recent_start)
    rows = entry_rows(user, since=None if fetch_from is None else local_midnight(fetch_from))
    period_rows = in_period(rows, start, tz)
    first_day = shown_from(start, period_rows, today, tz)

    routines = list(
        routines_for_user(user)
        .filter(archived=False)
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("point")))
    )
    notable = (
        entries_for_user(user).filter(pain_after__gte=1).order_by("-pain_after", "-recorded_at")
    )
    if start is not None:
        notable = notable.filter(recorded_at__gte=local_midnight(start))
    context = {
        "period_form": period_form,
        "start": first_day,
        "today": today,
        "now": now,
        "chart": build_chart(period_rows, tz, start=start, end=today),
        "trend": trend(period_rows, tz),
        # Planned from the period's start (or each routine's creation), not the first entry.
        "sessions": sessions_against_plan(
            routines, period_rows, start or datetime.date.min, today, tz
        ),
        "routines": routines,
        "notable": mark_changes(notable[:NOTABLE]),
        "advice": journal_advice(rows, now),
    }
    return render(request, "journal/summary.html", context)
