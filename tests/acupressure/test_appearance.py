"""Colour scheme: the person's setting reaches <html>, the palette is one set of names."""

import re

import pytest

from acupressure import palette
from routines.step_markers import Spot, number_labels

pytestmark = pytest.mark.django_db


def dark_links(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="/static/css/dark.css"[^>]*>', html)


def test_someone_not_signed_in_follows_the_device(client):
    html = client.get("/points/").content.decode()
    assert '<html lang="en" data-theme="auto">' in html
    assert dark_links(html) == [
        '<link rel="stylesheet" href="/static/css/dark.css"'
        ' media="screen and (prefers-color-scheme: dark)">'
    ]
    assert '<meta name="color-scheme" content="light dark">' in html
    light, dark = palette.colour("header-bg"), palette.colour("header-bg", "dark")
    assert f'<meta name="theme-color" content="{light}" media="(prefers-color-scheme: light)">' in (
        html
    )
    assert f'<meta name="theme-color" content="{dark}" media="(prefers-color-scheme: dark)">' in (
        html
    )


@pytest.mark.parametrize(
    ("theme", "links"),
    [
        ("dark", ['<link rel="stylesheet" href="/static/css/dark.css" media="screen">']),
        ("light", []),
    ],
)
def test_the_setting_decides_for_a_signed_in_person(user_client, user, theme, links):
    user.theme = theme
    user.save()
    html = user_client.get("/today/").content.decode()
    assert f'<html lang="en" data-theme="{theme}">' in html
    assert dark_links(html) == links
    assert f'<meta name="color-scheme" content="{theme}">' in html


def test_settings_save_the_colour_scheme(user_client, user):
    data = {"get_ready_seconds": "5", "theme": "dark", "timezone": "UTC"}
    assert user_client.post("/accounts/settings/", data).status_code == 302
    user.refresh_from_db()
    assert user.theme == "dark"
    data["theme"] = "purple"
    response = user_client.post("/accounts/settings/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def declared(scheme: str) -> set[str]:
    root = palette.ROOT_BLOCK.search(palette.FILES[scheme].read_text())["body"]
    return set(re.findall(r"--([a-z0-9-]+):", root))


def test_the_dark_scheme_redefines_the_page_colours_and_keeps_the_drawings():
    light = palette.palette("light")
    dark = palette.palette("dark")
    assert declared("dark") <= declared("light")
    assert all(dark[name] != light[name] for name in ["ink", "paper", "card", "brand", "line"])
    assert all(dark[name] == light[name] for name in ["skin", "outline", "guide"])
    assert all(re.fullmatch(r"#[0-9a-f]{6}", value) for value in [*light.values(), *dark.values()])


def test_the_palette_is_read_from_the_stylesheet():
    css = ":root {\n  --ink: #1B2530;\n  --radius: 12px;\n}\n.x { --ink: #000000; }"
    assert palette.parse(css) == {"ink": "#1b2530"}


def test_the_drawings_use_the_palette():
    from points.diagrams import palette as drawing

    assert drawing.STYLES["body"].fill == palette.colour("skin") == "#f5e9de"
    assert palette.colour("accent") == drawing.ACCENT


def test_step_numbers_are_drawn_in_the_palette_colours():
    svg = str(number_labels([Spot(x=10, y=10, numbers=[1])]))
    assert f'fill="{palette.colour("accent")}"' in svg
    assert f'fill="{palette.colour("on-brand")}"' in svg
