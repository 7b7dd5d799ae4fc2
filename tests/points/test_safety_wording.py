"""One pregnancy wording everywhere, pressure advice per point, red flags, the emergency number."""

import re
from pathlib import Path

import pytest

from points.models import Point
from points.safety import PREGNANCY_LABEL, PREGNANCY_SOURCE, pregnancy_advice, pressure_advice
from tests.factories import PointFactory, UserFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_point_flagged_for_pregnancy_appears_on_the_safety_page(client, catalogue):
    html = client.get("/safety/").content.decode()
    section = html[html.index('id="pregnancy"') : html.index('id="nerves"')]
    flagged = Point.objects.filter(avoid_in_pregnancy=True)
    assert flagged.count() >= 5
    for point in flagged:
        assert f'href="{point.get_absolute_url()}"' in section, point.code


def test_the_safety_page_gives_the_one_advice_and_its_source(client):
    html = client.get("/safety/").content.decode()
    section = html[html.index('id="pregnancy"') : html.index('id="nerves"')]
    assert pregnancy_advice(2) in section
    assert PREGNANCY_SOURCE in section


def test_a_point_page_gives_the_same_advice_as_the_safety_page(client):
    PointFactory(code="LI4", channel="LI", avoid_in_pregnancy=True)
    html = client.get("/points/LI4/").content.decode()
    cautions = html[html.index('id="cautions-heading"') :]
    assert f"{PREGNANCY_LABEL}: LI4." in cautions
    assert pregnancy_advice(1) in cautions
    # The other wordings the pages used to carry are gone.
    assert "Studies have not shown harm" not in html
    assert "do not use it" not in html


def test_a_pregnant_user_sees_the_same_advice_on_a_point_page(client):
    PointFactory(code="SP6", channel="SP", avoid_in_pregnancy=True)
    client.force_login(UserFactory(pregnant=True))
    html = client.get("/points/SP6/").content.decode()
    strong = html[html.index("alert-pregnancy-strong") : html.index("</div>")]
    assert pregnancy_advice(1) in strong


def test_no_template_or_caution_words_pregnancy_advice_its_own_way(catalogue):
    # Advice about pregnancy comes only from points/safety.py.
    own_ways = re.compile(r"midwife|do not use it if you are", re.I)
    for path in TEMPLATES.rglob("*.html"):
        assert not own_ways.search(path.read_text(encoding="utf-8")), path.name
    for point in Point.objects.all():
        assert "pregnan" not in point.cautions.lower(), point.code


@pytest.mark.parametrize(
    ("pressure", "says", "never"),
    [
        (Point.Pressure.GENTLE, "Gentle only", "Firm"),
        (Point.Pressure.MODERATE, "Moderate", "Firm"),
        (Point.Pressure.FIRM, "Firm", "Gentle"),
    ],
)
def test_pressure_advice_follows_the_points_pressure(pressure, says, never):
    advice = pressure_advice(Point(pressure=pressure))
    assert advice.startswith(says)
    assert never not in advice


def test_bl40_is_gentle_only_on_its_page(client, catalogue):
    html = client.get("/points/BL40/").content.decode()
    advice = re.search(r'<dd class="pressure-advice">(.*?)</dd>', html).group(1)
    assert advice.startswith("Gentle only") and "never firm" in advice


def test_gb30_ball_technique_matches_its_sciatic_caution(catalogue):
    gb30 = Point.objects.get(code="GB30")
    assert "sciatic nerve" in gb30.cautions
    assert "Never rest your full weight on a ball" in gb30.cautions
    # The technique must not ask for what the caution forbids.
    assert "part of your weight" in gb30.technique
    assert "let your weight sink" not in gb30.technique


def test_red_flags_include_weakness_steroids_immunity_and_injected_drugs(client):
    html = client.get("/safety/").content.decode()
    emergency = html[html.index('id="emergency"') : html.index('id="urgent"')]
    urgent = html[html.index('id="urgent"') : html.index('id="pressing"')]
    assert "foot drop" in emergency and "getting worse" in emergency
    assert "steroid tablets for a long time" in urgent
    assert "immune system is weakened" in urgent
    assert "inject drugs" in urgent


def test_the_emergency_number_is_999_by_default_or_the_users_own(client):
    html = client.get("/safety/").content.decode()
    assert '<strong class="emergency-number">999</strong> or your local emergency number' in html
    client.force_login(UserFactory(emergency_number="112"))
    html = client.get("/safety/").content.decode()
    assert '<strong class="emergency-number">112</strong> or your local emergency number' in html


def test_the_emergency_number_is_set_on_the_settings_page(client):
    user = UserFactory()
    assert user.emergency_number == "999"
    client.force_login(user)
    page = client.get("/accounts/settings/").content.decode()
    assert 'name="emergency_number"' in page and 'value="999"' in page
    data = {"get_ready_seconds": 5, "timezone": "UTC", "theme": "auto", "emergency_number": "1 1 2"}
    response = client.post("/accounts/settings/", data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.emergency_number == "112"


def test_an_emergency_number_that_is_not_digits_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    data = {
        "get_ready_seconds": 5,
        "timezone": "UTC",
        "theme": "auto",
        "emergency_number": "call mum",
    }
    response = client.post("/accounts/settings/", data)
    assert response.status_code == 200
    assert "digits only" in response.content.decode()
    user.refresh_from_db()
    assert user.emergency_number == "999"
