import pytest

pytestmark = pytest.mark.django_db


def test_home_explains_the_app_and_the_path_through_it(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "lower back pain, sciatica and hip or leg pain" in html
    for step in [
        "Find your points",
        "Build a routine",
        "Follow a guided session",
        "Track your pain",
    ]:
        assert step in html
    assert 'href="/points/"' in html
    assert 'href="/routines/starters/"' in html
    assert 'href="/accounts/signup/"' in html


def test_home_links_to_safety(client):
    html = client.get("/").content.decode()
    assert "not treatment" in html
    assert 'href="/safety/"' in html


def test_signed_in_users_go_to_today(user_client):
    response = user_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/today/"


def test_home_needs_no_query_for_an_anonymous_visitor(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200
