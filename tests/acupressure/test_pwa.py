"""The installable app: manifest, service worker, offline list and page, forgetting on logout."""

import json
import re

import pytest
from PIL import Image

from acupressure import pwa
from acupressure.management.commands.make_icons import icon_files
from acupressure.palette import STATIC, colour
from points.models import Point, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_on(settings):
    settings.SERVICE_WORKER = True


def test_the_manifest_has_what_an_install_needs(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"].startswith("Press Points")
    assert manifest["short_name"] == "Press Points"
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == colour("header-bg")
    assert manifest["background_color"] == colour("paper")
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {(s, p) for s in ("192x192", "512x512") for p in ("any", "maskable")}
    for (sizes, _purpose), src in icons.items():
        path = STATIC / src.removeprefix("/static/")
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == sizes
            assert image.format == "PNG"


def test_every_page_links_the_manifest_and_both_theme_colours(client):
    html = client.get("/points/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert html.count('<meta name="theme-color"') == 2


def test_the_committed_icons_are_the_ones_the_command_draws():
    for name, drawn in icon_files().items():
        with Image.open(STATIC / "images" / "icons" / name) as committed:
            assert committed.size == drawn.size
            # A maskable icon fills its square: the phone cuts its own shape.
            corner = committed.convert("RGBA").getpixel((0, 0))
            assert (corner[3] == 255) == ("maskable" in name)


def test_the_worker_is_served_at_the_root_for_the_whole_scope(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert b'addEventListener("fetch"' in response.content
    assert b'addEventListener("push"' in response.content
    assert b'addEventListener("notificationclick"' in response.content
    # The same strict policy as every page: no inline code anywhere.
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_pages_name_the_worker_only_when_it_is_on(client, settings):
    assert "data-service-worker" not in client.get("/accounts/login/").content.decode()
    settings.SERVICE_WORKER = True
    html = client.get("/accounts/login/").content.decode()
    assert re.search(r'<html [^>]*data-service-worker="/sw.js\?v=[0-9a-f]{12}"', html)


def test_offline_list_holds_the_whole_catalogue(client, catalogue, worker_on):
    from points import edition

    files = client.get("/offline/files.json").json()
    assert files["release"] == pwa.release()
    pages = set(files["pages"])
    assert {"/offline/", "/", "/points/", "/points/map/", "/sources/", "/safety/"} <= pages
    for code in Point.objects.values_list("code", flat=True):
        assert f"/points/{code}/" in pages
        # The drawing under the very address its page links, so it is there offline.
        linked = re.search(
            r'href="(/points/[^/]+/diagram\.png\?v=[^"]+)"',
            client.get(f"/points/{code}/").content.decode(),
        )
        if linked:
            assert linked.group(1) in pages
        assert f"/points/{code}/diagram.png?v={edition.stamp(edition.current()[0])}" in pages
    for slug in Source.objects.values_list("slug", flat=True):
        assert f"/sources/{slug}/" in pages
    # Nothing that belongs to one person.
    assert not [
        url for url in pages if re.match(r"/(today|routines|practice|journal|accounts)/", url)
    ]
    assert any(url.startswith("/points/drawings.svg?v=") for url in pages)
    assert "/static/css/dark.css" in files["static"]
    assert "/static/js/player.js" in files["static"]


def test_every_offline_page_answers_without_an_account(client, catalogue):
    for url in pwa.offline_urls():
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_offline_page_points_to_what_works_offline(client):
    response = client.get("/offline/")
    assert response.status_code == 200
    card = response.content.decode().split('class="card offline-card"')[1]
    assert 'href="/points/"' in card and 'href="/safety/"' in card


def test_logout_and_account_deletion_clear_the_browser_cache(user_client, user):
    response = user_client.post("/accounts/logout/")
    assert response["Clear-Site-Data"] == '"cache"'
    user_client.force_login(user)
    response = user_client.post("/accounts/delete/", {"password": "wrong"})
    assert "Clear-Site-Data" not in response
    from tests.factories import PASSWORD

    response = user_client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'


def test_the_release_changes_with_a_deploy_and_a_catalogue_edit(catalogue, monkeypatch):
    from points import edition

    pwa.code_digest.cache_clear()
    before = pwa.release()
    assert pwa.release() == before
    monkeypatch.setenv("DJANGO_RELEASE", "2026-12-02")
    pwa.code_digest.cache_clear()
    assert pwa.release() != before
    monkeypatch.delenv("DJANGO_RELEASE")
    pwa.code_digest.cache_clear()
    assert pwa.release() == before
    edition.bump()
    assert pwa.release() != before
