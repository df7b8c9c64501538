"""Schema upgrades with Alembic, run from code.

``upgrade_database`` copies a SQLite file aside before changing it, and refuses a database
made by a newer WebDesk (its revision is unknown to this one) with a clear message.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.exc import DatabaseError

from desktop.domain.errors import UserError
from desktop.store.database import Database, translate_db_errors

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with translate_db_errors(), db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def _sqlite_file(url: str) -> Path | None:
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != "sqlite://" and ":memory:" not in url:
        return Path(url[len(prefix):])
    return None


def upgrade_database(db: Database, backup_dir: Path | None = None) -> UpgradeResult:
    script = ScriptDirectory.from_config(alembic_config(db.url))
    head = head_revision()
    try:
        before = current_revision(db)
    except DatabaseError as exc:
        raise UserError("database_corrupt", location=db.url) from exc
    if before == head:
        return UpgradeResult(before, head, None)
    if before is not None:
        try:
            script.get_revision(before)
        except Exception as exc:  # alembic raises several kinds for unknown revisions
            raise UserError("database_too_new", revision=before) from exc
    elif _has_foreign_tables(db):
        raise UserError("database_corrupt", location=db.url)
    backup = None
    path = _sqlite_file(db.url)
    if path is not None and path.exists() and path.stat().st_size > 0 and backup_dir is not None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_dir / f"{path.stem}-{before or 'empty'}-{stamp}{path.suffix}"
        _copy_sqlite(path, backup)
    config = alembic_config(db.url)
    with translate_db_errors(), db.write_engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
    return UpgradeResult(before, head, backup)


def _copy_sqlite(path: Path, target: Path) -> None:
    """Copy a live SQLite database consistently (the backup API, WAL included)."""
    import sqlite3

    source = sqlite3.connect(str(path))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    except sqlite3.DatabaseError:
        shutil.copy2(path, target)
    finally:
        source.close()


def _has_foreign_tables(db: Database) -> bool:
    with translate_db_errors(), db.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    return bool(names - {"alembic_version"})
