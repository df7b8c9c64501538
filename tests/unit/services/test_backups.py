"""desktop.services.backups: a backup of the whole database (and the profile's catalogue and
host keys), the automatic daily one, and a restore that never leaves a half-restored database:
verified first, the current one kept aside, refused when the backup's audit chain is broken."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest
from desktop.services import backups
from desktop.services import requests as rq
from desktop.services.audit_log import verify_all
from desktop.services.context import AppContext
from desktop.services.pc_settings import write_pc_setting
from desktop.store import audit
from desktop.store.backup import DEFAULT_KEEP, automatic_backups
from desktop.store.models import AuditRow
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import assert_refusal, has_thai, sqlite_only

Sample = Callable[..., PublicationRequest]


def test_a_backup_describes_what_it_holds(ctx: AppContext, people, tmp_path: Path) -> None:  # noqa: ANN001
    (ctx.paths.home / "known_hosts").write_text("[127.0.0.1]:2222 ssh-ed25519 AAAA\n")
    info = backups.backup_now(ctx, tmp_path / "office.wdbackup", reason="test")
    assert info.source == ("sqlite" if ctx.db.is_sqlite else "postgresql")
    assert info.table_rows["users"] == 5 and info.audit_head and info.reason == "test"
    read = backups.describe_backup(tmp_path / "office.wdbackup")
    assert (read.kind, read.revision, read.table_rows) == (info.kind, info.revision,
                                                           info.table_rows)


@sqlite_only
def test_how_many_automatic_backups_are_kept(ctx: AppContext) -> None:
    assert backups.keep_count(ctx) == DEFAULT_KEEP
    for bad in ("many", 0, -3):
        ctx.set_setting("backup_keep", bad)
        assert backups.keep_count(ctx) == DEFAULT_KEEP
    ctx.set_setting("backup_keep", 2)
    assert backups.keep_count(ctx) == 2
    for _ in range(3):
        backups.automatic_backup(ctx.paths, ctx.db, "test", keep=2)
    assert len(automatic_backups(ctx.paths.backup_dir, "test")) == 2


@sqlite_only
def test_the_daily_backup_is_taken_once_a_day_unless_switched_off(ctx: AppContext,
                                                                   clock: FakeClock) -> None:
    first = backups.daily_backup_if_due(ctx)
    assert first is not None and first.is_file()
    taken = clock.now.timestamp()
    os.utime(first, (taken, taken))                  # taken "now" by the test's clock
    clock.now += timedelta(hours=23)
    assert backups.daily_backup_if_due(ctx) is None
    clock.now += timedelta(hours=2)
    second = backups.daily_backup_if_due(ctx)
    assert second is not None and second != first
    write_pc_setting(ctx.paths, "backups", {"daily": False})
    clock.now += timedelta(days=3)
    assert backups.daily_backup_if_due(ctx) is None
    assert len(automatic_backups(ctx.paths.backup_dir, "daily")) == 2


@sqlite_only
def test_a_restore_puts_the_backup_back_and_keeps_the_current_one_aside(
        ctx: AppContext, people, sample_request: Sample, tmp_path: Path) -> None:  # noqa: ANN001
    (ctx.paths.home / "known_hosts").write_text("[127.0.0.1]:2222 ssh-ed25519 AAAA\n")
    saved = tmp_path / "before.wdbackup"
    backups.backup_now(ctx, saved)
    rq.register_request(ctx, people["web1"], sample_request())          # after the backup
    (ctx.paths.home / "known_hosts").unlink()
    ctx.close()
    report = backups.restore_backup(ctx.paths, saved)
    assert report.chain_ok and report.rows["users"] == 5 and report.rows["requests"] == 0
    assert report.safety_backup is not None and report.safety_backup.is_file()
    assert report.profile_files == ["known_hosts"]
    reopened = AppContext.open(ctx.paths)
    try:
        assert rq.count_requests(reopened, rq.RequestQuery()) == 0
        with reopened.db.read() as session:
            assert audit.entries(session)[-1].action == "backup_restored"
        assert verify_all(reopened).ok
    finally:
        reopened.close()


@sqlite_only
def test_a_backup_with_a_broken_chain_is_not_restored(ctx: AppContext, people,  # noqa: ANN001
                                                      sample_request: Sample,
                                                      tmp_path: Path) -> None:
    with ctx.db.write() as session:
        row = session.get(AuditRow, 2)
        assert row is not None
        original, row.actor_name = row.actor_name, "someone-else"
    broken = tmp_path / "broken.wdbackup"
    backups.backup_now(ctx, broken)
    with ctx.db.write() as session:
        session.execute(update(AuditRow).where(AuditRow.id == 2).values(actor_name=original))
    assert verify_all(ctx).ok                                # only the backup is broken
    rid = rq.register_request(ctx, people["web1"], sample_request())
    ctx.close()
    with pytest.raises(UserError) as caught:
        backups.restore_backup(ctx.paths, broken)
    assert_refusal(caught.value, "restore_chain_broken")
    reopened = AppContext.open(ctx.paths)
    try:
        assert rq.get_request(reopened, people["web1"], rid).request.id == rid   # unchanged
    finally:
        reopened.close()


@pytest.mark.parametrize("data", [b"not a backup", b"PK\x03\x04garbage", None])
def test_a_file_that_is_not_a_backup_is_named(tmp_path: Path, data: bytes | None) -> None:
    path = tmp_path / "office.wdbackup"
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(UserError) as caught:
        backups.describe_backup(path)
    assert has_thai(caught.value.text("th")) and "office.wdbackup" in caught.value.text("en")
