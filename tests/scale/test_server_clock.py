"""Sign-offs are dated by the database server's clock on PostgreSQL: a PC whose clock is
three years off (the real libfaketime in front of a real process) still signs at the
server's time; on SQLite (one PC, no server) the PC's clock is all there is."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.store.db_clock import DatabaseClock, server_time
from desktop.store.models import AuditRow, SignoffRow
from tests.security.trust_fixtures import Office, make_office
from tests.support.components import require, which

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def office(tmp_path: Path, database_url: str) -> Iterator[Office]:
    made = make_office(tmp_path / "profile", database_url)
    yield made
    made.ctx.close()


def _sign_three_years_ago(office: Office, request_id: int) -> datetime:
    faketime = which("faketime")
    require(faketime is not None, "faketime (Debian: faketime)")
    assert faketime is not None
    done = subprocess.run(
        [faketime, "-f", "-3y", sys.executable, "-m", "tests.scale.clock_worker",
         str(office.ctx.paths.home), office.ctx.paths.database_url, str(request_id)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    believed = datetime.fromisoformat(done.stdout.strip().splitlines()[-1])
    assert datetime.now() - believed > timedelta(days=3 * 365 - 2)   # the fake is in place
    return believed


def test_a_pc_with_a_wrong_clock_signs_at_the_servers_time(office: Office) -> None:
    request_id = office.awaiting()
    before = datetime.now()
    believed = _sign_three_years_ago(office, request_id)
    after = datetime.now()
    with office.ctx.db.read() as session:
        signed = session.execute(select(SignoffRow.decided_at)
                                 .where(SignoffRow.request_id == request_id)).scalar_one()
        logged = session.execute(select(AuditRow.at).where(AuditRow.request_id == request_id)
                                 .order_by(AuditRow.id.desc()).limit(1)).scalar_one()
    if office.ctx.db.is_sqlite:       # no server: the PC's own (wrong) clock
        assert abs(signed - believed) < timedelta(days=1)
    else:
        slack = timedelta(seconds=5)
        for when in (signed, logged):
            assert before - slack <= when <= after + slack


@pytest.mark.postgres
def test_the_clock_counts_on_from_one_reading(fresh_postgres_url: str) -> None:
    from desktop.store.database import Database

    db = Database(fresh_postgres_url)
    try:
        clock = DatabaseClock(db.engine)
        assert clock.sync()
        first = server_time(db.engine).server
        value = clock()
        last = server_time(db.engine).server
        slack = timedelta(seconds=2)
        assert first - slack <= value <= last + slack
        assert clock() >= value
    finally:
        db.dispose()
