"""A database that accepts connections and then says nothing: requests give up, healthz at once.

The fake PostgreSQL is a TCP server on 127.0.0.1 that accepts every connection and never sends
a byte, as a hung database host does. Without timeouts each request waited for it for as long
as the operating system let it, and gunicorn ended the worker with a bare error page.
"""

import socket
import threading
from collections.abc import Iterator

import pytest

from tests.faults.test_database_unavailable import assert_unavailable_page
from tests.support.harness import Browser, app_env

# Far beyond the deadlines under test, so that waiting on the database shows as a timeout.
PATIENCE = 15.0


@pytest.fixture
def silent_database() -> Iterator[str]:
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    listener.settimeout(0.2)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgres://postgres@127.0.0.1:{listener.getsockname()[1]}/acupressure"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.mark.slow
def test_a_hung_database_gets_the_503_page_and_healthz_does_not_wait(
    prepared_database, start_server, silent_database
):
    _, static = prepared_database
    server = start_server(
        env=app_env(silent_database, static, DATABASE_CONNECT_TIMEOUT="3"),
        workers=2,
        healthy=False,
    )

    # Healthz has a deadline of its own, well under the connect timeout.
    health = Browser(server.port, timeout=PATIENCE).get("/healthz")
    assert health.status == 503
    assert health.headers["retry-after"] == "30"
    assert health.text() == "database did not answer in time"
    # The app gives up after 0.8 s; the margin is for a busy machine, far below the 30 s hang.
    assert health.seconds < 2

    # Pages wait for the connect timeout, then answer with the app's own page.
    page = Browser(server.port, timeout=PATIENCE).get("/points/")
    assert_unavailable_page(page)
    assert page.seconds < 3 + 2
