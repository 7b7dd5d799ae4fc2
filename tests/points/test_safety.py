import ast
from pathlib import Path

import pytest
from django.urls import resolve, reverse

from points.models import Point
from points.views import safety
from tests.factories import PointFactory, UserFactory
from tests.support.html import element, parse

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


def test_the_pregnancy_list_is_every_point_the_catalogue_flags_and_no_other(client, catalogue):
    flagged = {point.code: point for point in Point.objects.filter(avoid_in_pregnancy=True)}
    assert {"CV6", "BL53", "LI4", "SP6", "BL60"} <= set(flagged)

    page = parse(client.get("/safety/").content)
    items = page.select_one("#pregnancy #pregnancy-points").select("li")

    assert sorted(item.select_one("a").text for item in items) == sorted(flagged)
    for item in items:
        point = flagged[item.select_one("a").text]
        assert item.hrefs() == [point.get_absolute_url()]
        assert point.name in item.text
    # A point that is not flagged is not in the list, wherever else the page names it.
    assert "BL40" not in page.select_one("#pregnancy-points").text


def test_a_point_flagged_later_joins_the_list(client):
    PointFactory(code="LI4", channel="LI", avoid_in_pregnancy=False)
    PointFactory(code="SP6", avoid_in_pregnancy=True)

    codes = element(client.get("/safety/").content, "#pregnancy-points").text

    assert "SP6" in codes and "LI4" not in codes


def test_points_not_in_the_catalogue_are_named_outside_the_list_and_not_linked(client, catalogue):
    page = parse(client.get("/safety/").content)
    section = page.select_one("section#pregnancy")

    assert "GB21" in section.text and "CV4 to CV6" in section.text
    assert "GB21" not in page.select_one("#pregnancy-points").text
    assert "/points/GB21/" not in section.hrefs()


def test_nerve_and_artery_cautions(client):
    PointFactory(code="GB30", channel="GB")
    html = client.get("/safety/").content.decode()
    assert '<a href="/points/GB30/">GB30</a>' in html
    assert "sciatic nerve" in html
    assert "BL40" in html and "LR3" in html


def test_every_page_links_to_safety(client):
    PointFactory(code="BL23")
    for url in ["/", "/points/", "/points/BL23/", "/sources/", "/safety/"]:
        footer = element(client.get(url).content, "footer.site-footer")
        assert "/safety/" in footer.hrefs(), url


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
