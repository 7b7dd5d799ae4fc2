"""Serving the app as production does, on this machine only, for the load test and benchmarks.

Starts gunicorn on 127.0.0.1 with production settings (DEBUG off, whitenoise's hashed static
files) on a scratch SQLite file or a scratch PostgreSQL database, and talks to it like a
browser behind an HTTPS proxy: cookies, CSRF tokens and ``X-Forwarded-Proto: https``.
"""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "127.0.0.1"
POSTGRES_ADMIN_URL = os.environ.get(
    "POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def app_env(database_url: str, static_root: Path | str, **extra: str) -> dict[str, str]:
    """Production settings for a server on 127.0.0.1, as an operator would set them."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AXES_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="acupressure.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url,
        # Requests come as from the HTTPS proxy (Browser below).
        DJANGO_BEHIND_PROXY="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare(env: dict[str, str], *, static: bool = True) -> None:
    """What a deploy runs once: migrate, load the catalogue, collect the static files."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_catalogue", "-v", "0")
    if static:
        manage(env, "collectstatic", "--no-input", "-v", "0")


def django_setup(env: dict[str, str]) -> None:
    """Use the ORM in this process on the server's database (for seeding and checking)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


@contextlib.contextmanager
def postgres_database(name: str, admin_url: str = POSTGRES_ADMIN_URL) -> Iterator[str]:
    """A fresh PostgreSQL database for one run, dropped afterwards."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(admin_url)
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_answers(admin_url: str = POSTGRES_ADMIN_URL) -> bool:
    try:
        import psycopg

        with psycopg.connect(admin_url, connect_timeout=3):
            return True
    except Exception:
        return False


class Server:
    """gunicorn serving the app on 127.0.0.1; stop() ends it and its workers."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        workers: int = 3,
        threads: int = 1,
        port: int | None = None,
        log: Path | None = None,
    ) -> None:
        self.env = env
        self.workers = workers
        self.threads = threads
        self.port = port or free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 30, *, healthy: bool = True) -> "Server":
        """Start and wait until /healthz answers 200 (or answers at all, if not ``healthy``)."""
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "acupressure.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--backlog",
                "512",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=out,
            start_new_session=True,
        )
        self.wait_ready(timeout, healthy=healthy)
        return self

    def wait_ready(self, timeout: float, *, healthy: bool = True) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200 or not healthy:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def kill(self) -> None:
        """kill -9 the whole server, workers included, as a crash or a power cut would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Browser:
    """One person's browser: its own cookies, over HTTPS as far as the app can tell."""

    port: int
    timeout: float = 60
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
        self.host = f"{HOST}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, str] | None = None,
        *,
        htmx: bool = False,
    ) -> Response:
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "User-Agent": "acupressure-loadtest",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            payload = dict(data or {})
            if "csrftoken" in self.cookies:
                payload.setdefault("csrfmiddlewaretoken", self.cookies["csrftoken"])
            body = urllib.parse.urlencode(payload)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{path}"
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        # A GET may be sent again on a fresh connection; a POST never is, so a failure shows.
        attempts = (1, 2) if method == "GET" else (2,)
        for attempt in attempts:
            try:
                self.connection.request(method, path, body=body, headers=headers)
                raw = self.connection.getresponse()
                content = raw.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                if attempt == 2:
                    raise
        seconds = time.perf_counter() - started
        response_headers = {k.lower(): v for k, v in raw.getheaders()}
        for value in raw.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(raw.status, response_headers, content, seconds)

    def get(self, path: str, *, htmx: bool = False) -> Response:
        return self.request("GET", path, htmx=htmx)

    def post(
        self, path: str, data: dict[str, str] | None = None, *, htmx: bool = False
    ) -> Response:
        return self.request("POST", path, data, htmx=htmx)

    def login(self, username: str, password: str) -> Response:
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"username": username, "password": password})

    def close(self) -> None:
        self.connection.close()


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]
