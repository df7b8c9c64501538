"""Putting a backup back: a staged SQLite file swapped in, or a PostgreSQL database rebuilt.

A backup whose schema revision this WebDesk does not know (made by a newer one) is refused
before anything is touched.  The restored database is brought up to this version's schema.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, delete, func, select

from desktop.domain.errors import UserError
from desktop.domain.messages import Localized, MessageCode
from desktop.store import backup_logical, backup_pg
from desktop.store.backup import BackupInfo, BackupKind, extract_payload
from desktop.store.database import Database, translate_db_errors
from desktop.store.migrate import alembic_config


class RestoreMessage(MessageCode):
    BACKUP_TOO_NEW = (
        "backup_too_new",
        "ไฟล์สำรองข้อมูลนี้มาจาก WebDesk รุ่นที่ใหม่กว่า (รุ่นโครงสร้าง {revision}) "
        "จึงนำกลับด้วยโปรแกรมรุ่นนี้ไม่ได้ กรุณาปรับรุ่นโปรแกรมก่อน",
        "This backup comes from a newer WebDesk (schema {revision}); this version cannot "
        "restore it. Please update the app first.",
    )
    BACKUP_NEEDS_POSTGRES = (
        "backup_needs_postgres",
        "ไฟล์สำรองนี้ทำด้วย pg_dump นำกลับได้เฉพาะฐานข้อมูล PostgreSQL",
        "This backup was made with pg_dump; it can only be restored into PostgreSQL.",
    )
    BACKUP_RESTORE_FAILED = (
        "backup_restore_failed",
        "นำข้อมูลสำรองกลับไม่สำเร็จ: {detail}",
        "The backup could not be restored: {detail}",
    )



def check_revision(info: BackupInfo) -> None:
    """Refuse a backup from a newer schema (a revision this version does not know)."""
    if info.revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    try:
        script.get_revision(info.revision)
    except Exception as exc:  # alembic raises several kinds for unknown revisions
        raise UserError(RestoreMessage.BACKUP_TOO_NEW, revision=info.revision) from exc


def upgrade_connection(connection: Connection, url: str, revision: str) -> None:
    """Bring the schema reached through ``connection`` to ``revision`` (or "head")."""
    config = alembic_config(url)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _empty_tables(connection: Connection) -> None:
    """Remove rows the migrations seed (the audit head), so the backup's own go in."""
    for table in reversed(backup_logical.data_tables(backup_logical.reflect(connection))):
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            connection.execute(delete(table))


def _source_rows(payload: Path, info: BackupInfo,
                 stack: contextlib.ExitStack) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    if info.kind == BackupKind.LOGICAL:
        return backup_logical.iter_jsonl(payload)
    engine = create_engine(f"sqlite:///{payload}")
    stack.callback(engine.dispose)
    connection = stack.enter_context(engine.connect())
    return backup_logical.iter_database(connection)


def load_logical(connection: Connection, url: str, payload: Path, info: BackupInfo) -> None:
    """Rebuild the schema at the backup's revision and load its rows (one transaction)."""
    backup_logical.drop_everything(connection)
    if info.revision is not None:
        upgrade_connection(connection, url, info.revision)
    _empty_tables(connection)
    with contextlib.ExitStack() as stack:
        try:
            backup_logical.load_tables(connection, _source_rows(payload, info, stack))
        except ValueError as exc:
            raise UserError(RestoreMessage.BACKUP_RESTORE_FAILED,
                            detail=_unloadable(exc)) from exc


def _unloadable(exc: ValueError) -> Localized:
    """Why the rows of a logical backup could not be loaded, in Thai and English."""
    if isinstance(exc, backup_logical.UnknownTable):
        return Localized(f"ไฟล์สำรองมีตาราง {exc.name} ที่ฐานข้อมูลรุ่นนี้ไม่มี",
                         f"the backup has a table this schema lacks: {exc.name}")
    return Localized("ข้อมูลในไฟล์สำรองอ่านไม่ได้ ไฟล์อาจเสียหาย",
                     "the data in the backup cannot be read; the file may be damaged")


def stage_sqlite(backup: Path, info: BackupInfo, folder: Path) -> Path:
    """A SQLite file in ``folder`` holding the backup, upgraded to this version's schema."""
    if info.kind == BackupKind.PG_DUMP:
        raise UserError(RestoreMessage.BACKUP_NEEDS_POSTGRES)
    payload = extract_payload(backup, info, folder)
    if info.kind == BackupKind.SQLITE:
        staged = payload
    else:
        staged = folder / "restored.sqlite3"
        _load_into(f"sqlite:///{staged}", payload, info)
    url = f"sqlite:///{staged}"
    engine = create_engine(url)
    try:
        with translate_db_errors(), engine.begin() as connection:
            upgrade_connection(connection, url, "head")
    finally:
        engine.dispose()
    _to_single_file(staged)
    return staged


def _load_into(url: str, payload: Path, info: BackupInfo) -> None:
    engine = create_engine(url)
    try:
        with translate_db_errors(), engine.begin() as connection:
            load_logical(connection, url, payload, info)
    finally:
        engine.dispose()


def _to_single_file(path: Path) -> None:
    connection = sqlite3.connect(str(path))
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    os.chmod(path, 0o600)


def swap_sqlite_file(staged: Path, target: Path) -> None:
    """Put ``staged`` in place of ``target`` (nobody may have it open: the caller closed it).

    The old file's WAL is checkpointed into it first: a WAL left beside the new file would
    be replayed into it."""
    if target.exists():
        old = sqlite3.connect(str(target))
        try:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            old.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.DatabaseError:
            pass  # a damaged file is being replaced: nothing of it is kept
        finally:
            old.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    os.chmod(target, 0o600)


def restore_postgres(backup: Path, info: BackupInfo, db: Database, folder: Path) -> None:
    """Replace the contents of a PostgreSQL database with the backup, then upgrade it."""
    payload = extract_payload(backup, info, folder)
    with translate_db_errors():
        if info.kind == BackupKind.PG_DUMP:
            with db.engine.begin() as connection:
                backup_logical.drop_everything(connection)
            backup_pg.restore(db.url, payload)
            with db.engine.begin() as connection:
                upgrade_connection(connection, db.url, "head")
            return
        with db.engine.begin() as connection:
            load_logical(connection, db.url, payload, info)
            upgrade_connection(connection, db.url, "head")


def wipe_database(db: Database) -> None:
    """Drop every table and build the schema again, empty (a demo profile's reset)."""
    with translate_db_errors(), db.write_engine.connect() as connection:
        backup_logical.drop_everything(connection)
        upgrade_connection(connection, db.url, "head")
        connection.commit()


def row_counts(db: Database) -> dict[str, int]:
    with translate_db_errors(), db.engine.connect() as connection:
        return backup_logical.table_counts(connection)
