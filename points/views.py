from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from acupressure.htmx import render_page_or_fragment, vary_on_htmx, wants_fragment
from points.edition import shared_page
from points.forms import PointFilterForm
from points.lookup import label_note, narrow, resolve_label, search, suggestions
from points.models import Claim, Complaint, Point, Source, normalise_label


@require_GET
@shared_page
def point_list(request: HttpRequest) -> HttpResponse:
    complaints = list(Complaint.objects.all())
    form = PointFilterForm(request.GET or None, complaints=complaints)
    form.is_valid()
    filters = form.filters()
    query = filters.get("q", "")

    if query and form.only_query() and not wants_fragment(request):
        exact = resolve_label(query)
        if exact is not None:
            explain_label(request, query, exact)
            return vary_on_htmx(redirect(exact))

    points = narrow(
        Point.objects.all(),
        region=filters.get("region", ""),
        complaint=filters.get("complaint", ""),
        reach_alone=filters.get("reach_alone", False),
        pregnancy_safe=filters.get("pregnancy_safe", False),
    )
    points = list(search(query, points).prefetch_related("complaints", "marks"))
    context = {
        "note": label_note(query) if query else None,
        "form": form,
        "points": points,
        "count": len(points),
        "query": query,
        "filtered": form.is_filtered(),
        "ignored": form.ignored(),
    }
    return render_page_or_fragment(request, "points/list.html", context, fragment="results")


def explain_label(request: HttpRequest, label: str, point: Point) -> None:
    # Say why the address changed when someone used an older code or a name.
    if normalise_label(label) != point.code:
        messages.info(request, f"“{label.strip()}” is {point.code} {point.pinyin}.")


def point_queryset():
    return Point.objects.prefetch_related(
        "aliases",
        "marks",
        "complaints",
        Prefetch("claims", queryset=Claim.objects.select_related("source")),
    )


@require_GET
@shared_page
def point_detail(request: HttpRequest, code: str) -> HttpResponse:
    if "\x00" in code or len(code) > 100:
        # PostgreSQL refuses NUL in a query, and no label is this long.
        return not_found(request, "")
    point = point_queryset().filter(code=code).first()
    if point is None:
        other = resolve_label(code)
        if other is not None:
            explain_label(request, code, other)
            return redirect(other, permanent=True)
        if label_note(code) is not None:
            # An article's label that is no point: the catalogue search explains it.
            return redirect(reverse("points:list") + "?" + urlencode({"q": code}))
        return not_found(request, code)
    return render(request, "points/detail.html", {"point": point})


def not_found(request: HttpRequest, label: str) -> HttpResponse:
    """The 404 page, with the points the visitor may have meant (also when DEBUG is on)."""
    context = {"label": label, "suggestions": suggestions(label)}
    return render(request, "404.html", context, status=404)


def verdict_counts():
    return {
        f"count_{verdict}": Count("claims", filter=Q(claims__verdict=verdict))
        for verdict in Claim.Verdict.values
    }


@require_GET
@shared_page
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.annotate(**verdict_counts())
    return render(request, "points/sources.html", {"sources": sources})


@require_GET
@shared_page
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.annotate(**verdict_counts()), slug=slug)
    claims = list(source.claims.select_related("point").order_by("order", "pk"))
    problems = [claim for claim in claims if claim.verdict != Claim.Verdict.AGREES]
    context = {
        "source": source,
        "claims": claims,
        "problems": problems,
        "overclaims": list(source.overclaims.all()),
    }
    return render(request, "points/source_detail.html", context)


NERVE_CAUTIONS = [
    (
        "BL40",
        "the tibial nerve runs just under the skin of the knee crease, the large vessels below it",
    ),
    ("GB30", "the sciatic nerve runs deep under this buttock point"),
    ("LR3", "it sits over an artery on the top of the foot, where you can often feel a pulse"),
]


@require_GET
@shared_page
def safety(request: HttpRequest) -> HttpResponse:
    """Red flags and cautions; the points it names link to the catalogue where it holds them.

    The pregnancy list is every point the catalogue marks as avoided in pregnancy, so the page
    and the warnings on each point cannot disagree.
    """
    codes = [code for code, _ in NERVE_CAUTIONS]
    urls = {point.code: point.get_absolute_url() for point in Point.objects.filter(code__in=codes)}
    context = {
        "pregnancy_points": Point.objects.filter(avoid_in_pregnancy=True),
        "nerve_links": [
            {"code": code, "url": urls.get(code), "note": note} for code, note in NERVE_CAUTIONS
        ],
    }
    return render(request, "points/safety.html", context)
