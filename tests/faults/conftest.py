"""A real server for fault tests: gunicorn with production settings on a scratch database.

The database follows the one the tests run on: a SQLite file, or, when DATABASE_URL points at
PostgreSQL, a database of its own on the same server (created from a prepared template, so
each test starts from the catalogue alone).
"""

import os
import shutil
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.helpers import POSTGRES, postgres, with_database
from tests.support.harness import Server, app_env, prepare


@pytest.fixture(scope="session")
def prepared_database(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A migrated database holding the catalogue, and the collected static files."""
    folder = tmp_path_factory.mktemp("faults")
    static = folder / "static"
    if POSTGRES:
        name = f"acupressure_faults_{uuid.uuid4().hex[:8]}"
        postgres(f'CREATE DATABASE "{name}"')
        url = with_database(os.environ["DATABASE_URL"], name)
        prepare(app_env(url, static))
        yield url, static
        postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        template = folder / "template.sqlite3"
        prepare(app_env(f"sqlite:///{template}", static))
        yield str(template), static


@pytest.fixture
def server_env(prepared_database, tmp_path) -> Iterator[dict[str, str]]:
    """Production settings on a fresh copy of the prepared database."""
    template, static = prepared_database
    if POSTGRES:
        name = f"acupressure_fault_{uuid.uuid4().hex[:8]}"
        template_name = urllib.parse.urlsplit(template).path.lstrip("/")
        postgres(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
        yield app_env(with_database(template, name), static)
        postgres(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        # In a folder of its own, so that a test can take the whole database away.
        (tmp_path / "data").mkdir()
        database = tmp_path / "data" / "app.sqlite3"
        shutil.copy(template, database)
        yield app_env(f"sqlite:///{database}", static)


@pytest.fixture
def start_server(server_env, tmp_path) -> Iterator:
    """Start gunicorn (stopped at the end of the test, whatever happens)."""
    servers: list[Server] = []

    def start(
        *, workers: int = 2, port: int | None = None, env: dict | None = None, healthy=True
    ) -> Server:
        server = Server(
            env or server_env, workers=workers, port=port, log=tmp_path / "gunicorn.log"
        )
        servers.append(server)
        return server.start(healthy=healthy)

    yield start
    for server in servers:
        server.kill()
