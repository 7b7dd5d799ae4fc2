"""The routine card: one PNG with the title, schedule, numbered diagrams and steps."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from points.models import Mark
from routines import card
from routines.models import MAX_STEPS
from tests.factories import MarkFactory, PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

ACCENT = card.ACCENT
TITLE_AND_SCHEDULE = card.MARGIN + 72 + 12 + 44 + card.GAP
LIST_AND_FOOTER = card.GAP + 80


def make_routine(steps: int, *, view=Mark.View.BACK, owner=None):
    routine = RoutineFactory(name="Fridge card", **({"owner": owner} if owner else {}))
    for position in range(steps):
        point = PointFactory(name=f"Point {position}")
        MarkFactory(point=point, view=view, x=80 + position % 5 * 10, y=150 + position * 5)
        StepFactory(routine=routine, point=point, position=position, hold_seconds=60)
    return routine


def render(routine, **kwargs) -> Image.Image:
    png = card.render_card(routine, list(routine.steps.all()), **kwargs)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_a_card_is_a_png_of_the_expected_size():
    image = render(make_routine(3))

    assert image.format == "PNG"
    # One back diagram (200 × 360 units) fills the inner width up to the height limit.
    diagram = card.DIAGRAM_MAX_HEIGHT + 40 + card.GAP
    assert image.size == (card.CARD_WIDTH, TITLE_AND_SCHEDULE + diagram + 3 * 84 + LIST_AND_FOOTER)


def test_the_step_numbers_are_drawn_on_the_diagram():
    image = render(make_routine(1)).convert("RGB")

    # Somewhere in the diagram band there is a numbered disc in the accent colour.
    band = image.crop((0, TITLE_AND_SCHEDULE, card.CARD_WIDTH, TITLE_AND_SCHEDULE + 560))
    assert ACCENT in {colour for _, colour in band.getcolors(1_000_000)}


def test_thirty_steps_fit_in_two_columns():
    image = render(make_routine(MAX_STEPS))

    diagram = card.DIAGRAM_MAX_HEIGHT + 40 + card.GAP
    assert image.height == TITLE_AND_SCHEDULE + diagram + 15 * 84 + LIST_AND_FOOTER


def test_an_empty_routine_still_makes_a_card():
    image = render(RoutineFactory())

    assert image.width == card.CARD_WIDTH
    assert image.height == TITLE_AND_SCHEDULE + 84 + LIST_AND_FOOTER


def test_four_views_make_two_rows_of_diagrams():
    routine = make_routine(1)
    for view in (Mark.View.LEG_BACK, Mark.View.FOOT_TOP, Mark.View.HAND_BACK):
        point = PointFactory()
        MarkFactory(point=point, view=view, x=70, y=100)
        StepFactory(routine=routine, point=point, position=routine.steps.count())

    one_view = render(make_routine(4))
    four_views = render(routine)

    # Two diagrams a row: a second row of diagrams, as tall as the first.
    assert four_views.height == one_view.height + card.DIAGRAM_MAX_HEIGHT + 40 + card.GAP


def test_a_long_name_wraps_onto_more_lines():
    short = make_routine(1)
    long = make_routine(1)
    long.name = "A very long routine name that cannot fit on one line of the card at all"

    extra = render(long).height - render(short).height
    assert extra > 0
    assert extra % 72 == 0


def test_the_card_url_serves_the_png_to_its_owner(user_client, user):
    routine = make_routine(2, owner=user)

    response = user_client.get(reverse("routines:card", args=[routine.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="fridge-card.png"'
    assert Image.open(io.BytesIO(response.content)).width == card.CARD_WIDTH
