"""Taking a backup of a live database without stopping anybody.

SQLite: the online backup API into a scratch file.  PostgreSQL: one REPEATABLE READ
transaction exports its snapshot; the row counts, the audit head and ``pg_dump`` (or the
logical export when ``pg_dump`` is missing or too old) all read that same snapshot.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from desktop.domain.errors import UserError
from desktop.store import backup_logical, backup_pg
from desktop.store.backup import (
    DEFAULT_KEEP,
    BackupInfo,
    BackupKind,
    automatic_name,
    copy_sqlite,
    now_stamp,
    private_temp_dir,
    prune_automatic,
    sqlite_file_of,
    write_container,
)
from desktop.store.database import Database, translate_db_errors


def describe(connection: Connection) -> tuple[str | None, dict[str, int], str]:
    """(schema revision, rows per table, audit chain head) as this connection sees them."""
    revision = MigrationContext.configure(connection).get_current_revision()
    counts = backup_logical.table_counts(connection)
    head = ""
    if "audit_head" in counts:
        head = str(connection.execute(text("SELECT last_hash FROM audit_head WHERE id = 1"))
                   .scalar() or "")
    return revision, counts, head


def take_backup(db: Database, out: Path, *, app_version: str, reason: str = "",
                extra_files: dict[str, bytes] | None = None,
                logical: bool = False) -> BackupInfo:
    """Write a backup of ``db`` to ``out`` (0600); ``logical`` forces the JSON-lines kind."""
    with private_temp_dir() as scratch, translate_db_errors():
        sqlite_file = sqlite_file_of(db.url)
        if sqlite_file is not None and not logical:
            info = _sqlite_backup(sqlite_file, scratch, app_version, reason)
            payload = scratch / info.payload_name
        elif db.is_sqlite:
            info, payload = _logical_sqlite(db, scratch, app_version, reason)
        else:
            info, payload = _postgres_backup(db, scratch, app_version, reason, logical)
        return write_container(out, info, payload, extra_files)


def _sqlite_backup(source: Path, scratch: Path, app_version: str, reason: str) -> BackupInfo:
    if not source.is_file():
        raise UserError("database_missing", location=str(source))
    copy = scratch / "database.sqlite3"
    copy_sqlite(source, copy)
    engine = create_engine(f"sqlite:///{copy}")
    try:
        with engine.connect() as connection:
            revision, counts, head = describe(connection)
    except SQLAlchemyError as exc:
        raise UserError("database_corrupt", location=str(source)) from exc
    finally:
        engine.dispose()
    return BackupInfo(BackupKind.SQLITE, revision, "sqlite", now_stamp(), app_version, counts,
                      head, reason=reason)


def _logical_sqlite(db: Database, scratch: Path, app_version: str,
                    reason: str) -> tuple[BackupInfo, Path]:
    payload = scratch / "database.jsonl"
    with db.write_engine.connect() as connection, connection.begin():
        revision, _counts, head = describe(connection)
        counts = backup_logical.export_logical(connection, payload)
    return BackupInfo(BackupKind.LOGICAL, revision, "sqlite", now_stamp(), app_version, counts,
                      head, reason=reason), payload


def _postgres_backup(db: Database, scratch: Path, app_version: str, reason: str,
                     logical: bool) -> tuple[BackupInfo, Path]:
    with db.engine.connect() as plain:
        connection = plain.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = str(connection.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            revision, counts, head = describe(connection)
            dumped = scratch / "database.pgdump"
            if not logical and backup_pg.dump(db.url, dumped, snapshot):
                kind, payload = BackupKind.PG_DUMP, dumped
            else:
                kind, payload = BackupKind.LOGICAL, scratch / "database.jsonl"
                counts = backup_logical.export_logical(connection, payload)
    with contextlib.suppress(OSError):
        payload.chmod(0o600)
    return BackupInfo(kind, revision, "postgresql", now_stamp(), app_version, counts, head,
                      reason=reason), payload


def backup_before_upgrade(db: Database, backup_dir: Path, before: str | None,
                          app_version: str) -> Path | None:
    """The automatic backup taken before a schema upgrade (nothing for an empty database)."""
    with translate_db_errors(), db.engine.connect() as connection:
        if not inspect(connection).get_table_names():
            return None                     # a new, empty database: nothing to keep
    target = backup_dir / automatic_name(f"before-upgrade-{before or 'empty'}")
    take_backup(db, target, app_version=app_version, reason=f"before upgrade from {before}")
    prune_automatic(backup_dir, DEFAULT_KEEP)
    return target
