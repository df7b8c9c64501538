"""Schema upgrades with Alembic, run from code.

``upgrade_database`` takes an automatic backup (desktop/store/backup*.py, both databases)
before changing anything, and refuses a database made by a newer WebDesk (its revision is
unknown to this one) with a clear message.

Alembic is imported only when there is something to do: a database already at the newest
revision (every start but the first after an update) is recognised from the revision files'
``revision``/``down_revision`` lines and one SELECT (~0.2 s less to the first window).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from desktop.domain.errors import UserError
from desktop.store.database import Database, translate_db_errors
from desktop.store.early_read import MIGRATIONS, listed_head

if TYPE_CHECKING:
    from alembic.config import Config



def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with translate_db_errors(), db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def _stored_revision(db: Database) -> str | None:
    """The database's revision by one SELECT (None when it cannot say)."""
    with translate_db_errors(), db.engine.connect() as connection:
        try:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        except DatabaseError:     # no such table, not a database: the full path says why
            return None
    return str(found[0][0]) if len(found) == 1 else None


def upgrade_database(db: Database, backup_dir: Path | None = None) -> UpgradeResult:
    head = listed_head()
    if head is not None and _stored_revision(db) == head:   # up to date: Alembic not needed
        return UpgradeResult(head, head, None)
    from alembic import command
    from alembic.script import ScriptDirectory

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
