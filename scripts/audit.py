"""Check the locked versions against the known-vulnerability database (make audit).

    .venv/bin/python scripts/audit.py [requirements-test.lock]

Runs pip-audit over the lock file and says plainly what it could not check: without a
network, or for a version the vulnerability service does not know, pip-audit's own summary
("No known vulnerabilities found") would read like a clean bill of health.

Exit status: 0 all checked and none known, 1 known vulnerabilities, 2 not (fully) checked.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_CHECKED = 2


def run_pip_audit(lock: Path) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(lock),
        # Every version is pinned already: no resolving, no temporary environment.
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def report(output: str) -> tuple[list[str], list[str]]:
    """(lines about known vulnerabilities, lines about packages not checked)."""
    data = json.loads(output)
    found, skipped = [], []
    for dependency in data.get("dependencies", []):
        name = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if "skip_reason" in dependency:
            skipped.append(f"  {name}: {dependency['skip_reason']}")
        for vuln in dependency.get("vulns", []):
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            found.append(f"  {name}: {vuln['id']} (fixed in {fixed})")
    return found, skipped


def main(argv: list[str]) -> int:
    lock = Path(argv[0]) if argv else ROOT / "requirements-test.lock"
    try:
        import pip_audit  # noqa: F401
    except ImportError:
        print("make audit: COULD NOT CHECK: pip-audit is not installed (make audit installs it).")
        return NOT_CHECKED
    result = run_pip_audit(lock)
    try:
        found, skipped = report(result.stdout)
    except (json.JSONDecodeError, KeyError):
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"make audit: COULD NOT CHECK {lock.name}: the vulnerability service could not")
        print(f"be asked (no network?). Nothing was checked. pip-audit said: {reason}")
        return NOT_CHECKED
    if found:
        print(f"make audit: KNOWN VULNERABILITIES in {lock.name}:")
        print("\n".join(found))
    if skipped:
        print(f"make audit: COULD NOT CHECK {len(skipped)} package(s) of {lock.name}:")
        print("\n".join(skipped))
    if found:
        return 1
    if skipped:
        return NOT_CHECKED
    print(f"make audit: every package in {lock.name} checked, no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
