"""The store on SQLite and on a real PostgreSQL: migrations, blobs, the audit chain."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from desktop.domain.errors import UserError
from desktop.store import audit, blobs
from desktop.store.database import Database
from desktop.store.migrate import current_revision, head_revision, upgrade_database
from tests.support.tamper import as_owner


@pytest.fixture
def db(database_url: str, tmp_path: Path) -> Database:
    database = Database(database_url)
    upgrade_database(database, tmp_path / "backups")
    yield database
    database.dispose()


def test_upgrade_creates_named_schema_and_is_idempotent(db: Database, tmp_path: Path) -> None:
    assert current_revision(db) == head_revision()
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        fks = inspect(conn).get_foreign_keys("attachments")
    assert {"requests", "attachments", "blobs", "blob_chunks", "audit_log", "audit_head",
            "signoffs", "users", "settings"} <= tables
    assert all(fk["name"].startswith("fk_attachments_") for fk in fks)
    again = upgrade_database(db, tmp_path / "backups")
    assert again.before == again.after and again.backup is None


def test_blob_round_trip_in_chunks_and_corruption_detected(db: Database) -> None:
    data = bytes(range(256)) * (4096 * 3) + b"tail"  # ~3 MiB: several chunks
    with db.write() as s:
        sha, size = blobs.put_bytes(s, data)
        assert blobs.put_bytes(s, data) == (sha, size)  # stored once
    with db.read() as s:
        assert blobs.read_bytes(s, sha) == data
    with db.write() as s:
        s.execute(text("update blob_chunks set data = :d where blob_sha256 = :s and seq = 1"),
                  {"d": b"x" * 10, "s": sha})
    with db.read() as s, pytest.raises(UserError) as caught:
        blobs.read_bytes(s, sha)
    assert caught.value.code == "blob_corrupt"


def test_blob_export_streams_to_a_file_and_leaves_nothing_when_corrupt(
        db: Database, tmp_path: Path) -> None:
    data = os.urandom(blobs.CHUNK_SIZE * 2 + 5)
    with db.write() as s:
        sha, _ = blobs.put_bytes(s, data)
    with db.read() as s:
        assert blobs.export(s, sha, tmp_path / "out.bin") == len(data)
    assert (tmp_path / "out.bin").read_bytes() == data
    with db.write() as s:                  # the last chunk is where the hash is checked
        s.execute(text("update blob_chunks set data = :d where blob_sha256 = :s and seq = 2"),
                  {"d": b"xxxxx", "s": sha})
    with db.read() as s, pytest.raises(UserError) as caught:
        blobs.export(s, sha, tmp_path / "bad.bin")
    assert caught.value.code == "blob_corrupt"
    assert not (tmp_path / "bad.bin").exists()         # no half-written copy left behind


def _append_many(db: Database, n: int, who: str) -> None:
    for i in range(n):
        with db.write() as s:
            audit.append(s, action="test", actor_name=who, details={"i": i})


def test_chain_holds_and_tampering_is_named(db: Database) -> None:
    _append_many(db, 12, "a")
    with db.read() as s:
        assert audit.verify(s).ok and audit.verify(s).rows_checked == 12
    with db.write() as s:
        as_owner(s).execute(text("update audit_log set details = '{\"i\": 99}' where id = 7"))
    with db.read() as s:
        report = audit.verify(s)
    assert not report.ok and report.first_broken_id == 7


def test_deleted_row_is_named(db: Database) -> None:
    _append_many(db, 6, "a")
    with db.write() as s:
        as_owner(s).execute(text("delete from audit_log where id = 4"))
    with db.read() as s:
        report = audit.verify(s)
    assert not report.ok and report.first_broken_id == 4


def test_concurrent_appends_do_not_fork_the_chain(db: Database) -> None:
    threads = [threading.Thread(target=_append_many, args=(db, 15, f"pc{i}")) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.read() as s:
        report = audit.verify(s)
        ids = [r[0] for r in s.execute(text("select id from audit_log order by id"))]
    assert report.ok and report.rows_checked == 60
    assert ids == list(range(1, 61))


def test_purge_refuses_rows_younger_than_90_days(db: Database) -> None:
    now = datetime(2026, 11, 22)
    with db.write() as s:
        audit.append(s, action="old", at=now - timedelta(days=200))
        audit.append(s, action="new", at=now - timedelta(days=10))
    with db.write() as s, pytest.raises(UserError) as caught:
        audit.purge_before(s, now - timedelta(days=30), now)
    assert caught.value.code == "audit_retention"
    with db.write() as s:
        purged = audit.purge_before(s, now - timedelta(days=100), now)
        assert purged.rows == 1 and purged.first_kept_id == 2
        audit.append(s, action="audit_purged", at=now)
    with db.read() as s:
        # Without the (signed) purge anchor the chain's missing start is damage ...
        assert not audit.verify(s).ok
        assert "earlier rows were removed" in audit.verify(s).problem
        # ... with it, the chain holds from there.
        assert audit.verify(s, [(purged.first_kept_id, purged.first_kept_prev_hash)]).ok


def test_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    db = Database(url)
    upgrade_database(db)
    with db.write() as s:
        s.execute(text("update alembic_version set version_num = '9999_future'"))
    with pytest.raises(UserError) as caught:
        upgrade_database(db)
    assert caught.value.code == "database_too_new"
    assert "ใหม่กว่า" in caught.value.text("th")
    db.dispose()


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    db = Database(f"sqlite:///{path}")
    with pytest.raises(UserError) as caught:
        upgrade_database(db)
    assert caught.value.code == "database_corrupt"
    assert path.read_bytes().startswith(b"this is not sqlite")  # nothing lost
    db.dispose()


def test_sqlite_is_copied_aside_before_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    con = sqlite3.connect(path)
    con.execute("create table alembic_version (version_num varchar(32) not null)")
    con.commit()
    con.close()
    db = Database(f"sqlite:///{path}")
    result = upgrade_database(db, tmp_path / "backups")
    assert result.backup is not None and result.backup.exists()
    assert current_revision(db) == head_revision()
    db.dispose()


def test_locked_sqlite_gives_a_clear_message(tmp_path: Path, monkeypatch) -> None:
    import desktop.store.database as database_module

    monkeypatch.setattr(database_module, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "w.sqlite3"
    db = Database(f"sqlite:///{path}")
    upgrade_database(db)
    blocker = sqlite3.connect(path, timeout=0.1)
    blocker.execute("begin immediate")
    try:
        with pytest.raises(UserError) as caught, db.write() as s:
            audit.append(s, action="x")
        assert caught.value.code == "database_locked"
    finally:
        blocker.rollback()
        blocker.close()
        db.dispose()
