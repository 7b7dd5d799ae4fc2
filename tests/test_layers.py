"""Imports run one way: acupressure ← points ← routines ← practice ← journal.

Each app may import the apps below it and never one above it, so a newcomer can read the house
from the bottom up and an app can be understood without those that build on it. The base,
``acupressure``, imports no app at all except in ``acupressure/urls.py``, the composition root
that includes every app's addresses.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["acupressure", "points", "routines", "practice", "journal"]
COMPOSITION_ROOT = ROOT / "acupressure" / "urls.py"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def upward_imports(app: str) -> list[str]:
    rank = LAYERS.index(app)
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if path == COMPOSITION_ROOT:
            continue
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in LAYERS and LAYERS.index(top) > rank:
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_no_app_imports_one_above_it(app):
    assert upward_imports(app) == []


def test_every_app_is_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(LAYERS)


def test_the_check_sees_an_upward_import(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("def view():\n    from journal.models import Entry\n")
    assert "journal.models" in imported_modules(sample)
