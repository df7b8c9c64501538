"""Schema upgrades with Alembic, run from code.

``upgrade_database`` takes an automatic backup (desktop/store/backup*.py, both databases)
before changing anything, and refuses a database made by a newer WebDesk (its revision is
unknown to this one) with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    if backup_dir is not None:     # SQLite and PostgreSQL alike (desktop/store/backup*.py)
        from desktop import __version__
        from desktop.store.backup_write import backup_before_upgrade

        backup = backup_before_upgrade(db, backup_dir, before, __version__)
    config = alembic_config(db.url)
    with translate_db_errors(), db.write_engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
    return UpgradeResult(before, head, backup)


def _has_foreign_tables(db: Database) -> bool:
    with translate_db_errors(), db.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    return bool(names - {"alembic_version"})
