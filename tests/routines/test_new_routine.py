import datetime

import pytest
from django.urls import reverse

from routines.models import Routine

pytestmark = pytest.mark.django_db

URL = reverse("routines:new")


def data(**overrides) -> dict:
    values = {
        "name": "Morning back",
        "schedule": "weekly",
        "weekdays": ["0", "2", "4"],
        "practice_time": "07:15",
    }
    values.update(overrides)
    return values


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_form_offers_daily_or_chosen_weekdays_with_monday_wednesday_friday_ticked(user_client):
    response = user_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Every day" in html
    assert "Three times a week, on the days I choose" in html
    form = response.context["form"]
    assert [box.data["value"] for box in form["weekdays"] if box.data["selected"]] == [0, 2, 4]


def test_creating_a_routine_saves_it_for_the_user_and_opens_the_builder(user_client, user):
    response = user_client.post(URL, data(weekdays=["1", "3", "5"]))

    routine = Routine.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("routines:edit", args=[routine.pk])
    assert routine.owner == user
    assert (routine.name, routine.schedule, routine.weekdays) == ("Morning back", "weekly", "135")
    assert routine.practice_time == datetime.time(7, 15)
    page = user_client.get(response["Location"])
    assert "Now add the points you want to press" in page.content.decode()


def test_a_daily_routine_needs_no_weekdays(user_client):
    response = user_client.post(URL, data(schedule="daily", weekdays=[]))

    assert response.status_code == 302
    assert Routine.objects.get().schedule == "daily"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Give the routine a name."),
        ({"name": "x" * 200}, "name", "Keep the name to 100 characters or fewer (it has 200)."),
        ({"weekdays": []}, "weekdays", "Choose three days for three times a week: no day"),
        ({"weekdays": ["0", "2"]}, "weekdays", "Choose three days for three times a week: only"),
        ({"schedule": "hourly"}, "schedule", "Select a valid choice."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    user_client, overrides, field, message
):
    response = user_client.post(URL, data(**overrides))

    assert response.status_code == 200
    assert Routine.objects.count() == 0
    errors = response.context["form"].errors[field]
    assert any(error.startswith(message) for error in errors)
    assert message in response.content.decode().replace("&#x27;", "'")
