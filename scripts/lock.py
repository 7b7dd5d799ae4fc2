"""Write the lock files: the exact version of every package the app and its tests use.

    .venv/bin/python scripts/lock.py      (make lock)

Reads what pyproject.toml asks for, follows each package's own requirements through the
installed packages (markers evaluated for this machine), and pins the versions installed here,
which are the ones the tests ran against. requirements.lock holds what the app needs to run;
requirements-test.lock adds the test tools. `make` installs from them.
"""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
HEADER = "# Exact versions, written by `make lock` (scripts/lock.py) from {source}. Do not edit.\n"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(requirements: list[str]) -> dict[str, str]:
    """Every package `requirements` need, with its installed version."""
    pinned: dict[str, str] = {}
    queue = [(Requirement(text), ()) for text in requirements]
    while queue:
        requirement, extras = queue.pop()
        environment = {"extra": extras[0]} if extras else {"extra": ""}
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        name = canonical(requirement.name)
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{requirement.name} is required but not installed: run make first.")
        if not requirement.specifier.contains(distribution.version, prereleases=True):
            sys.exit(f"{requirement.name} {distribution.version} does not satisfy {requirement}.")
        wanted = tuple(sorted(requirement.extras))
        seen = name in pinned
        pinned[name] = distribution.version
        if seen and not wanted:
            continue
        for text in distribution.requires or []:
            child = Requirement(text)
            if child.marker is None or child.marker.evaluate({"extra": ""}):
                queue.append((child, ()))
            elif any(child.marker.evaluate({"extra": extra}) for extra in wanted):
                queue.append((Requirement(text.split(";")[0]), ()))
    return pinned


def write(path: Path, pinned: dict[str, str]) -> None:
    lines = [f"{name}=={version}\n" for name, version in sorted(pinned.items())]
    path.write_text(HEADER.format(source="pyproject.toml") + "".join(lines))


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = project["project"]["dependencies"]
    test = project["dependency-groups"]["test"]
    write(ROOT / "requirements.lock", closure(runtime))
    write(ROOT / "requirements-test.lock", closure(runtime + test))


if __name__ == "__main__":
    main()
