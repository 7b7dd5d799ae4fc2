import pytest

from points.models import Claim, Source
from tests.factories import ClaimFactory, PointFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    source = SourceFactory(
        slug="retailer",
        title="Acupressure Points For Lower Back Pain",
        kind=Source.Kind.RETAILER,
        schedule="Daily for at least a week",
        caveat="Sells acupressure mats.",
    )
    bl23 = PointFactory(code="BL23", pinyin="Shenshu")
    bl40 = PointFactory(code="BL40", pinyin="Weizhong")
    ClaimFactory(source=source, point=bl23, label="B23", hold="2 minutes", order=1)
    ClaimFactory(
        source=source,
        point=bl40,
        label="UB40",
        verdict=Claim.Verdict.WRONG,
        order=2,
        location_as_described="Called Control Vessel 4.",
        correction="No such vessel exists.",
    )
    ClaimFactory(
        source=source,
        point=None,
        label="Sole line",
        verdict=Claim.Verdict.UNCERTAIN,
        order=3,
        correction="A reflexology idea, not an acupoint.",
    )
    return source


def test_sources_list_credits_each_article_with_counts(client, source):
    SourceFactory(slug="study", title="A trial", kind=Source.Kind.STUDY)
    response = client.get("/sources/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Acupressure Points For Lower Back Pain" in html
    assert 'href="/sources/retailer/"' in html
    assert "Retailer&#x27;s blog" in html or "Retailer's blog" in html
    assert "Published clinical study" in html
    assert "Daily for at least a week" in html
    assert "Sells acupressure mats." in html
    assert "1 agrees" in html and "1 wrong" in html and "1 uncertain" in html


def test_sources_list_query_count_is_constant(client, source, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get("/sources/")
    for n in range(5):
        ClaimFactory(source=SourceFactory(slug=f"more-{n}"))
    with django_assert_num_queries(2):
        client.get("/sources/")


def test_source_page_lists_its_claims_linking_to_points(client, source):
    response = client.get("/sources/retailer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Acupressure Points For Lower Back Pain</h1>" in html
    assert 'href="/points/BL23/"' in html and 'href="/points/BL40/"' in html
    assert "2 minutes" in html
    assert "Not a standard point" in html


def test_source_page_says_where_it_is_wrong_or_vague(client, source):
    response = client.get("/sources/retailer/")
    problems = response.context["problems"]
    assert [claim.label for claim in problems] == ["UB40", "Sole line"]
    html = response.content.decode()
    assert "Where it is wrong or vague" in html
    assert "Called Control Vessel 4." in html and "No such vessel exists." in html
    assert "A reflexology idea" in html


def test_source_without_problems_says_so(client, db):
    source = SourceFactory(slug="careful")
    ClaimFactory(source=source)
    html = client.get("/sources/careful/").content.decode()
    assert "Every point this article names matches the standard location." in html


def test_unknown_source_is_404(client, db):
    response = client.get("/sources/nope/")
    assert response.status_code == 404
