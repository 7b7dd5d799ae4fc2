import re

import pytest
from django.urls import reverse

from tests.support.html import element

pytestmark = pytest.mark.django_db

URL = "/accounts/settings/"


def save(client, **overrides):
    data = {
        "pregnant": "on",
        "sound_on": "",
        "get_ready_seconds": "12",
        "theme": "auto",
        "timezone": "Europe/Paris",
        **overrides,
    }
    return client.post(URL, {key: value for key, value in data.items() if value != ""})


def test_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/settings/"


def test_page_shows_current_settings_and_links(user_client, user):
    response = user_client.get(reverse("settings"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input type="checkbox" name="pregnant"[^>]*id="id_pregnant">', html)
    assert re.search(r'<input type="checkbox" name="sound_on"[^>]* checked>', html)
    assert 'name="get_ready_seconds" value="5"' in html
    assert '<option value="UTC" selected>' in html
    assert '<option value="Europe/Paris">Europe/Paris</option>' in html
    assert reverse("password_change") in html
    assert reverse("export") in html
    assert reverse("account-delete") in html
    assert reverse("calendar-reset") in html
    assert "js/timezone.js" in html


def test_page_shows_the_calendar_address(user_client, user):
    html = user_client.get(URL).content.decode()
    assert f"http://testserver/calendar/{user.calendar_token}.ics" in html


def test_saving_updates_the_user(user_client, user):
    response = save(user_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("settings")
    user.refresh_from_db()
    assert user.pregnant is True
    assert user.sound_on is False
    assert user.get_ready_seconds == 12
    assert user.timezone == "Europe/Paris"
    page = user_client.get(URL).content.decode()
    assert "Your settings are saved." in page
    assert "You told us you are pregnant" in element(page, ".banner-pregnancy").text


@pytest.mark.parametrize("value", ["61", "-1", "abc", "", "2.5"])
def test_bad_get_ready_seconds_saves_nothing(user_client, user, value):
    response = save(user_client, get_ready_seconds=value)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert "seconds from 0 to 60" in html
    assert 'id="id_get_ready_seconds_error"' in html
    user.refresh_from_db()
    assert user.get_ready_seconds == 5
    assert user.pregnant is False
    assert user.timezone == "UTC"


@pytest.mark.parametrize("value", ["0", "60"])
def test_get_ready_bounds_are_allowed(user_client, user, value):
    assert save(user_client, get_ready_seconds=value).status_code == 302
    user.refresh_from_db()
    assert user.get_ready_seconds == int(value)


def test_unknown_timezone_is_refused(user_client, user):
    response = save(user_client, timezone="Europe/Atlantis")
    assert response.status_code == 200
    assert "Choose a time zone from the list." in response.content.decode()
    user.refresh_from_db()
    assert user.timezone == "UTC"
    assert user.pregnant is False


def test_rejected_form_does_not_show_unsaved_pregnancy_banner(user_client, user):
    html = save(user_client, get_ready_seconds="999").content.decode()
    assert "You told us you are pregnant" not in html


def test_saving_settings_keeps_the_calendar_token(user_client, user):
    token = user.calendar_token
    save(user_client)
    user.refresh_from_db()
    assert user.calendar_token == token


def test_settings_cannot_touch_other_fields(user_client, user):
    save(user_client, username="hijack", is_staff="on", calendar_token="x" * 43)
    user.refresh_from_db()
    assert user.username != "hijack"
    assert user.is_staff is False
    assert user.calendar_token != "x" * 43


def test_reset_calendar_link_shows_message(user_client, user):
    old = user.calendar_token
    response = user_client.post(reverse("calendar-reset"), follow=True)
    user.refresh_from_db()
    assert user.calendar_token != old
    assert len(user.calendar_token) >= 43
    html = response.content.decode()
    assert "Your calendar link is new." in html
    assert user.calendar_token in html
    assert old not in html
