import os
import urllib.parse
from pathlib import Path

from tests.support.harness import manage

POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def admin_url() -> str:
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def postgres(sql: str, params: tuple = ()) -> None:
    """Run one statement on the PostgreSQL server the tests use, outside any transaction."""
    import psycopg

    with psycopg.connect(admin_url(), autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql, params or None)


def orm(env: dict[str, str], code: str) -> str:
    """Run Python with the ORM on a server's database; returns what it prints."""
    return manage(env, "shell", "--no-imports", "-c", code, timeout=60).strip()


def server_log(tmp_path: Path) -> str:
    log = tmp_path / "gunicorn.log"
    return log.read_text(errors="replace") if log.exists() else ""
