"""Redis is optional: when it cannot be reached, people can still log in and use the app."""

import pytest
from axes.handlers.proxy import AxesProxyHandler

from acupressure.cache import ResilientRedisCache
from tests.factories import PASSWORD

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_gone(settings):
    """Production's Redis settings, pointed at an address where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "acupressure.cache.ResilientRedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AxesProxyHandler.get_implementation(force=True)
    yield
    settings.AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
    AxesProxyHandler.get_implementation(force=True)


def test_logging_in_and_using_the_app_works_without_redis(client, user, redis_gone):
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    # The session was written to the database (cached_db), so the next request finds it.
    today = client.get("/today/")
    assert today.status_code == 200
    assert today.wsgi_request.user == user


def test_a_wrong_password_is_still_refused_without_redis(client, user, redis_gone):
    response = client.post("/accounts/login/", {"username": user.username, "password": "wrong"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_cache_answers_misses_instead_of_errors(caplog):
    cache = ResilientRedisCache(CLOSED_PORT, {"OPTIONS": {"socket_connect_timeout": 1}})

    assert cache.get("key", "fallback") == "fallback"
    cache.set("key", "value")
    assert cache.get_many(["a", "b"]) == {}
    assert cache.delete("key") is False
    assert "Redis unavailable" in caplog.text
