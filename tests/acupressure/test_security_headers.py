import re

import pytest
from django.test import override_settings

from tests.factories import PASSWORD, PracticeFactory

HTTPS = {"secure": True, "headers": {"X-Forwarded-Proto": "https"}}
PRODUCTION = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/safety/", "/accounts/login/"])
def test_pages_carry_a_strict_content_security_policy(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["style-src"] == ["'self'"]
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    assert all(value == "'self'" or value.startswith("'nonce-") for value in script_src)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_the_nonce_changes_with_every_response_and_tags_htmx(client, db):
    first = client.get("/")
    second = client.get("/")

    nonce = re.search(r"'nonce-([^']+)'", first["Content-Security-Policy"]).group(1)
    assert nonce not in second["Content-Security-Policy"]
    # The one script on the page, htmx, carries the nonce; nothing else runs inline.
    html = first.content.decode()
    assert f'nonce="{nonce}"' in html
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert inline_scripts == []


@pytest.mark.parametrize("url", ["/", "/safety/", "/no-such-page/"])
def test_pages_forbid_framing_sniffing_and_leaking_referrers(client, db, url):
    response = client.get(url)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_permissions_policy_leaves_wake_lock_to_the_player(client, db):
    # The session player keeps the screen awake: that feature must not be switched off.
    response = client.get("/")

    assert "screen-wake-lock=()" not in response["Permissions-Policy"]


@override_settings(**PRODUCTION)
def test_production_sends_hsts_over_https(client, db):
    response = client.get("/", **HTTPS)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(**PRODUCTION)
def test_production_redirects_plain_http_to_https(client, db):
    response = client.get("/safety/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/safety/"


@override_settings(**PRODUCTION)
def test_health_check_answers_plain_http_for_the_load_balancer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"


@override_settings(**PRODUCTION)
def test_production_cookies_are_secure_httponly_and_same_site(client, user):
    client.get("/accounts/login/", **HTTPS)
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, **HTTPS
    )

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "http:evil.example",
        "https:/\\evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        " https://evil.example",
    ],
)
def test_login_never_redirects_off_site(client, user, target):
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD, "next": target},
        QUERY_STRING=f"next={target}",
    )

    assert response.status_code == 302
    location = response["Location"]
    assert "evil.example" not in location
    assert location.startswith("/")
    assert not location.startswith(("//", "/\\"))


def test_login_follows_a_next_on_this_site(client, user):
    response = client.post(
        "/accounts/login/?next=/safety/",
        {"username": user.username, "password": PASSWORD, "next": "/safety/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/safety/"


def test_a_protected_page_sends_to_login_with_a_relative_next(client, db):
    response = client.get("/today/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/today/"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("https://evil.example/", "/practice/"),
        ("//evil.example/", "/practice/"),
        ("/today/", "/today/"),
        # A bare word once made redirect() look for a view of that name and fail with a 500.
        ("list", "list"),
    ],
)
def test_discarding_a_session_follows_next_only_on_this_site(user_client, user, target, expected):
    practice = PracticeFactory(owner=user)

    response = user_client.post(f"/practice/{practice.pk}/discard/", {"next": target})

    assert response.status_code == 302
    assert response["Location"] == expected
