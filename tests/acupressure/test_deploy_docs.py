"""docs/deploy.md shows a deployment that keeps gunicorn behind nginx and secrets out of logs."""

import importlib
import re
from pathlib import Path

import pytest

DOC = (Path(__file__).resolve().parents[2] / "docs" / "deploy.md").read_text()
SECRET = "s3cretFeedToken_abcdefghijklmnopqrstuvwxyz12"


def block(language: str, containing: str) -> str:
    for found in re.finditer(rf"```{language}\n(.*?)```", DOC, re.S):
        if containing in found.group(1):
            return found.group(1)
    raise AssertionError(f"no {language} block with {containing!r}")


def option(unit: str, name: str) -> str:
    return re.search(rf"^{name}=(.*)$", unit, re.M).group(1).strip()


def test_gunicorn_listens_only_where_nginx_can_reach_it():
    unit = block("ini", "ExecStart")
    binds = re.findall(r"--bind (\S+)", unit)

    assert binds
    assert all(bind.startswith(("unix:", "127.0.0.1:")) for bind in binds)


def test_a_restart_waits_for_the_old_workers_to_leave():
    unit = block("ini", "ExecStart")
    graceful = int(re.search(r"--graceful-timeout (\d+)", unit).group(1))

    # Only the master gets SIGTERM and lets its workers finish; systemd waits for all of them.
    assert option(unit, "KillMode") == "mixed"
    assert int(option(unit, "TimeoutStopSec")) > graceful
    assert "kill -s HUP $MAINPID" in option(unit, "ExecReload")


def test_the_documented_gunicorn_logger_exists():
    unit = block("ini", "ExecStart")
    path = re.search(r"--logger-class (\S+)", unit).group(1)
    module, _, name = path.rpartition(".")

    assert hasattr(importlib.import_module(module), name)


def nginx_loggable(uri: str) -> str:
    nginx = block("nginx", "log_format")
    rules = re.findall(r'^\s*"~(.*?)"\s+"(.*?)";', nginx, re.M)
    assert rules
    for pattern, replacement in rules:
        found = re.match(pattern.replace("(?<", "(?P<"), uri)
        if found:
            return found.expand(re.sub(r"\$(\w+)", r"\\g<\1>", replacement))
    return uri


@pytest.mark.parametrize(
    ("uri", "logged"),
    [
        (f"/calendar/{SECRET}.ics", "/calendar/….ics"),
        ("/accounts/password/reset/MTI/cf1b2c-0123456789abcdef/", "/accounts/password/reset/…/…/"),
        ("/accounts/password/reset/MTI/set-password/", "/accounts/password/reset/…/…/"),
        ("/accounts/email/verify/eyJ1Ijo:1tQ:abc/", "/accounts/email/verify/…/"),
        ("/points/BL40/", "/points/BL40/"),
    ],
)
def test_nginx_logs_secret_addresses_without_their_secret(uri, logged):
    assert nginx_loggable(uri) == logged


def test_nginx_logs_the_hidden_address_not_the_request_line():
    nginx = block("nginx", "log_format")
    log_format = nginx[nginx.index("log_format") : nginx.index(";", nginx.index("log_format"))]

    assert "$press_loggable_uri" in log_format
    assert "$request " not in log_format and "$request_uri" not in log_format
    assert "$http_referer" not in log_format
    assert "access_log /var/log/nginx/press.access.log press;" in nginx
