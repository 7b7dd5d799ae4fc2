import ast
from pathlib import Path

import pytest
from django.urls import resolve, reverse

from points.views import safety
from tests.factories import PointFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_safety_page_lists_red_flags_and_cautions(client):
    response = client.get("/safety/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Get emergency help now" in html
    assert "losing control of your bladder or bowels" in html
    assert "See a doctor urgently" in html
    assert "worse at night" in html
    assert "varicose vein" in html
    assert "soreness and bruising" in html
    assert "NG59" in html
    assert "self-care information" in html


def test_pregnancy_points_link_to_the_catalogue_when_present(client):
    PointFactory(code="LI4", channel="LI")
    PointFactory(code="BL60")
    html = client.get("/safety/").content.decode()
    assert '<a href="/points/LI4/">LI4</a>' in html
    assert '<a href="/points/BL60/">BL60</a>' in html
    # Not in this catalogue: named, not linked.
    assert "GB21" in html and 'href="/points/GB21/"' not in html
    assert "CV4 to CV6" in html


def test_nerve_and_artery_cautions(client):
    PointFactory(code="GB30", channel="GB")
    html = client.get("/safety/").content.decode()
    assert '<a href="/points/GB30/">GB30</a>' in html
    assert "sciatic nerve" in html
    assert "BL40" in html and "LR3" in html


def test_every_page_links_to_safety(client):
    PointFactory(code="BL23")
    for url in ["/", "/points/", "/points/BL23/", "/sources/", "/safety/"]:
        assert 'href="/safety/"' in client.get(url).content.decode(), url


def test_pregnant_user_is_told_the_warnings_are_prominent(client):
    client.force_login(UserFactory(pregnant=True))
    html = client.get("/safety/").content.decode()
    assert "You have told us you are pregnant" in html


def test_the_page_keeps_its_address_and_name_and_lives_in_the_catalogue(client):
    assert reverse("safety") == "/safety/"
    assert resolve("/safety/").func is safety
    response = client.get("/safety/")
    assert [t.name for t in response.templates][0] == "points/safety.html"


def test_the_core_views_do_not_import_the_apps():
    # Imports run journal → routines → points, and all may use acupressure, not the reverse.
    views = Path(__file__).resolve().parents[2] / "acupressure" / "views.py"
    imported = set()
    for node in ast.walk(ast.parse(views.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
    assert imported.isdisjoint({"points", "routines", "journal"}), imported
