"""The body views: SVG drawings in art/, read once when the app starts.

Each file in art/ is one view, drawn in its own box (the viewBox; x to the right, y down) so an
illustrator can open it in Inkscape, retouch it and save it. Standing figures are 200 x 360
with the midline at x = 100; limbs are drawn as the right limb. A file has three layers:

- `drawing`: paths, ellipses and notes; each shape's class (`diagram-body`, ...) names its look
  in palette.STYLES. No transforms: Inkscape writes moves into the coordinates by default.
- `regions` (hidden): the body map's link areas, a polygon and a text (where the region's name
  goes) per region, both carrying `data-region`.
- `close-up` (hidden): a rect, the part of the box worth showing for a single point.

On the root, `data-shows` says what the drawing shows and from where, and `data-limb` which
limb a drawing of one leg, foot or hand draws; downloaded pictures print both.

The title is the view's name on the page. Marks stay data (Mark rows, fixtures/catalogue).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path as FilePath

from points.diagrams.palette import STYLES
from points.diagrams.pathdata import XY, Subpath, flatten, inside, parse_path

ART = FilePath(__file__).resolve().parent / "art"
SVG = "{http://www.w3.org/2000/svg}"
Frame = tuple[float, float, float, float]  # x, y, width, height

# The midline of the standing figures.
MID = 100.0


class ArtError(ValueError):
    pass


@dataclass(frozen=True)
class Path:
    style: str
    d: str  # as written in the drawing, for SVG output
    subpaths: tuple[Subpath, ...]


@dataclass(frozen=True)
class Ellipse:
    style: str
    cx: float
    cy: float
    rx: float
    ry: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # start, middle or end
    size: float = 6.5


Shape = Path | Ellipse | Label


@dataclass(frozen=True)
class View:
    key: str
    title: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    # Body regions this view shows, for the body map: (region value, polygon, label position).
    regions: tuple[tuple[str, tuple[XY, ...], XY], ...] = ()
    label_size: float = 9.0  # of the region labels
    # The part of the box worth showing for a single point (x, y, width, height), if not all.
    frame: Frame | None = None
    # Where a bilateral point is pressed, as seen on this view.
    both: str = "on both sides"
    # What the drawing shows, from where ("The back of the right leg, seen from behind: ...").
    shows: str = ""
    # The limb drawn ("right"), for views of one leg, foot or hand.
    limb: str = ""

    def body_paths(self) -> list[Path]:
        return [s for s in self.shapes if isinstance(s, Path) and s.style == "body"]

    def on_body(self, x: float, y: float) -> bool:
        """Whether (x, y) lies inside one of the body outlines of this view."""
        return any(
            inside(flatten(sub, 1.0), x, y)
            for path in self.body_paths()
            for sub in path.subpaths
            if sub.closed
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """The box around the body outlines (min x, min y, max x, max y), clipped to the view."""
        points = [
            p
            for path in self.body_paths()
            for sub in path.subpaths
            for segment in sub.segments
            for p in segment
        ]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (
            max(0.0, min(xs)),
            max(0.0, min(ys)),
            min(self.width, max(xs)),
            min(self.height, max(ys)),
        )


# Reading the files -------------------------------------------------------------------------


def _style_attrs(element: ET.Element) -> dict[str, str]:
    """Presentation attributes, with a `style="a:b; c:d"` (as Inkscape writes) taking over."""
    attrs = dict(element.attrib)
    for rule in attrs.get("style", "").split(";"):
        name, _, value = rule.partition(":")
        if value:
            attrs[name.strip()] = value.strip()
    return attrs


def _number(element: ET.Element, name: str, default: float | None = None) -> float:
    value = _style_attrs(element).get(name)
    if value is None:
        if default is None:
            raise ArtError(f"<{_tag(element)}> needs {name}")
        return default
    return float(value.removesuffix("px"))


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(SVG)


def _kind(element: ET.Element) -> str:
    for name in element.get("class", "").split():
        if name.startswith("diagram-") and name[len("diagram-") :] in STYLES:
            return name[len("diagram-") :]
    raise ArtError(f"<{_tag(element)} id={element.get('id')!r}> has no diagram-<kind> class")


def _shapes(layer: ET.Element) -> list[Shape]:
    shapes: list[Shape] = []
    for element in layer:
        tag = _tag(element)
        if element.get("transform"):
            raise ArtError(f"<{tag} id={element.get('id')!r}> has a transform: apply it first")
        if tag == "g":
            shapes.extend(_shapes(element))
        elif tag == "path":
            shapes.append(
                Path(_kind(element), element.get("d", ""), parse_path(element.get("d", "")))
            )
        elif tag in ("ellipse", "circle"):
            r = _number(element, "r", 0.0)
            shapes.append(
                Ellipse(
                    _kind(element),
                    _number(element, "cx", 0.0),
                    _number(element, "cy", 0.0),
                    _number(element, "rx", r),
                    _number(element, "ry", r),
                )
            )
        elif tag == "text":
            attrs = _style_attrs(element)
            shapes.append(
                Label(
                    _number(element, "x"),
                    _number(element, "y"),
                    "".join(element.itertext()).strip(),
                    attrs.get("text-anchor", "start"),
                    _number(element, "font-size", 6.5),
                )
            )
        elif tag not in ("title", "desc"):
            raise ArtError(f"<{tag}> cannot be drawn: use paths, ellipses and text")
    return shapes


def _regions(layer: ET.Element | None) -> tuple[list[tuple[str, tuple[XY, ...], XY]], float]:
    if layer is None:
        return [], 9.0
    polygons: dict[str, tuple[XY, ...]] = {}
    labels: dict[str, XY] = {}
    size = 9.0
    for element in layer.iter():
        region = element.get("data-region")
        if region and _tag(element) == "polygon":
            numbers = [float(n) for n in element.get("points", "").replace(",", " ").split()]
            polygons[region] = tuple(zip(numbers[::2], numbers[1::2], strict=True))
        elif region and _tag(element) == "text":
            labels[region] = (_number(element, "x"), _number(element, "y"))
            size = _number(element, "font-size", size)
    if set(polygons) != set(labels):
        raise ArtError(f"Each region needs a polygon and a label: {sorted(polygons)}")
    return [(r, polygons[r], labels[r]) for r in polygons], size


def _frame(layer: ET.Element | None) -> Frame | None:
    rect = None if layer is None else layer.find(f"{SVG}rect")
    if rect is None:
        return None
    return tuple(_number(rect, name) for name in ("x", "y", "width", "height"))  # type: ignore[return-value]


def _both(key: str) -> str:
    return {"leg": "on both legs", "foot": "on both feet", "hand": "on both hands"}.get(
        key.split("-")[0], "on both sides"
    )


def load_view(file: FilePath) -> View:
    root = ET.parse(file).getroot()  # noqa: S314 - our own drawings, from the repository
    layers = {element.get("id"): element for element in root.iter(f"{SVG}g")}
    if "drawing" not in layers:
        raise ArtError(f"{file.name} has no layer with id 'drawing'")
    for name in ("drawing", "regions", "close-up"):
        if name in layers and layers[name].get("transform"):
            raise ArtError(f"{file.name}: the {name} layer has a transform: apply it first")
    _, _, width, height = (float(n) for n in root.get("viewBox", "").replace(",", " ").split())
    title = root.find(f"{SVG}title")
    regions, label_size = _regions(layers.get("regions"))
    return View(
        key=file.stem,
        title=(title.text or "").strip() if title is not None else file.stem,
        width=width,
        height=height,
        shapes=tuple(_shapes(layers["drawing"])),
        regions=tuple(regions),
        label_size=label_size,
        frame=_frame(layers.get("close-up")),
        both=_both(file.stem),
        shows=root.get("data-shows", ""),
        limb=root.get("data-limb", ""),
    )


def load_views(folder: FilePath = ART) -> dict[str, View]:
    """Every drawing in `folder`, by view key (the file's name)."""
    return {file.stem: load_view(file) for file in sorted(folder.glob("*.svg"))}


# Read once, when the app starts: every picture of every page is drawn from these.
VIEWS: dict[str, View] = load_views()
