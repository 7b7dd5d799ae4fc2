"""Draw the app's install icons (static/images/icons/) from the brand mark and the palette.

The PNGs are committed; run this again after changing the mark or the colours:

    python manage.py make_icons
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

from acupressure.palette import STATIC, colour

FOLDER = STATIC / "images" / "icons"
SIZES = (192, 512)
# Drawn this many times larger, then scaled down: smooth edges without an antialiasing API.
OVERSAMPLE = 4


def draw_icon(size: int, *, maskable: bool) -> Image.Image:
    """The mark (a ring around a dot, as in the header) on the header colour.

    A maskable icon fills the whole square, since the phone cuts its own shape out of it, and
    keeps the mark inside the central safe circle (80 % of the width); the plain one is a
    rounded square with the mark larger.
    """
    big = size * OVERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    background, ink = colour("header-bg"), colour("header-ink")
    if maskable:
        draw.rectangle((0, 0, big, big), fill=background)
        ring = big * 0.27
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=background)
        ring = big * 0.36
    centre = big / 2
    width = ring * 0.2
    draw.ellipse(
        (centre - ring, centre - ring, centre + ring, centre + ring),
        outline=ink,
        width=round(width),
    )
    dot = ring * 0.4
    draw.ellipse((centre - dot, centre - dot, centre + dot, centre + dot), fill=ink)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def icon_files() -> dict[str, Image.Image]:
    files = {}
    for size in SIZES:
        files[f"icon-{size}.png"] = draw_icon(size, maskable=False)
        files[f"icon-maskable-{size}.png"] = draw_icon(size, maskable=True)
    return files


class Command(BaseCommand):
    help = "Draw the install icons into static/images/icons/."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", type=Path, default=FOLDER)

    def handle(self, *args, out: Path, **options) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for name, image in icon_files().items():
            image.save(out / name, optimize=True)
            self.stdout.write(f"{out / name}")
