"""Run Python in a fresh interpreter with chosen environment variables, as a deployment would."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Variables the settings read: cleared so the machine running the tests cannot leak into them.
SETTINGS_VARIABLES = ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST")


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AXES_")) and key not in SETTINGS_VARIABLES
    }
    env.update(
        DJANGO_SETTINGS_MODULE="acupressure.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50)[:50],
        DJANGO_ALLOWED_HOSTS="example.com",
        # Production sends password-reset mail through an SMTP relay.
        EMAIL_HOST="smtp.example.com",
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
