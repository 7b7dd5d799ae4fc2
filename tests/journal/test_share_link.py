"""Share links to the clinician summary: read-only, expiring, revocable, unguessable, noindex,
the summary and nothing else, and each opening shown to the owner."""

import datetime
import re
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from journal import sharing
from journal.models import ShareLink, ShareOpening
from tests.factories import EntryFactory


def make(user_client, days="7", period="12") -> str:
    response = user_client.post("/journal/summary/share/", {"days": days, "period": period})
    assert response.status_code == 200
    found = re.search(r'id="share-url"[^>]*value="(http[^"]+)"', response.content.decode())
    assert found, "the new link is shown once"
    return found.group(1).replace("http://testserver", "")


@pytest.fixture
def visitor():
    """Someone without an account, in a browser of their own."""
    return Client()


@pytest.fixture
def journal(user):
    user.first_name, user.last_name = "Ada", "Lovelace"
    user.save()
    EntryFactory(user=user, pain_before=7, pain_after=4, note="Sore after gardening")


def test_the_link_shows_the_summary_and_nothing_else(user_client, visitor, user, journal):
    address = make(user_client)
    response = visitor.get(address)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pain summary for Ada Lovelace" in html
    assert "Sore after gardening" in html
    # nothing of the app around it: no navigation, no forms, no links into the account
    assert "<nav" not in html and "<form" not in html
    assert 'href="/journal/' not in html and 'href="/today/' not in html
    assert 'href="/accounts/' not in html
    # kept out of search engines and of referrers
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_link_is_read_only(visitor, user_client, journal):
    address = make(user_client)
    assert visitor.post(address, {"pain_after": "1"}).status_code == 405


def test_the_token_is_long_random_and_only_its_hash_is_kept(user_client, user):
    first, second = make(user_client), make(user_client)
    token = first.rstrip("/").rsplit("/", 1)[1]
    assert first != second
    assert len(token) >= 43  # 32 random bytes: 256 bits
    stored = ShareLink.objects.values_list("token_hash", flat=True)
    assert token not in "".join(stored)
    assert sharing.token_hash(token) in stored


def test_a_wrong_or_altered_token_is_a_plain_404(visitor, user_client):
    address = make(user_client)
    altered = address[:-2] + ("A" if address[-2] != "A" else "B") + "/"
    for wrong in (altered, "/shared/1/", "/shared/" + "x" * 200 + "/"):
        response = visitor.get(wrong)
        assert response.status_code == 404
        assert "Pain summary" not in response.content.decode()
    assert not ShareOpening.objects.exists()


def test_the_link_works_until_it_expires(visitor, user_client, journal):
    address = make(user_client, days="30")
    link = ShareLink.objects.get()
    assert link.expires_at - link.created == datetime.timedelta(days=30)
    almost = link.expires_at - datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=almost):
        assert visitor.get(address).status_code == 200
    with mock.patch("django.utils.timezone.now", return_value=link.expires_at):
        assert visitor.get(address).status_code == 404


def test_a_revoked_link_is_a_404(visitor, user_client, journal):
    address = make(user_client)
    link = ShareLink.objects.get()
    response = user_client.post(f"/journal/summary/share/{link.pk}/revoke/")
    assert response.status_code == 302
    assert visitor.get(address).status_code == 404


def test_nobody_else_can_revoke_or_see_a_link(client, user_client, other_user):
    make(user_client)
    link = ShareLink.objects.get()
    client.force_login(other_user)
    assert client.post(f"/journal/summary/share/{link.pk}/revoke/").status_code == 404
    assert "Opened" not in client.get("/journal/summary/share/").content.decode()
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_owner_sees_each_opening(visitor, user_client, journal):
    address = make(user_client)
    visitor.get(address, headers={"User-Agent": "Surgery browser"})
    visitor.get(address, headers={"User-Agent": "Surgery browser"})
    assert ShareOpening.objects.count() == 2
    html = user_client.get("/journal/summary/share/").content.decode()
    links = html[html.index('id="links-heading"') :]
    assert "Opened 2 times:" in links
    assert links.count("Surgery browser") == 2
    # the link itself is not shown again
    assert address not in html


def test_an_expiry_other_than_7_or_30_days_is_refused(user_client):
    response = user_client.post("/journal/summary/share/", {"days": "365", "period": "12"})
    assert "Choose 7 or 30 days." in response.content.decode()
    assert not ShareLink.objects.exists()


def test_the_shared_summary_is_in_the_owners_time_zone(visitor, user_client, user):
    user.timezone = "Pacific/Auckland"
    user.save()
    EntryFactory(user=user, recorded_at=timezone.now() - datetime.timedelta(hours=2), pain_after=9)
    address = make(user_client)
    html = visitor.get(address).content.decode()
    local = (timezone.now() - datetime.timedelta(hours=2)).astimezone(user.zone)
    assert local.strftime("%-d %b %Y, %H:%M") in html
