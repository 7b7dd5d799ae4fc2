import pytest

from tests.support.html import element

pytestmark = pytest.mark.django_db


def test_home_explains_the_app_and_the_path_through_it(client):
    response = client.get("/")
    assert response.status_code == 200
    main = element(response.content, "main")
    text = main.text
    assert "lower back pain, sciatica and hip or leg pain" in text
    for step in [
        "Find your points",
        "Build a routine",
        "Follow a guided session",
        "Track your pain",
    ]:
        assert step in text
    # The path through the app, in the page itself (the menu has these links on every page).
    assert {"/points/", "/routines/starters/", "/accounts/signup/"} <= set(main.hrefs())


def test_home_says_it_is_not_treatment_and_links_to_the_red_flags(client):
    safety = element(client.get("/").content, "main .home-safety")
    assert "self-care information, not treatment" in safety.text
    assert "weakness in both legs are emergencies" in safety.text
    assert safety.hrefs() == ["/safety/"]


def test_signed_in_users_go_to_today(user_client):
    response = user_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_home_needs_no_query_for_an_anonymous_visitor(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200
