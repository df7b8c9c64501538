"""Automatic backups: before every schema upgrade (both databases), once a day, the last N
kept; every backup file private (0600)."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from alembic import command

from desktop.paths import AppPaths
from desktop.services.backups import daily_backup_if_due, describe_backup, restore_backup
from desktop.services.context import AppContext
from desktop.store.backup import automatic_backups
from desktop.store.database import Database
from desktop.store.migrate import alembic_config, head_revision
from tests.backup.conftest import assert_restored, snapshot


def _database_at(url: str, revision: str) -> None:
    db = Database(url)
    try:
        with db.write_engine.connect() as connection:
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
    finally:
        db.dispose()


def _fixed(when: datetime) -> Callable[[], datetime]:
    return lambda: when


def test_an_upgrade_is_preceded_by_a_backup_of_the_old_schema(home: Path,
                                                               database_url: str) -> None:
    _database_at(database_url, "0001")
    paths = AppPaths.resolve(home, database_url)
    before = snapshot(database_url)

    ctx = AppContext.open(paths)            # upgrades to head
    ctx.close()

    made = automatic_backups(paths.backup_dir)
    assert len(made) == 1 and "before-upgrade-0001" in made[0].name
    assert stat.S_IMODE(made[0].stat().st_mode) == 0o600
    info = describe_backup(made[0])
    assert info.revision == "0001" and info.revision != head_revision()
    # ... and it restores (upgraded to this version on the way back).
    report = restore_backup(paths, made[0])
    assert report.chain_ok
    after = snapshot(database_url)
    assert_restored({k: v for k, v in after.items() if k in before}, before)


def test_a_database_already_at_head_is_not_backed_up_again(home: Path) -> None:
    paths = AppPaths.resolve(home)
    AppContext.open(paths).close()
    AppContext.open(paths).close()
    assert automatic_backups(paths.backup_dir) == []


def test_one_backup_a_day(small: AppContext) -> None:
    first = daily_backup_if_due(small)
    assert first is not None and first.is_file()
    assert daily_backup_if_due(small) is None                 # the same day: nothing new
    small.clock = _fixed(datetime.now() + timedelta(days=1, minutes=1))
    second = daily_backup_if_due(small)
    assert second is not None and second != first
    assert automatic_backups(small.paths.backup_dir, "daily") == [first, second]


def test_only_the_last_n_automatic_backups_are_kept(small: AppContext) -> None:
    small.set_setting("backup_keep", 3)
    made = []
    for day in range(5):
        small.clock = _fixed(datetime.now() + timedelta(days=day, minutes=1))
        made.append(daily_backup_if_due(small))
    assert automatic_backups(small.paths.backup_dir) == made[-3:]
    assert not any(path.exists() for path in made[:2] if path is not None)
