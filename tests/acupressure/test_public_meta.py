"""What a new visitor's browser and search engines ask of every public page."""

import io
import urllib.robotparser
from html.parser import HTMLParser

import pytest
from PIL import Image


class _HeadMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.descriptions: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head and dict(attrs).get("name") == "description":
            self.descriptions.append(dict(attrs).get("content", ""))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def description(html: str) -> str:
    parser = _HeadMeta()
    parser.feed(html)
    assert len(parser.descriptions) == 1, parser.descriptions
    return parser.descriptions[0]


PUBLIC_PAGES = [
    "/",
    "/points/",
    "/points/BL40/",
    "/points/map/",
    "/sources/",
    "/safety/",
    "/routines/starters/",
    "/accounts/login/",
    "/accounts/signup/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_describes_itself(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 200
    text = description(response.content.decode())
    assert 60 <= len(text) <= 200, text


def test_descriptions_differ_between_pages(client, catalogue):
    seen = {path: description(client.get(path).content.decode()) for path in PUBLIC_PAGES}
    assert len(set(seen.values())) == len(PUBLIC_PAGES), seen


def test_a_point_page_description_names_the_point(client, catalogue):
    text = description(client.get("/points/BL40/").content.decode())
    assert text.startswith("BL40 Weizhong")


def test_robots_keeps_private_pages_out_and_lets_the_catalogue_in(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    for public in ["/", "/points/", "/points/BL40/", "/sources/", "/safety/"]:
        assert robots.can_fetch("*", public), public
    assert robots.can_fetch("*", "/routines/starters/")
    for private in [
        "/journal/",
        "/journal/summary/",
        "/routines/1/",
        "/today/",
        "/practice/1/",
        "/accounts/settings/",
        "/admin/",
    ]:
        assert not robots.can_fetch("*", private), private


def test_favicon_ico_is_an_icon_the_browser_keeps(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=604800" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])
