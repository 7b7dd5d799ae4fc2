"""The catalogue is written in our own words: no run of seven words taken from the articles.

The articles live beside the project (../shared/sources/*.txt), not in it, so these checks skip
where they are absent. Source titles are exempt: they are how each article is credited.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

RUN = 7
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FIXTURE_FILES = sorted(path.relative_to(FIXTURES).as_posix() for path in FIXTURES.rglob("*.json"))


def words(text: str) -> list[str]:
    """Lower-case words with the punctuation stripped (curly and straight apostrophes alike)."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def runs(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def copied(text: str, article_runs: set[tuple[str, ...]], allowed: set[tuple[str, ...]]) -> list:
    """The runs of `text` that also occur in an article, as phrases, in order of appearance."""
    found = words(text)
    phrases = []
    for i in range(len(found) - RUN + 1):
        run = tuple(found[i : i + RUN])
        if run in article_runs and run not in allowed:
            phrases.append(" ".join(run))
    return phrases


def strings(data, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON document with where it sits, e.g. `[3].steps[0].note`."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, f"{where}[{index}]")


def source_titles() -> list[str]:
    sources = json.loads((FIXTURES / "catalogue" / "sources.json").read_text(encoding="utf-8"))
    return [source["title"] for source in sources]


@pytest.fixture(scope="module")
def article_runs() -> set[tuple[str, ...]]:
    folder = Path(settings.BASE_DIR).parent / "shared" / "sources"
    articles = sorted(folder.glob("*.txt"))
    if not articles:
        pytest.skip(f"the source articles are not in {folder}")
    found: set[tuple[str, ...]] = set()
    for article in articles:
        found |= runs(article.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def allowed() -> set[tuple[str, ...]]:
    # A credit may quote a title in full.
    return set().union(*(runs(title) for title in source_titles()))


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_texts_are_not_copied_from_the_articles(name, article_runs, allowed):
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    copies = {}
    for where, text in strings(data):
        if name == "catalogue/sources.json" and re.fullmatch(r"\[\d+\]\.title", where):
            continue
        phrases = copied(text, article_runs, allowed)
        if phrases:
            copies[where] = phrases
    assert copies == {}


def test_templates_are_not_copied_from_the_articles(article_runs, allowed):
    copies = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        phrases = copied(path.read_text(encoding="utf-8"), article_runs, allowed)
        if phrases:
            copies[path.relative_to(TEMPLATES).as_posix()] = phrases
    assert copies == {}


def test_every_catalogue_file_is_checked():
    assert {"catalogue/claims.json", "catalogue/points.json", "starter_routines.json"} <= set(
        FIXTURE_FILES
    )


def test_the_check_finds_a_copied_clause_whatever_its_case_and_punctuation():
    article = runs("It is found, Near the Bladder; on the right side in the middle of the back.")
    assert copied("Point B47: near the bladder on the right side, mid back.", article, set()) == [
        "near the bladder on the right side"
    ]
    assert copied("Mid-back on the right only, by the bladder.", article, set()) == []


def test_the_check_lets_a_title_through_as_a_credit():
    title = "Pressure points to relieve lower back pain, sciatica and leg pain"
    credit = f"From “{title}”."
    assert copied(credit, runs(title), set()) != []
    assert copied(credit, runs(title), runs(title)) == []
