"""Rules of the house that a reviewer would otherwise check by hand.

- Views stack their decorators in one order: what the answer says about caching first (it then
  covers every answer, the login redirect and the 405 included), then who may ask, then what
  is kept out of error reports, then which methods are allowed.
- No source file grows past what one can read in a sitting (~400 lines): a longer one is split
  by feature.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["acupressure", "points", "routines", "practice", "journal"]
SOURCES = sorted(
    path for app in APPS for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts
)
MAX_LINES = 400

# Outermost first.
ORDER = {
    "never_cache": 0,
    "cache_control": 0,
    "vary_on_headers": 0,
    "login_required": 1,
    "sensitive_post_parameters": 2,
    "require_GET": 3,
    "require_POST": 3,
    "require_safe": 3,
    "require_http_methods": 3,
}


def decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return ast.unparse(target).rsplit(".", 1)[-1]


def out_of_order(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.FunctionDef):
            continue
        names = [decorator_name(d) for d in node.decorator_list]
        ranks = [ORDER[name] for name in names if name in ORDER]
        if ranks != sorted(ranks):
            found.append(f"{path.name}:{node.lineno} {node.name}: {' > '.join(names)}")
    return found


def test_views_stack_their_decorators_in_one_order():
    assert [line for path in SOURCES for line in out_of_order(path)] == []


def test_the_order_check_sees_a_method_check_above_the_login(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("@require_POST\n@login_required\ndef view(request):\n    pass\n")
    assert out_of_order(sample) != []


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_source_file_is_over_400_lines(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by feature"
