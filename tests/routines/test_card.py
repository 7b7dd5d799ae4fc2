"""The routine card: one PNG with the title, schedule, numbered diagrams and steps."""

import io

import pytest
from django.urls import reverse
from PIL import Image, ImageChops, ImageFilter

from points.models import Mark
from routines import card
from routines.models import MAX_STEPS
from tests.factories import MarkFactory, PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db


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
    assert image.format == "PNG"
    return image


SCALE = 3


def mask(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """White where the card is exactly this colour, black elsewhere."""
    difference = ImageChops.difference(image, Image.new("RGB", image.size, colour))
    red, green, blue = difference.split()
    unlike = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return unlike.point(lambda value: 255 if value == 0 else 0)


def runs(profile: list[int], *, bridge: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each stretch of non-zero values; gaps up to ``bridge`` are closed."""
    found: list[tuple[int, int]] = []
    start = None
    for index, value in enumerate([*profile, 0]):
        if value and start is None:
            start = index
        elif not value and start is not None:
            if found and start - found[-1][1] <= bridge:
                start = found.pop()[0]
            found.append((start, index))
            start = None
    return found


def shapes(image: Image.Image, colour, *, thicker_than: int, bridge: int, least: int) -> list:
    """Solid shapes of one colour, as rows of boxes (left, top, right, bottom), top to bottom.

    Shrinking the mask first drops lines and letters thinner than ``thicker_than`` pixels, so
    what is left is the filled discs and the body drawings; parts closer than ``bridge`` are
    one shape (a digit cuts through its disc, an arm stands apart from the body), and shapes
    smaller than ``least`` pixels either way are left out.
    """
    # At a third of the size, where a pixel stands for a 3 × 3 block that is wholly the colour.
    solid = mask(image, colour).reduce(SCALE).point(lambda value: 255 if value == 255 else 0)
    if thicker_than > SCALE:
        solid = solid.filter(ImageFilter.MinFilter(thicker_than // SCALE))
    rows = []
    profile = list(solid.resize((1, solid.height), Image.BOX).get_flattened_data())
    for top, bottom in runs(profile, bridge=bridge // SCALE):
        band = solid.crop((0, top, solid.width, bottom))
        across = list(band.resize((band.width, 1), Image.BOX).get_flattened_data())
        boxes = [
            (left * SCALE, top * SCALE, right * SCALE, bottom * SCALE)
            for left, right in runs(across, bridge=bridge // SCALE)
        ]
        boxes = [box for box in boxes if min(box[2] - box[0], box[3] - box[1]) >= least]
        if boxes:
            rows.append(boxes)
    return rows


def numbers_in_the_list(image: Image.Image) -> list[list[tuple]]:
    """The numbered discs beside the steps, column by column, each top to bottom."""
    rows = shapes(image, card.BRAND, thicker_than=9, bridge=18, least=24)
    discs = sorted((box for row in rows for box in row), key=lambda box: box[0])
    columns: list[list[tuple]] = []
    for disc in discs:
        # A wide number cuts into its disc's edge: a column is discs within a disc's width.
        if columns and disc[0] - columns[-1][0][0] < disc[2] - disc[0]:
            columns[-1].append(disc)
        else:
            columns.append([disc])
    return [sorted(column, key=lambda box: box[1]) for column in columns]


def diagram_rows(image: Image.Image) -> list[list[tuple]]:
    """The body drawings, row by row, found by their skin: the commonest colour left once the
    paper and the card's own inks are set aside."""
    inks = {card.PAPER, card.INK, card.INK_SOFT, card.BRAND, card.LINE, card.WARN, card.ACCENT}
    colours = sorted(image.getcolors(10_000_000), reverse=True)
    skin = next(colour for _, colour in colours if colour not in inks)
    return shapes(image, skin, thicker_than=5, bridge=40, least=100)


def footer_rule(image: Image.Image) -> int:
    """The top of the line above the footer, the last line across the card's width."""
    line = mask(image, card.LINE)
    wide = [
        y
        for y in range(image.height)
        if line.crop((0, y, image.width, y + 1)).histogram()[255] > image.width // 2
    ]
    return wide[-1]


def test_a_card_is_a_png_with_its_diagram_and_each_step_numbered():
    image = render(make_routine(3)).convert("RGB")

    assert image.width == card.CARD_WIDTH
    drawings = diagram_rows(image)
    assert len(drawings) == 1
    (numbers,) = numbers_in_the_list(image)  # one column
    assert len(numbers) == 3
    diagrams_bottom = drawings[0][0][3]
    assert diagrams_bottom < numbers[0][1]
    assert numbers[-1][3] < footer_rule(image) < image.height


def test_the_step_numbers_are_drawn_on_the_diagram():
    image = render(make_routine(1)).convert("RGB")

    (drawing,) = diagram_rows(image)[0]
    left, top, right, bottom = drawing
    inside = image.crop((left, top, right, bottom))
    assert card.ACCENT in {colour for _, colour in inside.getcolors(1_000_000)}


def test_thirty_steps_fit_in_two_columns():
    image = render(make_routine(MAX_STEPS)).convert("RGB")

    columns = numbers_in_the_list(image)
    assert [len(column) for column in columns] == [MAX_STEPS // 2, MAX_STEPS // 2]
    # Side by side, row for row, and all above the footer.
    assert [disc[1] for disc in columns[0]] == [disc[1] for disc in columns[1]]
    assert columns[0][-1][3] < footer_rule(image)


def test_an_empty_routine_still_makes_a_card():
    image = render(RoutineFactory()).convert("RGB")

    assert image.width == card.CARD_WIDTH
    assert numbers_in_the_list(image) == []
    assert diagram_rows(image) == []
    assert footer_rule(image) < image.height


def test_four_views_make_two_rows_of_two_diagrams():
    routine = make_routine(1)
    for view in (Mark.View.LEG_BACK, Mark.View.FOOT_TOP, Mark.View.HAND_BACK):
        point = PointFactory()
        MarkFactory(point=point, view=view, x=70, y=100)
        StepFactory(routine=routine, point=point, position=routine.steps.count())

    image = render(routine).convert("RGB")

    assert [len(row) for row in diagram_rows(image)] == [2, 2]
    assert [len(column) for column in numbers_in_the_list(image)] == [4]


def test_a_long_name_wraps_onto_more_lines():
    short = make_routine(1)
    long = make_routine(1)
    long.name = "A very long routine name that cannot fit on one line of the card at all"

    short_card, long_card = render(short).convert("RGB"), render(long).convert("RGB")

    assert long_card.width == short_card.width == card.CARD_WIDTH
    # The title takes more lines and pushes the drawing down; nothing else changes.
    pushed = diagram_rows(long_card)[0][0][1] - diagram_rows(short_card)[0][0][1]
    assert pushed > 0
    assert long_card.height - short_card.height == pushed


def test_the_card_url_serves_the_png_to_its_owner(user_client, user):
    routine = make_routine(2, owner=user)

    response = user_client.get(reverse("routines:card", args=[routine.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="fridge-card.png"'
    assert Image.open(io.BytesIO(response.content)).width == card.CARD_WIDTH
