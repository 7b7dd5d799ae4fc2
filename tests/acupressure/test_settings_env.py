import json

import pytest

from tests.acupressure.settings_env import production_env, run

SHOW = """
import json

import pytest
from django.conf import settings
print(json.dumps({name: str(getattr(settings, name, None)) for name in %r}))
"""


def settings_under(env: dict[str, str], *names: str) -> dict[str, str]:
    result = run(["-c", "import django; django.setup()\n" + SHOW % (names,)], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["-c", "import acupressure.settings"], production_env(DJANGO_SECRET_KEY=None))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_an_empty_secret_key():
    result = run(["-c", "import acupressure.settings"], production_env(DJANGO_SECRET_KEY=""))

    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(["-c", "import acupressure.settings"], production_env(DJANGO_ALLOWED_HOSTS=None))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_local_development_starts_without_any_variable():
    env = production_env(DJANGO_DEBUG=None, DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)

    values = settings_under(env, "DEBUG", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE")

    assert values["DEBUG"] == "True"
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]
    assert values["SESSION_COOKIE_SECURE"] == "False"


def test_production_turns_on_https_only_cookies_hsts_and_hashed_static_files():
    values = settings_under(
        production_env(DJANGO_BEHIND_PROXY="1"),
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "STORAGES",
    )

    assert values["DEBUG"] == "False"
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] == "True"
    assert values["SESSION_COOKIE_SECURE"] == "True"
    assert values["CSRF_COOKIE_SECURE"] == "True"
    assert values["SESSION_COOKIE_HTTPONLY"] == "True"
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in values["STORAGES"]


def test_allowed_hosts_and_trusted_origins_come_from_comma_separated_lists():
    env = production_env(
        DJANGO_ALLOWED_HOSTS="press.example, www.press.example",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://press.example",
    )

    values = settings_under(env, "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS")

    assert values["ALLOWED_HOSTS"] == "['press.example', 'www.press.example']"
    assert values["CSRF_TRUSTED_ORIGINS"] == "['https://press.example']"


def test_database_url_selects_postgresql_with_persistent_checked_connections():
    env = production_env(DATABASE_URL="postgres://press:secret@db.internal:5432/press")

    values = settings_under(env, "DATABASES")

    assert "django.db.backends.postgresql" in values["DATABASES"]
    assert "'NAME': 'press'" in values["DATABASES"]
    assert "'CONN_MAX_AGE': 60" in values["DATABASES"]
    assert "'CONN_HEALTH_CHECKS': True" in values["DATABASES"]


def test_sqlite_default_uses_wal_immediate_transactions_and_a_busy_timeout():
    values = settings_under(production_env(), "DATABASES")

    assert "django.db.backends.sqlite3" in values["DATABASES"]
    assert "journal_mode=WAL" in values["DATABASES"]
    assert "'transaction_mode': 'IMMEDIATE'" in values["DATABASES"]
    assert "'timeout': 10" in values["DATABASES"]


def test_postgresql_gives_up_connecting_and_on_long_statements():
    env = production_env(
        DATABASE_URL="postgres://press:secret@db.internal:5432/press?sslmode=require",
        DATABASE_CONNECT_TIMEOUT="4",
        DATABASE_STATEMENT_TIMEOUT="8",
    )

    values = settings_under(env, "DATABASES")

    assert "'connect_timeout': 4" in values["DATABASES"]
    assert "'options': '-c statement_timeout=8000'" in values["DATABASES"]
    # Options from the address are kept.
    assert "'sslmode': 'require'" in values["DATABASES"]


def test_redis_url_shares_cache_sessions_and_login_throttling_between_servers():
    env = production_env(REDIS_URL="redis://cache.internal:6379/0")

    values = settings_under(env, "CACHES", "SESSION_ENGINE", "AXES_HANDLER")

    assert "acupressure.cache.ResilientRedisCache" in values["CACHES"]
    assert "redis://cache.internal:6379/0" in values["CACHES"]
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert values["AXES_HANDLER"] == "axes.handlers.cache.AxesCacheHandler"


def test_without_redis_throttling_is_kept_in_the_shared_database():
    values = settings_under(production_env(), "CACHES", "AXES_HANDLER")

    assert "LocMemCache" in values["CACHES"]
    assert values["AXES_HANDLER"] == "axes.handlers.database.AxesDatabaseHandler"


def test_mail_goes_to_the_console_without_an_smtp_host():
    values = settings_under(production_env(EMAIL_HOST=None), "MAILERS")

    assert "console.EmailBackend" in values["MAILERS"]


def test_smtp_mailer_is_configured_from_the_environment():
    env = production_env(
        EMAIL_HOST="smtp.example.com",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="mailer",
        EMAIL_HOST_PASSWORD="secret-word",
    )
    code = (
        "import django; django.setup()\n"
        "from django.core.mail import mailers\n"
        "backend = mailers['default']\n"
        "print(type(backend).__name__, backend.host, backend.port, backend.username, "
        "backend.use_tls)\n"
    )
    result = run(["-c", code], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["EmailBackend", "smtp.example.com", "2525", "mailer", "True"]


# Secure by default ---------------------------------------------------------------------------


@pytest.mark.parametrize("hosts", ["press.example", "127.0.0.1,press.example", "*"])
def test_the_development_key_is_refused_for_a_host_beyond_this_machine(hosts):
    env = production_env(DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=hosts)

    result = run(["-c", "import acupressure.settings"], env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_development_key_serves_local_hosts():
    env = production_env(
        DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS="localhost,127.0.0.1,[::1]"
    )

    assert settings_under(env, "DEBUG")["DEBUG"] == "True"


def test_x_forwarded_proto_is_ignored_unless_behind_the_proxy():
    values = settings_under(production_env(), "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT")

    assert values["SECURE_PROXY_SSL_HEADER"] == "None"
    assert values["SECURE_SSL_REDIRECT"] == "True"
