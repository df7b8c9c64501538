"""The profile is private: folders 0700; the SQLite database, its WAL/shared-memory files and
the backups 0600 — whatever the process umask (issue 10 found 0755 folders and 0644 files with
password hashes and personal data inside)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.paths import AppPaths
from desktop.services.backups import automatic_backup, backup_now
from desktop.services.context import AppContext
from desktop.store.database import Database

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The common default umask (0022): without the fix files come out 0644, folders 0755."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _write_something(ctx: AppContext) -> None:
    from desktop.domain.workflow import Role
    from desktop.services import auth

    auth.create_user(ctx, auth.NewUser("admin", "admin-pass-1", frozenset({Role.ADMIN})), None)


def test_a_new_profile_is_private(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "new" / "profile")
    ctx = AppContext.open(paths)
    try:
        _write_something(ctx)
        for folder in (paths.home, paths.cache_dir, paths.log_dir, paths.backup_dir):
            assert mode(folder) == 0o700, folder
        database = paths.database_file
        wal = database.with_name(database.name + "-wal")
        shm = database.with_name(database.name + "-shm")
        assert wal.exists() and shm.exists()
        for file in (database, wal, shm):
            assert mode(file) == 0o600, file
    finally:
        ctx.close()


def test_an_old_profile_with_loose_modes_is_tightened(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "profile")
    ctx = AppContext.open(paths)
    _write_something(ctx)
    ctx.close()
    database = paths.database_file
    os.chmod(paths.home, 0o755)
    os.chmod(paths.log_dir, 0o775)
    os.chmod(database, 0o644)
    ctx = AppContext.open(paths)
    try:
        assert mode(paths.home) == 0o700 and mode(paths.log_dir) == 0o700
        assert mode(database) == 0o600
    finally:
        ctx.close()


def test_a_database_opened_elsewhere_is_made_private_on_first_connect(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "queue.sqlite3"
    target.parent.mkdir()
    db = Database(f"sqlite:///{target}")
    try:
        with db.write() as session:
            session.execute(text("CREATE TABLE t (x INTEGER)"))
            session.execute(text("INSERT INTO t VALUES (1)"))
        for suffix in ("", "-wal", "-shm"):
            companion = target.with_name(target.name + suffix)
            assert companion.exists() and mode(companion) == 0o600, companion
    finally:
        db.dispose()


def test_backups_are_private(home: Path, database_url: str, tmp_path: Path) -> None:
    paths = AppPaths.resolve(home, database_url)
    ctx = AppContext.open(paths)
    try:
        _write_something(ctx)
        out = tmp_path / "exports" / "webdesk-backup.zip"
        backup_now(ctx, out)
        automatic = automatic_backup(paths, ctx.db, "daily")
        assert mode(out) == 0o600 and mode(automatic) == 0o600
        assert mode(paths.backup_dir) == 0o700
    finally:
        ctx.close()
