"""Two PCs inserting the same row at the same moment — attaching the same file, saving a
setting for the first time — store it once, and neither fails on the duplicate key."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.store import blobs, report_records, server_profiles, settings_rows, users_repo
from desktop.store.database import Database
from desktop.store.migrate import upgrade_database
from desktop.store.models import (
    BlobChunkRow,
    BlobRow,
    LogDayRow,
    LogPathRow,
    SettingRow,
    UserRow,
)

T = TypeVar("T")


def _blocked_on_insert_into(db: Database, table: str) -> bool:
    with db.engine.connect() as conn:
        return bool(conn.execute(text(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
            "and datname = current_database() and query like :insert"),
            {"insert": f"INSERT INTO {table} %"}).scalar())


def _race(db: Database, table: str, first: Callable[[Session], T],
          second: Callable[[Session], T]) -> tuple[T, T]:
    """``first`` writes and does not commit yet; ``second`` runs on another connection, finds
    no row, inserts and waits on the first's transaction (seen in pg_stat_activity, not
    guessed by a sleep); then the first commits.  Both results, or the second's error."""
    results: list[T] = []
    failures: list[BaseException] = []

    def second_pc() -> None:
        try:
            with db.write() as session:
                results.append(second(session))
        except BaseException as error:  # noqa: BLE001 — raised again below
            failures.append(error)

    with db.write() as session:
        mine = first(session)
        session.flush()
        worker = threading.Thread(target=second_pc)
        worker.start()
        while not _blocked_on_insert_into(db, table):
            assert worker.is_alive() and not failures, failures
            time.sleep(0.01)
    worker.join(60)
    assert not worker.is_alive()
    if failures:
        raise failures[0]
    return mine, results[0]


@pytest.mark.postgres
@pytest.mark.parametrize("put", ["bytes", "stream"])
def test_the_second_of_two_racing_attachments_waits_then_finds_the_first(
        fresh_postgres_url: str, tmp_path: Path, put: str) -> None:
    db = Database(fresh_postgres_url)
    upgrade_database(db, tmp_path / "backups")
    data = b"%PDF-1.4 the same announcement from two PCs\n" * 300

    def second(session: Session) -> tuple[str, int]:
        if put == "bytes":
            return blobs.put_bytes(session, data)
        return blobs.put_stream(session, io.BytesIO(data))

    first, other = _race(db, "blobs", lambda session: blobs.put_bytes(session, data), second)
    assert other == first
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(BlobRow)) == 1
        assert session.scalar(select(func.count()).select_from(BlobChunkRow)) == 1
        assert blobs.read_bytes(session, first[0]) == data
    db.dispose()


def test_a_stream_records_how_many_chunks_it_wrote(database_url: str, tmp_path: Path) -> None:
    db = Database(database_url)
    upgrade_database(db, tmp_path / "backups")
    data = b"x" * (blobs.CHUNK_SIZE * 2 + 1)
    with db.write() as session:
        sha, size = blobs.put_stream(session, io.BytesIO(data))
        empty_sha, empty_size = blobs.put_stream(session, io.BytesIO(b""))
    with db.read() as session:
        row = session.get(BlobRow, sha)
        assert row is not None and row.chunk_count == 3 and size == len(data)
        empty = session.get(BlobRow, empty_sha)
        assert empty is not None and empty.chunk_count == 1 and empty_size == 0
        assert blobs.read_bytes(session, sha) == data
        assert blobs.read_bytes(session, empty_sha) == b""
    db.dispose()


@pytest.mark.postgres
def test_a_setting_saved_first_by_two_pcs_at_once_keeps_the_later(
        fresh_postgres_url: str, tmp_path: Path) -> None:
    db = Database(fresh_postgres_url)
    upgrade_database(db, tmp_path / "backups")
    changed = _race(db, "settings",
                    lambda session: settings_rows.put_many(session, {"agency.name": "สำนักงาน ก"}),
                    lambda session: settings_rows.put_many(session, {"agency.name": "สำนักงาน ข"}))
    assert changed == (["agency.name"], ["agency.name"])
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(SettingRow)) == 1
        assert settings_rows.get_many(session, ["agency.name"]) == {"agency.name": "สำนักงาน ข"}
    db.dispose()


@pytest.mark.postgres
def test_a_server_profile_saved_first_by_two_pcs_at_once_keeps_the_later(
        fresh_postgres_url: str, tmp_path: Path) -> None:
    db = Database(fresh_postgres_url)
    upgrade_database(db, tmp_path / "backups")
    now = datetime(2026, 12, 3, 9, 0)
    _race(db, "server_profiles",
          lambda session: server_profiles.save_profile_data(session, "เว็บหลัก", '{"a": 1}', now),
          lambda session: server_profiles.save_profile_data(session, "เว็บหลัก", '{"b": 2}', now))
    with db.read() as session:
        assert server_profiles.profile_data(session) == [("เว็บหลัก", '{"b": 2}')]
    db.dispose()


def _user(name: str) -> UserRow:
    return UserRow(username=name, full_name=name, position="", password_hash="x",
                   roles="webmaster", active=True, failed_count=0,
                   created_at=datetime(2026, 12, 3, 9, 0))


@pytest.mark.postgres
def test_two_admins_adding_one_name_at_once_add_one_user(
        fresh_postgres_url: str, tmp_path: Path) -> None:
    db = Database(fresh_postgres_url)
    upgrade_database(db, tmp_path / "backups")
    added = _race(db, "users", lambda session: users_repo.add_new(session, _user("สมชาย")),
                  lambda session: users_repo.add_new(session, _user("สมชาย")))
    assert added == (True, False)       # the second is told, not shown a traceback
    with db.read() as session:
        assert [row.username for row in users_repo.all_users(session)] == ["สมชาย"]
    db.dispose()


@pytest.mark.postgres
def test_two_pcs_importing_logs_of_one_day_at_once_add_up(
        fresh_postgres_url: str, tmp_path: Path) -> None:
    db = Database(fresh_postgres_url)
    upgrade_database(db, tmp_path / "backups")
    day, now = date(2026, 11, 30), datetime(2026, 12, 3, 9, 0)

    def counts(requests: int, visitor: bytes) -> report_records.DayCounts:
        return report_records.DayCounts(requests, requests, 0, 0, 100 * requests, {200: requests},
                                        frozenset({visitor}))

    def first(session: Session) -> None:
        report_records.add_day(session, "www", day, counts(3, b"visitor1"), now)
        report_records.add_path_hits(session, "www", day.replace(day=1), "page",
                                     {"/ข่าว": 2, "/": 1})

    def second(session: Session) -> None:
        report_records.add_day(session, "www", day, counts(5, b"visitor2"), now)
        report_records.add_path_hits(session, "www", day.replace(day=1), "page",
                                     {"/ข่าว": 4, "/ติดต่อ": 1})

    _race(db, "log_days", first, second)
    with db.read() as session:
        row = session.get(LogDayRow, ("www", day))
        assert row is not None and (row.requests, row.unique_visitors) == (8, 2)
        hits = {r.path: r.hits for r in session.execute(select(LogPathRow)).scalars()}
    assert hits == {"/ข่าว": 6, "/": 1, "/ติดต่อ": 1}

    # and the path rows alone (the day already there): the second adds, in the database
    _race(db, "log_paths",
          lambda session: report_records.add_path_hits(session, "www", date(2026, 12, 1),
                                                       "download", {"/แบบฟอร์ม.pdf": 1}),
          lambda session: report_records.add_path_hits(session, "www", date(2026, 12, 1),
                                                       "download", {"/แบบฟอร์ม.pdf": 2}))
    with db.read() as session:
        assert session.scalar(select(LogPathRow.hits).where(LogPathRow.kind == "download")) == 3
    db.dispose()


@pytest.mark.postgres
def test_two_pcs_setting_up_one_new_database_at_once_make_one_first_admin(
        fresh_postgres_url: str, tmp_path: Path) -> None:
    db = Database(fresh_postgres_url)
    upgrade_database(db, tmp_path / "backups")
    assert _race(db, "counters", users_repo.claim_first_run,
                 users_repo.claim_first_run) == (True, False)
    db.dispose()
