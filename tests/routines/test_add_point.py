"""From a point's page to a routine: "Add to a routine", choosing which, or a new one."""

import pytest
from django.urls import reverse

from routines.models import Routine
from tests.factories import PointFactory, RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bl40():
    return PointFactory(code="BL40", name="Middle of the Crook", pinyin="Weizhong", hold_seconds=60)


def url(point) -> str:
    return reverse("routines:add_point", args=[point.code])


def codes(routine) -> list[str]:
    return list(routine.steps.order_by("position").values_list("point__code", flat=True))


def test_the_point_page_offers_it_to_a_signed_in_person(user_client, bl40):
    html = user_client.get("/points/BL40/").content.decode()
    section = html[html.index('id="add-to-routine"') :]
    section = section[: section.index("</section>")]
    assert f'href="{url(bl40)}"' in section and f'hx-get="{url(bl40)}"' in section
    assert "Add BL40 to a routine" in section


def test_a_visitor_is_not_offered_it_and_is_asked_to_log_in(client, bl40):
    assert 'id="add-to-routine"' not in client.get("/points/BL40/").content.decode()
    response = client.get(url(bl40))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_choice_lists_only_the_persons_active_routines_and_a_new_one(
    user_client, user, other_user, bl40
):
    RoutineFactory(owner=user, name="Evening back")
    RoutineFactory(owner=user, name="Old one", archived=True)
    RoutineFactory(owner=other_user, name="Not yours")

    html = user_client.get(url(bl40)).content.decode()

    assert "Evening back" in html and "A new routine" in html
    assert html.count('type="radio" name="routine"') == 2
    assert "Old one" not in html and "Not yours" not in html


def test_adding_to_a_routine_puts_it_at_the_end_and_says_so(user_client, user, bl40):
    routine = RoutineFactory(owner=user, name="Evening back")
    StepFactory(routine=routine, point=PointFactory(code="BL23"), position=0)

    response = user_client.post(url(bl40), {"routine": routine.pk}, follow=True)

    assert response.redirect_chain == [("/points/BL40/", 302)]
    assert "Added BL40 Middle of the Crook to “Evening back”." in response.content.decode()
    assert codes(routine) == ["BL23", "BL40"]
    assert routine.steps.get(point=bl40).hold_seconds == 60


def test_adding_to_a_new_routine_creates_it(user_client, user, bl40):
    user_client.post(url(bl40), {"routine": "new", "name": "Knees"})

    routine = Routine.objects.get(owner=user)
    assert routine.name == "Knees"
    assert codes(routine) == ["BL40"]


def test_a_new_routine_without_a_name_gets_one(user_client, user, bl40):
    user_client.post(url(bl40), {"routine": "new", "name": "  "})

    assert Routine.objects.get(owner=user).name == "My routine"


def test_someone_elses_routine_cannot_be_chosen(user_client, other_user, bl40):
    theirs = RoutineFactory(owner=other_user)

    response = user_client.post(url(bl40), {"routine": theirs.pk})

    assert response.status_code == 400
    assert "That routine is not one of yours." in response.content.decode()
    assert theirs.steps.count() == 0


def test_a_point_already_in_the_routine_is_added_again_only_when_confirmed(user_client, user, bl40):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine, point=bl40, position=0)

    response = user_client.post(url(bl40), {"routine": routine.pk})
    html = response.content.decode()
    assert "BL40 Middle of the Crook is already in this routine." in html
    assert 'name="again"' in html
    assert codes(routine) == ["BL40"]

    user_client.post(url(bl40), {"routine": routine.pk, "again": "on"})
    assert codes(routine) == ["BL40", "BL40"]


def test_with_htmx_the_form_and_the_result_swap_in_place(user_client, user, bl40):
    routine = RoutineFactory(owner=user, name="Evening back")

    form = user_client.get(url(bl40), **HTMX).content.decode()
    assert form.lstrip().startswith('<section id="add-to-routine"')
    assert f'hx-post="{url(bl40)}"' in form

    done = user_client.post(url(bl40), {"routine": routine.pk}, **HTMX)
    html = done.content.decode()
    assert done.status_code == 200
    assert html.lstrip().startswith('<section id="add-to-routine"')
    assert 'role="status">Added BL40 Middle of the Crook to “Evening back”.' in html
    assert f'href="{reverse("routines:edit", args=[routine.pk])}"' in html


def test_an_unknown_point_is_404(user_client):
    assert user_client.get(reverse("routines:add_point", args=["XX99"])).status_code == 404
