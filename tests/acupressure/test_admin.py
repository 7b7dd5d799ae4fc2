import pytest
from django.urls import reverse

from points.models import Claim
from tests.factories import (
    AliasFactory,
    ClaimFactory,
    ComplaintFactory,
    MarkFactory,
    PointFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def claim():
    point = PointFactory(code="BL40")
    AliasFactory(point=point, label="UB40")
    MarkFactory(point=point)
    point.complaints.add(ComplaintFactory())
    return ClaimFactory(point=point, verdict=Claim.Verdict.WRONG)


@pytest.mark.parametrize("model", ["point", "source", "claim", "complaint"])
def test_changelist_and_change_pages_load(admin_client, claim, model):
    objects = {
        "point": claim.point,
        "source": claim.source,
        "claim": claim,
        "complaint": claim.point.complaints.get(),
    }
    changelist = admin_client.get(reverse(f"admin:points_{model}_changelist"))
    assert changelist.status_code == 200
    change = admin_client.get(reverse(f"admin:points_{model}_change", args=[objects[model].pk]))
    assert change.status_code == 200


def test_point_search_finds_by_alias(admin_client, claim):
    PointFactory(code="LR3", channel="LR")
    response = admin_client.get(reverse("admin:points_point_changelist"), {"q": "UB40"})
    assert [point.code for point in response.context["cl"].result_list] == ["BL40"]


def test_point_change_page_has_the_inlines(admin_client, claim):
    html = admin_client.get(reverse("admin:points_point_change", args=[claim.point.pk]))
    content = html.content.decode()
    assert "aliases-TOTAL_FORMS" in content
    assert "claims-TOTAL_FORMS" in content
    assert "marks-TOTAL_FORMS" in content


def test_claim_filters_by_verdict(admin_client, claim):
    ClaimFactory()
    response = admin_client.get(reverse("admin:points_claim_changelist"), {"verdict": "wrong"})
    assert list(response.context["cl"].result_list) == [claim]


def test_user_admin_shows_the_extra_fields(admin_client):
    user = UserFactory(pregnant=True)
    assert admin_client.get(reverse("admin:acupressure_user_changelist")).status_code == 200
    html = admin_client.get(reverse("admin:acupressure_user_change", args=[user.pk])).content
    assert b'name="pregnant"' in html
    assert b'name="get_ready_seconds"' in html
    assert b'name="timezone"' in html


def test_non_staff_cannot_see_the_admin(user_client):
    response = user_client.get(reverse("admin:points_point_changelist"))
    assert response.status_code == 302
