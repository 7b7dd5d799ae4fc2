"""Benefits are the articles' claims, not findings; overclaims are answered; labels explained."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from points.models import Alias, Claim, LabelNote, Point, Source

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SOURCE_000 = "pressure-points-lower-back-sciatica-leg-pain"
SOURCE_001 = "acupressure-points-for-lower-back-pain"
SOURCE_002 = "best-acupressure-points-back-pain"
SOURCE_003 = "five-acupressure-points-lower-back-pain"
SOURCE_004 = "acupressure-points-back-pain-how-to"
STUDY = "murphy-2019-self-acupressure-trial"

# What each article claims beyond its points (read from the articles), as words that must
# appear in that source's list of answered claims.
OVERCLAIMS = {
    SOURCE_000: ["coming back", "blocked energy", "pulse", "endorphins", "map of the spine"],
    SOURCE_001: [
        "natural steroids",
        "surgery",
        "paralysis",
        "herniated",
        "instantly",
        "guaranteed",
        "most effective",
        "blood pressure",
    ],
    SOURCE_002: ["never come back", "quickly"],
    SOURCE_003: ["widely accepted", "unblocks"],
    SOURCE_004: ["herniated disc", "fast", "X-rays", "MRI"],
}

# The labels the articles print, as written, that name a point: each finds its point.
ARTICLE_NAMES = {
    "CV 6": "CV6", "B 23": "BL23", "B 47": "BL52", "B 48": "BL53", "GB 30": "GB30",
    "B 53": "BL39", "B 54": "BL40", "B52": "BL52", "Bladder 60": "BL60", "LV 3": "LR3",
    "LI 4": "LI4", "UB40": "BL40", "Hoku": "LI4", "Sea of Vitality": "BL52",
    "Womb and Vitals": "BL53", "Sea of Energy": "CV6", "Kunlun Mountains": "BL60",
    "Celestial Gathering": "SI11", "Small Intestine 11": "SI11", "Kidney Shu": "BL23",
    "Bladder 23": "BL23", "Middle Crook": "BL40", "Bladder 54": "BL40",
    "Bladder Vitals": "BL53", "Bladder 48": "BL53", "Small Intestine 4": "SI4",
    "SI4": "SI4", "TE3": "TE3", "G30": "GB30", "Gallbladder 30": "GB30",
    "Urinary Bladder 40": "BL40", "Urinary Bladder 57": "BL57", "UB57": "BL57",
    "Liver 3": "LR3", "LV3": "LR3", "Yintang": "EX-HN3", "Anmian": "Anmian", "HT7": "HT7",
    "SP6": "SP6",
}  # fmt: skip
# Labels the articles print that are no point's name or code: each is explained.
ARTICLE_NON_NAMES = {
    "Ling Gu": "LI4",
    "Control Vessel 4": "BL40",
    "Triple Energizer": "TE3",
    "Stomach point": "CV6",
}
# Aliases that an article prints exactly as written (kind "Label used in an article").
LABELS_THE_ARTICLES_USE = {
    "Bladder 23", "B52", "Bladder 48", "Bladder Vitals", "Gallbladder 30", "Bladder 54",
    "Urinary Bladder 40", "Bladder 60", "Liver 3", "H point", "Small Intestine 11",
    "Small Intestine 4", "Urinary Bladder 57",
}  # fmt: skip


def section(html: str, start: str, end: str | None = None) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)] if end else html[begin:]


@pytest.mark.parametrize("slug", sorted(OVERCLAIMS))
def test_each_articles_overclaims_are_named_and_answered_on_its_page(client, catalogue, slug):
    html = client.get(f"/sources/{slug}/").content.decode()
    answered = section(html, 'id="overclaims-heading"', "</section>")
    missing = [words for words in OVERCLAIMS[slug] if words.lower() not in answered.lower()]
    assert missing == []
    source = Source.objects.get(slug=slug)
    for item in source.overclaims.all():
        assert escape(item.answer) in answered


def test_the_claim_that_could_keep_someone_from_care_is_answered_with_care(catalogue):
    surgery = Source.objects.get(slug=SOURCE_001).overclaims.get(claim__icontains="surgery")
    assert "never instead of it" in surgery.answer
    assert "Red flags" in surgery.answer


def test_imaging_after_a_few_days_is_answered_with_the_guideline(catalogue):
    imaging = Source.objects.get(slug=SOURCE_004).overclaims.get(claim__icontains="MRI")
    assert "NG59" in imaging.answer and "routine imaging" in imaging.answer


def test_a_verdict_says_it_judges_place_and_method(client, catalogue):
    assert Claim.Verdict.AGREES.label == "Place and method agree"
    html = client.get(f"/sources/{SOURCE_001}/").content.decode()
    table = section(html, 'id="recommends-heading"', "</section>")
    assert "judges only where the article puts a point and how it says to press it" in table
    assert '<th scope="col">Place and method</th>' in table


def test_an_agreeing_claim_shows_its_benefits_as_the_articles_with_no_evidence(client, catalogue):
    # BL60 in the retailer's article: the place agrees, the blood pressure claim has no support.
    html = client.get("/points/BL60/").content.decode()
    card = section(html, "Acupressure Points For Lower Back Pain", "</li>")
    assert "Place and method agree" in card
    assert re.search(r"The article claims</span> [^<]*raised blood pressure", card)
    assert "No evidence found." in card


def test_the_trials_claims_carry_the_trials_evidence(client, catalogue):
    for claim in Claim.objects.filter(source__slug=STUDY):
        assert "randomised pilot trial" in claim.evidence, claim.label
    html = client.get("/points/SP6/").content.decode()
    card = section(html, "Self-administered acupressure", "</li>")
    assert "about a third less pain" in card and "No evidence found." not in card


def test_no_page_promises_what_a_point_is_for(client, catalogue):
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Recommended for" not in text and "Helps with" not in text, path.name
    html = client.get("/points/BL40/").content.decode()
    assert '<h2 id="complaints-heading">Articles suggest it for</h2>' in html
    assert "Articles suggest it for" in client.get("/points/").content.decode()


def test_the_apps_own_voice_makes_no_health_claim(catalogue):
    claims = re.compile(r"\b(calms?|calming|eases?|relieves?|cures?|heals?|soothing)\b", re.I)
    for point in Point.objects.all():
        assert not claims.search(point.summary), (point.code, point.summary)
        assert not claims.search(point.how_to_find), (point.code, point.how_to_find)


def test_anmian_is_an_extra_point_outside_the_standard_behind_the_ear(client, catalogue):
    anmian = Point.objects.get(code="Anmian")
    assert anmian.channel == Point.Channel.EX
    assert "Behind the ear" in anmian.location
    assert "outside the WHO standard" in anmian.naming_note
    html = client.get(anmian.get_absolute_url()).content.decode()
    assert "outside the WHO standard" in html
    assert Claim.objects.get(source__slug=STUDY, label="Anmian").point == anmian


def test_the_trials_starter_has_all_five_of_its_points(client, catalogue):
    from routines.models import Routine

    starter = Routine.objects.get(owner=None, slug="relaxing-set-from-a-trial")
    codes = list(starter.steps.order_by("position").values_list("point__code", flat=True))
    assert codes == ["EX-HN3", "Anmian", "HT7", "SP6", "LR3"]


def test_yintangs_codes_say_which_standard_gives_which(client, catalogue):
    yintang = Point.objects.get(code="EX-HN3")
    # Its own code is not another ("older") code of itself.
    assert not yintang.aliases.filter(key="EXHN3").exists()
    assert yintang.aliases.get(label="GV29").kind == Alias.Kind.LATER
    note = yintang.naming_note
    assert "EX-HN3" in note and "GV29" in note and "GB/T 12346-2021" in note
    assert "GV24+" in note and "best reading" in note
    html = client.get("/points/EX-HN3/").content.decode()
    assert "Code in a later standard" in html and "Older code" not in html


def test_gv24_is_another_point_and_does_not_find_yintang(client, catalogue):
    response = client.get("/points/", {"q": "GV24"})
    assert response.status_code == 200
    assert 'href="/points/EX-HN3/"' not in response.content.decode()


def test_no_point_lists_its_own_code_as_an_alias(catalogue):
    for point in Point.objects.prefetch_related("aliases"):
        assert point.code.upper() not in {alias.key for alias in point.aliases.all()}


def test_label_used_in_an_article_only_for_labels_an_article_prints(catalogue):
    labels = set(Alias.objects.filter(kind=Alias.Kind.LABEL).values_list("label", flat=True))
    assert labels == LABELS_THE_ARTICLES_USE


def test_those_labels_are_in_the_articles_as_written():
    folder = Path(settings.BASE_DIR).parent / "shared" / "sources"
    articles = sorted(folder.glob("*.txt"))
    if not articles:
        pytest.skip(f"the source articles are not in {folder}")
    text = " ".join(" ".join(re.findall(r"[a-z0-9]+", a.read_text().lower())) for a in articles)
    for label in LABELS_THE_ARTICLES_USE - {"H point"}:
        assert f" {' '.join(re.findall(r'[a-z0-9]+', label.lower()))} " in text, label


@pytest.mark.parametrize(("label", "code"), sorted(ARTICLE_NAMES.items()))
def test_every_article_name_finds_its_point(client, catalogue, label, code):
    response = client.get("/points/", {"q": label})
    assert response.status_code == 302
    assert response["Location"] == Point.objects.get(code=code).get_absolute_url()


@pytest.mark.parametrize(("label", "code"), sorted(ARTICLE_NON_NAMES.items()))
def test_every_article_label_that_is_no_point_explains_and_links(client, catalogue, label, code):
    html = client.get("/points/", {"q": label}).content.decode()
    note = section(html, 'class="alert label-note"', "</div>")
    assert f"“{label}” names no point in this catalogue." in note
    assert f'href="/points/{code}/"' in note


def test_a_label_note_address_goes_to_the_explanation(client, catalogue):
    response = client.get("/points/Ling Gu/")
    assert response.status_code == 302
    assert response["Location"] == "/points/?q=Ling+Gu"


def test_no_label_note_reads_as_a_code_or_alias(catalogue):
    aliases = set(Alias.objects.values_list("key", flat=True))
    codes = {code.upper().replace("-", "") for code in Point.objects.values_list("code", flat=True)}
    for note in LabelNote.objects.all():
        assert note.key not in aliases | codes, note.label
