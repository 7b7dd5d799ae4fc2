"""The lock files pin what the tests run against, and make audit says what it could not check."""

import json
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from scripts import audit

ROOT = Path(__file__).resolve().parents[2]


def locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        if line and not line.startswith("#"):
            package, _, version = line.partition("==")
            assert version, f"{line!r} in {name} is not an exact version"
            pins[package] = version
    return pins


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


@pytest.mark.parametrize(
    ("lock", "groups"),
    [("requirements.lock", ()), ("requirements-test.lock", ("test",))],
)
def test_every_dependency_is_pinned_to_a_version_it_accepts(lock, groups):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = project["project"]["dependencies"] + [
        text for group in groups for text in project["dependency-groups"][group]
    ]
    pins = locked(lock)

    for text in wanted:
        requirement = Requirement(text)
        name = canonical(requirement.name)
        assert name in pins, f"{name} is missing from {lock}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside {requirement}: run make lock"
        )


def test_the_tests_run_against_the_locked_versions():
    for name, version in locked("requirements-test.lock").items():
        assert metadata.version(name) == version, f"{name}: installed is not the locked one"


def test_make_installs_from_the_lock_files():
    makefile = (ROOT / "Makefile").read_text()

    assert "pip install --quiet -r requirements.lock" in makefile
    assert "pip install --quiet -r requirements-test.lock" in makefile


def test_without_a_network_make_audit_says_it_could_not_check(tmp_path):
    pytest.importorskip("pip_audit")
    lock = tmp_path / "requirements.lock"
    lock.write_text("django==6.1.3\n")
    # Every request goes to a proxy where nothing listens, as on a machine without a network.
    env = {**os.environ, "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}

    result = subprocess.run(
        [sys.executable, "scripts/audit.py", str(lock)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == audit.NOT_CHECKED
    assert "COULD NOT CHECK" in result.stdout
    assert "No known vulnerabilities" not in result.stdout


def test_the_audit_report_names_vulnerabilities_and_what_it_skipped():
    output = json.dumps(
        {
            "dependencies": [
                {
                    "name": "django",
                    "version": "6.1.0",
                    "vulns": [{"id": "PYSEC-1", "fix_versions": ["6.1.1"]}],
                },
                {"name": "redis", "version": "8.1.0", "skip_reason": "not found on PyPI"},
                {"name": "pillow", "version": "13.0.0", "vulns": []},
            ]
        }
    )

    found, skipped = audit.report(output)

    assert found == ["  django 6.1.0: PYSEC-1 (fixed in 6.1.1)"]
    assert skipped == ["  redis 8.1.0: not found on PyPI"]
