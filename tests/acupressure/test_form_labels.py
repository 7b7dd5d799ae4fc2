"""Form labels read as written: no trailing colon on any page with a form."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from practice import sessions
from tests.factories import RoutineFactory, StepFactory

pytestmark = pytest.mark.django_db

COLON_LABEL = re.compile(r":\s*</(label|legend)>")


def labels_with_a_colon(html: str) -> list[str]:
    return [match.group(0) for match in COLON_LABEL.finditer(html)]


@pytest.mark.parametrize("name", ["login", "signup", "password_reset"])
def test_signed_out_forms(client, name):
    html = client.get(reverse(name)).content.decode()

    assert "<label" in html
    assert labels_with_a_colon(html) == []


def test_setting_a_new_password_from_the_emailed_link(client, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)

    response = client.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)

    html = response.content.decode()
    assert 'name="new_password1"' in html
    assert labels_with_a_colon(html) == []


def test_signed_in_forms(user_client, user):
    routine = RoutineFactory(owner=user)
    StepFactory(routine=routine)
    practice = sessions.start_practice(user, routine, 5, timezone.now())
    urls = [
        reverse("settings"),
        reverse("password_change"),
        reverse("account-delete"),
        reverse("routines:new"),
        reverse("routines:edit", args=[routine.pk]),
        reverse("practice:start", args=[routine.pk]),
        reverse("finish:practice", args=[practice.pk]),
        reverse("journal:new"),
        reverse("points:list"),
    ]
    for url in urls:
        html = user_client.get(url).content.decode()
        assert "<label" in html, url
        assert labels_with_a_colon(html) == [], url
