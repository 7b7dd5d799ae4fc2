"""Find the part of a page that shows a feature, so a test asserts inside it.

    point_list = element(html, "#pregnancy-points")
    assert codes_in(point_list) == {...}

Selectors are the small CSS subset tests need: `tag`, `#id`, `.class`, `tag.class.other`,
`[attr]`, `[attr=value]`, joined by spaces for "inside".
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
SIMPLE = re.compile(r"([a-z0-9-]+)|#([\w-]+)|\.([\w-]+)|\[([\w:-]+)(?:=\"?([^\]\"]*)\"?)?\]")


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Elements and strings, in order
    parent: "Element | None" = None

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The text inside, with runs of white space made one space."""
        parts: list[str] = []

        def walk(node: "Element") -> None:
            for child in node.children:
                parts.append(child) if isinstance(child, str) else walk(child)

        walk(self)
        return " ".join("".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def select(self, selector: str) -> list["Element"]:
        steps = [_compile(part) for part in selector.split()]
        found = [self]
        for step in steps:
            found = _unique(el for base in found for el in base.iter() if step(el))
        return found

    def select_one(self, selector: str) -> "Element":
        """The one element that matches; fails the test when there is none or more than one."""
        found = self.select(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}"
        return found[0]

    def hrefs(self) -> list[str]:
        return [el.attrs.get("href", "") for el in self.iter() if el.tag == "a"]


def _unique(elements) -> list[Element]:
    seen: dict[int, Element] = {}
    for el in elements:
        seen.setdefault(id(el), el)
    return list(seen.values())


def _compile(simple: str):
    tests = []
    for tag, ident, cls, attr, value in SIMPLE.findall(simple):
        if tag:
            tests.append(lambda el, tag=tag: el.tag == tag)
        elif ident:
            tests.append(lambda el, ident=ident: el.attrs.get("id") == ident)
        elif cls:
            tests.append(lambda el, cls=cls: cls in el.classes)
        elif value:
            tests.append(lambda el, attr=attr, value=value: el.attrs.get(attr) == value)
        else:
            tests.append(lambda el, attr=attr: attr in el.attrs)
    return lambda el: all(test(el) for test in tests)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list) -> None:
        el = Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.current.children.append(
            Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        )

    def handle_endtag(self, tag: str) -> None:
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str | bytes) -> Element:
    builder = _TreeBuilder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def element(html: str | bytes, selector: str) -> Element:
    """The one element of the page that matches the selector."""
    return parse(html).select_one(selector)
