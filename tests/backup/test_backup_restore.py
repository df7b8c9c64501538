"""Backup -> wipe -> restore gives back every request, file, sign-off and audit row (both
databases, every backup kind), and restore refuses what it must refuse, changing nothing."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services.audit_log import verify_all
from desktop.services.backups import backup_now, describe_backup, restore_backup
from desktop.services.context import AppContext
from desktop.store.backup import BackupKind
from desktop.store.backup_pg import find_tool
from tests.backup.conftest import assert_restored, snapshot, wipe
from tests.support.components import require

KEPT = ("requests", "attachments", "blobs", "blob_chunks", "signoffs", "audit_log", "users",
        "approved_versions", "audit_head")


def _round_trip(ctx: AppContext, out: Path, *, logical: bool = False) -> None:
    before = snapshot(ctx.db.url)
    assert all(before[name] for name in KEPT)          # the demo filled every one of them
    info = backup_now(ctx, out, logical=logical)
    paths = ctx.paths
    ctx.close()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert info.table_rows["requests"] == 12 and info.table_rows["signoffs"] == 5

    wipe(paths.database_url)
    report = restore_backup(paths, out)

    assert report.chain_ok and report.audit_rows == len(before["audit_log"])
    assert_restored(snapshot(paths.database_url), before)
    reopened = AppContext.open(paths)
    try:
        assert verify_all(reopened).ok
    finally:
        reopened.close()


def test_backup_wipe_restore_gives_everything_back(seeded: AppContext, tmp_path: Path) -> None:
    if not seeded.db.is_sqlite:
        require(find_tool("pg_dump") is not None and find_tool("pg_restore") is not None,
                "pg_dump and pg_restore (Debian: postgresql-client)")
    out = tmp_path / "backup.wdbackup"
    _round_trip(seeded, out)
    expected = BackupKind.SQLITE if seeded.db.is_sqlite else BackupKind.PG_DUMP
    assert describe_backup(out).kind == expected


def test_logical_backup_round_trip(seeded: AppContext, tmp_path: Path) -> None:
    """The export through SQLAlchemy (PostgreSQL without pg_dump) restores just as well."""
    out = tmp_path / "logical.wdbackup"
    _round_trip(seeded, out, logical=True)
    assert describe_backup(out).kind == BackupKind.LOGICAL


@pytest.mark.postgres
def test_a_pc_database_moves_into_postgresql(home: Path, tmp_path: Path,
                                             fresh_postgres_url: str) -> None:
    """A SQLite backup restored into a shared PostgreSQL database: the same rows."""
    import io

    from desktop.services.demo import seed_demo

    local = AppContext.open(AppPaths.resolve(home))
    seed_demo(local, io.StringIO())
    before = snapshot(local.db.url)
    backup_now(local, tmp_path / "pc.wdbackup")
    local.close()

    shared = AppPaths.resolve(tmp_path / "shared-profile", fresh_postgres_url)
    report = restore_backup(shared, tmp_path / "pc.wdbackup")
    assert report.chain_ok
    assert_restored(snapshot(fresh_postgres_url), before)


def test_pg_dump_backup_is_refused_on_sqlite(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "fake.wdbackup"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("webdesk-backup.json", json.dumps(
            {"kind": "pg_dump", "revision": "0001", "source": "postgresql",
             "created_at": "2026-11-23T09:00:00", "app_version": "0.1.0"}))
        archive.writestr("database.pgdump", b"PGDMP")
    with pytest.raises(UserError) as caught:
        restore_backup(AppPaths.resolve(home), out)
    assert caught.value.code == "backup_needs_postgres"


def _rewrite_description(backup: Path, **changes: object) -> None:
    with zipfile.ZipFile(backup) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    meta = json.loads(members["webdesk-backup.json"])
    meta.update(changes)
    members["webdesk-backup.json"] = json.dumps(meta).encode()
    with zipfile.ZipFile(backup, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_backup_from_a_newer_schema_is_refused_and_nothing_changes(
        small: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "future.wdbackup"
    backup_now(small, out)
    _rewrite_description(out, revision="9999_from_the_future")
    before = snapshot(small.db.url)
    with pytest.raises(UserError) as caught:
        restore_backup(small.paths, out)
    assert caught.value.code == "backup_too_new"
    assert "9999_from_the_future" in caught.value.text("th")
    assert snapshot(small.db.url) == before


def test_a_backup_with_a_broken_audit_chain_is_refused_and_nothing_changes(
        small: AppContext, tmp_path: Path) -> None:
    from sqlalchemy import text

    out = tmp_path / "tampered.wdbackup"
    guard_off = "SET LOCAL session_replication_role = replica"   # PostgreSQL's append-only
    with small.db.write() as session:      # someone edited a row of the log ...
        if not small.db.is_sqlite:
            session.execute(text(guard_off))
        name = session.execute(text("SELECT actor_name FROM audit_log WHERE id = 2")).scalar()
        session.execute(text("UPDATE audit_log SET actor_name = 'mallory' WHERE id = 2"))
    backup_now(small, out)
    with small.db.write() as session:      # ... and put it back after the backup
        if not small.db.is_sqlite:
            session.execute(text(guard_off))
        session.execute(text("UPDATE audit_log SET actor_name = :name WHERE id = 2"),
                        {"name": name})
    assert verify_all(small).ok
    before = snapshot(small.db.url)
    with pytest.raises(UserError) as caught:
        restore_backup(small.paths, out)
    assert caught.value.code == "restore_chain_broken"
    assert "audit_log id=2" in caught.value.text("en")
    assert snapshot(small.db.url) == before


def test_something_else_is_not_a_backup(home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    with pytest.raises(UserError) as caught:
        restore_backup(AppPaths.resolve(home), junk)
    assert caught.value.code == "backup_unreadable"
    assert str(junk) in caught.value.text("th")


def test_a_damaged_payload_is_refused(small: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "damaged.wdbackup"
    backup_now(small, out)
    info = describe_backup(out)
    _rewrite_description(out, payload_sha256="0" * 64)
    with pytest.raises(UserError) as caught:
        restore_backup(small.paths, out)
    assert caught.value.code == "backup_unreadable"
    assert info.payload_sha256 != "0" * 64


def test_restore_keeps_the_replaced_database_as_a_backup(small: AppContext,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "b.wdbackup"
    backup_now(small, out)
    report = restore_backup(small.paths, out)
    assert report.safety_backup is not None and report.safety_backup.is_file()
    assert report.safety_backup.parent == small.paths.backup_dir
    assert stat.S_IMODE(os.stat(report.safety_backup).st_mode) == 0o600
    assert describe_backup(report.safety_backup).reason == "before-restore"
