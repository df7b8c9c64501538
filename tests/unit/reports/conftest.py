"""A profile with a database (SQLite, and PostgreSQL where a test takes ``database_url``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.services.context import AppContext


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2027, 1, 10, 9, 0, 0))


@pytest.fixture
def report_ctx(home: Path, database_url: str, clock: FixedClock) -> Iterator[AppContext]:
    context = AppContext.open(AppPaths.resolve(home, database_url))
    context.clock = clock
    yield context
    context.close()


@pytest.fixture
def sqlite_ctx(home: Path, tmp_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    context = AppContext.open(AppPaths.resolve(home, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    context.clock = clock
    yield context
    context.close()
