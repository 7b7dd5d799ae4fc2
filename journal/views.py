import datetime
import hashlib
import json
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from acupressure import ratelimit
from acupressure.htmx import render_page_or_fragment
from journal import account_import, exports, sharing
from journal.adherence import calendar
from journal.chart import long_day_label
from journal.context import ability_trends, area_counts, medicine_days
from journal.display import for_display
from journal.forms import EntryForm, ImportForm, ListsForm, PeriodForm, ShareForm
from journal.models import Entry
from journal.overview import period_overview
from journal.queries import entries_for_user, entry_rows, get_entry_for_user, local_midnight
from journal.safety import RECENT_DAYS, journal_advice
from journal.trends import week_start
from practice.adherence import Adherence, adherence, routine_start, sessions_done
from routines.access import routines_for_user
from routines.models import Step

PER_PAGE = 30
NOTABLE = 5


def period_start(weeks: int | None, today: datetime.date) -> datetime.date | None:
    """The first local day of a period of `weeks` weeks ending today; None for everything."""
    if weeks is None:
        return None
    return today - datetime.timedelta(weeks=weeks) + datetime.timedelta(days=1)


def shown_from(
    start: datetime.date | None, first: datetime.date | None, today: datetime.date
) -> datetime.date:
    """The first day worth showing: the period's start, or the first entry if later."""
    if first is None:
        return start or today
    return max(start, first) if start else first


def recent_rows(user, since: datetime.date, tz: datetime.tzinfo):
    """The entries from local date `since` on, for the calendar and the advice."""
    return entry_rows(user, since=local_midnight(since, tz))


@login_required
@require_GET
def journal_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    tz = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localdate(now)
    period_form = PeriodForm.from_query(request.GET)
    weeks = period_form.weeks()
    start = period_start(weeks, today)

    # The calendar and the advice read the last few weeks' entries; the chart and the trend
    # read the period in two queries however long it is (journal.overview).
    calendar_start = week_start(today) - datetime.timedelta(weeks=7)
    recent_start = today - datetime.timedelta(days=RECENT_DAYS + 1)
    rows = recent_rows(user, recent_start, tz)
    overview = period_overview(user, start, today, tz)
    since = None if start is None else local_midnight(start, tz)
    routines = list(routines_for_user(user).filter(archived=False))
    done = sessions_done(user, calendar_start, today, tz)

    paginator = Paginator(
        entries_for_user(user).prefetch_related("medicines", "abilities"), PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "period_form": period_form,
        "period": period_form.value(),
        "start": shown_from(start, overview.first_day, today),
        "today": today,
        "chart": overview.chart,
        "trend": overview.trend,
        "medicine": medicine_days(user, since),
        "calendar": calendar(routines, done, today, tz),
        "has_routines": bool(routines),
        "advice": journal_advice(rows, now),
        "page": page,
        "entries": for_display(page.object_list, today),
        "has_entries": paginator.count > 0,
    }
    # The period picker redraws the overview; the pages of entries turn in their own list.
    return render_page_or_fragment(
        request, "journal/list.html", context, fragment="overview", fragments={"entries": "entries"}
    )


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
    # A new entry's form carries a token of its own, so that sending it twice makes one entry.
    submission = request.POST.get("submission", "")[:64] if data else uuid.uuid4().hex
    if form.is_valid():
        with transaction.atomic():
            if not editing and submission and not ratelimit.first_use("entry", submission):
                return redirect("journal:list")  # already saved by the first sending
            entry = form.save()
        messages.success(request, saved_message(entry))
        return redirect("journal:list")
    context = {"form": form, "entry": entry if editing else None, "submission": submission}
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


def period_adherence(user, routines, start: datetime.date | None, today, tz) -> Adherence:
    """Planned days practised from the period's start (or the first routine's making)."""
    if start is None:
        start = min((routine_start(r, tz) for r in routines), default=today)
    return adherence(routines, sessions_done(user, start, today, tz), start, today, tz)


def summary_context(user, weeks: int | None, now: datetime.datetime) -> dict:
    """Everything the clinician summary shows of `user` over the last `weeks` weeks, in the
    time zone active (the person's own, also when a share link is opened)."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate(now)
    start = period_start(weeks, today)
    since = None if start is None else local_midnight(start, tz)
    rows = recent_rows(user, today - datetime.timedelta(days=RECENT_DAYS + 1), tz)
    overview = period_overview(user, start, today, tz)
    routines = list(
        routines_for_user(user)
        .filter(archived=False)
        .prefetch_related(Prefetch("steps", queryset=Step.objects.select_related("point")))
    )
    notable = (
        entries_for_user(user).filter(pain_after__gte=1).order_by("-pain_after", "-recorded_at")
    )
    if since is not None:
        notable = notable.filter(recorded_at__gte=since)
    return {
        "owner": user,
        "start": shown_from(start, overview.first_day, today),
        "today": today,
        "now": now,
        "chart": overview.chart,
        "trend": overview.trend,
        "adherence": period_adherence(user, routines, start, today, tz),
        "medicine": medicine_days(user, since, with_names=True),
        "areas": area_counts(user, since),
        "abilities": ability_trends(user, since),
        "routines": routines,
        "notable": for_display(notable[:NOTABLE], today),
        "advice": journal_advice(rows, now),
    }


@login_required
@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    period_form = PeriodForm.from_query(request.GET)
    context = summary_context(request.user, period_form.weeks(), timezone.now())
    context["period_form"] = period_form
    context["share_form"] = ShareForm(initial={"period": period_form.value()})
    return render(request, "journal/summary.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def share_links(request: HttpRequest) -> HttpResponse:
    """Make a share link of the summary, and see and revoke those made before."""
    now = timezone.now()
    token = None
    form = ShareForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        link, token = sharing.make_link(request.user, form.lifetime(), form.weeks(), now)
        messages.success(request, "The link is made. Copy it now: it is shown only this once.")
    links = sharing.links_for_user(request.user).prefetch_related("openings")
    context = {
        "form": form if request.method == "GET" or not form.is_valid() else ShareForm(),
        "token_url": request.build_absolute_uri(reverse("shared:summary", args=[token]))
        if token
        else None,
        "links": links,
        "now": now,
    }
    return render(request, "journal/share.html", context)


@login_required
@require_POST
def revoke_share_link(request: HttpRequest, pk: int) -> HttpResponse:
    sharing.revoke(sharing.get_link_for_user(request.user, pk), timezone.now())
    messages.success(request, "The link is revoked: it no longer opens the summary.")
    return redirect("journal:share")


@never_cache
@require_GET
def shared_summary(request: HttpRequest, token: str) -> HttpResponse:
    """The summary behind a share link, read-only, for someone without an account."""
    now = timezone.now()
    link = sharing.open_link(token, now, request.headers.get("User-Agent", ""))
    with timezone.override(link.user.zone):
        context = summary_context(link.user, link.weeks, now)
        context["shared"] = link
        response = render(request, "journal/shared_summary.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def lists(request: HttpRequest) -> HttpResponse:
    """The person's medicines and activities, ticked and scored on the entry form."""
    data = request.POST if request.method == "POST" else None
    form = ListsForm(data, user=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, "Your lists are saved.")
        return redirect("journal:new")
    return render(request, "journal/lists.html", {"form": form})


# Importing an export: the file waits in the session between the preview and the import.
IMPORT_KEY = "account_import"


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest) -> HttpResponse:
    """Upload an export, see what it would add, then import it (or not)."""
    form = ImportForm()
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and "confirm" in request.POST:
        held = request.session.get(IMPORT_KEY)
        if not held or held["fingerprint"] != request.POST.get("confirm"):
            messages.warning(request, "Choose the file again: the preview had expired.")
            return redirect("import")
        try:
            done = account_import.run(request.user, json.loads(held["text"]))
        except account_import.ImportRefused as refused:
            context["refused"] = str(refused)
        else:
            del request.session[IMPORT_KEY]
            messages.success(
                request,
                f"Imported {done.routines} routines, {done.practices} sessions and "
                f"{done.entries} journal entries.",
            )
            return redirect("journal:list")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > account_import.MAX_BYTES:
                    raise account_import.ImportRefused(account_import.too_big(upload.size))
                raw = upload.read()
                data = account_import.read(raw)
                preview = account_import.plan(request.user, data)
            except account_import.ImportRefused as refused:
                context["refused"] = str(refused)
            else:
                text = raw.decode("utf-8", errors="replace")
                request.session[IMPORT_KEY] = {"text": text, "fingerprint": fingerprint(text)}
                context.update(preview=preview, fingerprint=fingerprint(text), data=data)
    return render(request, "journal/import.html", context)
