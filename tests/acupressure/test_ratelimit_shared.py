"""Without Redis, every app server process counts the same limits (in the database).

Each gunicorn worker has a memory cache of its own, so counts kept there multiply by the number
of workers. Two separate memory caches stand in for two workers here.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse

from acupressure import ratelimit
from acupressure.ratelimit import SIGNUPS, Rate, hit

pytestmark = pytest.mark.django_db

RATE = Rate("shared-test", limit=3, period=3600)
T0 = 1_800_000_000.0


@pytest.fixture
def two_workers(monkeypatch):
    """Run each step in one of two 'workers', each with a memory cache of its own."""
    caches = [LocMemCache(f"worker-{n}", {}) for n in range(2)]

    def in_worker(n: int) -> None:
        monkeypatch.setattr(ratelimit, "cache", caches[n])

    return in_worker


def test_two_workers_count_one_client_together(two_workers, settings):
    settings.REDIS_URL = ""
    verdicts = []
    for n in range(4):
        two_workers(n % 2)
        verdicts.append(hit(RATE, "203.0.113.9", now=T0 + n).allowed)

    assert verdicts == [True, True, True, False]


def test_sign_ups_spread_over_two_workers_stop_at_the_limit(two_workers, settings):
    settings.REDIS_URL = ""
    password = "a-long-and-unusual-passphrase"
    statuses = []
    for n in range(SIGNUPS.limit + 2):
        two_workers(n % 2)
        response = Client().post(
            reverse("signup"),
            {"username": f"person{n}", "password1": password, "password2": password},
        )
        statuses.append(response.status_code)

    assert statuses == [302] * SIGNUPS.limit + [429, 429]
    assert get_user_model().objects.count() == SIGNUPS.limit


def test_the_count_is_kept_in_the_database(settings):
    settings.REDIS_URL = ""
    hit(RATE, "203.0.113.9", now=T0)
    hit(RATE, "203.0.113.9", now=T0 + 1)

    counter = ratelimit.RateCount.objects.get()

    assert counter.count == 2
    assert "203.0.113.9" in counter.key
