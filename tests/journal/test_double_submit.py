"""A journal form sent twice (a double tap, a resend after a slow answer) makes one entry."""

import pytest

from journal.models import Entry

pytestmark = pytest.mark.django_db


def submission_token(client) -> str:
    html = client.get("/journal/new/").content.decode()
    marker = 'name="submission" value="'
    assert marker in html
    return html.split(marker, 1)[1].split('"', 1)[0]


def test_the_same_form_sent_twice_makes_one_entry(user_client, user):
    data = {
        "pain_after": "6",
        "recorded_at": "2026-01-05T09:30",
        "submission": submission_token(user_client),
    }

    first = user_client.post("/journal/new/", data)
    second = user_client.post("/journal/new/", data)

    assert first.status_code == 302
    assert second.status_code == 302
    assert second["Location"] == "/journal/"
    assert Entry.objects.filter(user=user).count() == 1


def test_two_forms_make_two_entries(user_client, user):
    for pain in ("6", "4"):
        data = {
            "pain_after": pain,
            "recorded_at": "2026-01-05T09:30",
            "submission": submission_token(user_client),
        }
        assert user_client.post("/journal/new/", data).status_code == 302

    assert Entry.objects.filter(user=user).count() == 2


def test_a_refused_form_can_be_corrected_and_sent(user_client, user):
    token = submission_token(user_client)
    refused = user_client.post("/journal/new/", {"pain_after": "11", "submission": token})
    assert refused.status_code == 200
    assert f'name="submission" value="{token}"' in refused.content.decode()

    data = {"pain_after": "5", "recorded_at": "2026-01-05T09:30", "submission": token}
    assert user_client.post("/journal/new/", data).status_code == 302

    assert Entry.objects.filter(user=user).count() == 1
