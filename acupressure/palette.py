"""The app's colours, read from the stylesheets so that Python draws with the same palette.

static/css/tokens.css (light) and static/css/dark.css (dark) define every colour as a custom
property on ``:root``. The PNG diagrams, the routine card and the web app manifest take their
colours from here, so a colour changed in the stylesheet changes every output.
"""

import re
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
FILES = {"light": STATIC / "css" / "tokens.css", "dark": STATIC / "css" / "dark.css"}
# The first :root block of a file, and the hex colours declared in it.
ROOT_BLOCK = re.compile(r":root\s*\{(?P<body>[^}]*)\}")
COLOUR = re.compile(r"--(?P<name>[a-z0-9-]+)\s*:\s*(?P<value>#[0-9a-fA-F]{3,8})\s*;")


def parse(css: str) -> dict[str, str]:
    """``{name: "#rrggbb"}`` for each hex colour on the first ``:root`` of a stylesheet."""
    match = ROOT_BLOCK.search(css)
    if not match:
        return {}
    return {m["name"]: m["value"].lower() for m in COLOUR.finditer(match["body"])}


@cache
def palette(scheme: str = "light") -> dict[str, str]:
    """The colours of one scheme; dark falls back to light for a name it does not redefine."""
    colours = parse(FILES["light"].read_text())
    if scheme == "dark":
        colours = {**colours, **parse(FILES["dark"].read_text())}
    return colours


def colour(name: str, scheme: str = "light") -> str:
    return palette(scheme)[name]
