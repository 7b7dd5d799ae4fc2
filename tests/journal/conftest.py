import contextlib

import pytest
from django.db.backends.utils import CursorWrapper


@pytest.fixture
def rows_fetched(monkeypatch):
    """A context manager collecting how many rows each fetch from the database returned.

    Counts at Django's cursor wrapper, so it sees every query whatever built it.
    """

    @contextlib.contextmanager
    def counting():
        fetched: list[int] = []

        def fetchone(self):
            row = self.cursor.fetchone()
            fetched.append(row is not None)
            return row

        def fetchmany(self, *args):
            rows = self.cursor.fetchmany(*args)
            fetched.append(len(rows))
            return rows

        def fetchall(self):
            rows = self.cursor.fetchall()
            fetched.append(len(rows))
            return rows

        with monkeypatch.context() as patch:
            # CursorWrapper hands these to the driver's cursor through __getattr__.
            patch.setattr(CursorWrapper, "fetchone", fetchone, raising=False)
            patch.setattr(CursorWrapper, "fetchmany", fetchmany, raising=False)
            patch.setattr(CursorWrapper, "fetchall", fetchall, raising=False)
            yield fetched

    return counting
