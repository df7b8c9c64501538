"""desktop.services.report_raw_logs: raw access logs kept (when asked) for at least the 90 days
the Computer-related Crime Act asks; nothing younger deleted without a warning first."""

from __future__ import annotations

import gzip
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.services.context import AppContext
from desktop.services.report_raw_logs import (
    MINIMUM_DAYS,
    RawLogWriter,
    plan_purge,
    purge_raw_logs,
    raw_log_files,
    raw_log_folder,
    raw_log_policy,
    set_raw_log_policy,
)
from tests.unit.services.support import assert_refusal, sqlite_only

TODAY = date(2026, 11, 23)


@sqlite_only
def test_the_policy_cannot_go_below_the_legal_minimum(ctx: AppContext) -> None:
    assert raw_log_policy(ctx).keep is False and raw_log_policy(ctx).days == MINIMUM_DAYS
    with pytest.raises(UserError) as caught:
        set_raw_log_policy(ctx, True, 30)
    assert_refusal(caught.value, "raw_logs_too_short")
    assert raw_log_policy(ctx).keep is False
    set_raw_log_policy(ctx, True, 120)
    assert (raw_log_policy(ctx).keep, raw_log_policy(ctx).days) == (True, 120)


@sqlite_only
def test_a_kept_copy_is_named_by_its_days_and_nothing_half_written_stays(
        ctx: AppContext) -> None:
    folder = raw_log_folder(ctx, "www.example.go.th:/var/www")
    assert folder.name == "www.example.go.th__var_www"
    writer = RawLogWriter(folder, "abc123", 0)
    writer.write(b"line one\n")
    writer.write(b"line two\n")
    kept = writer.finish(date(2026, 11, 1), date(2026, 11, 2))
    assert kept is not None and kept.name == "2026-11-01_2026-11-02_abc123_0.log.gz"
    assert gzip.decompress(kept.read_bytes()) == b"line one\nline two\n"
    nothing = RawLogWriter(folder, "abc123", 18)
    assert nothing.finish(None, None) is None
    abandoned = RawLogWriter(folder, "abc123", 36)
    abandoned.write(b"partial\n")
    abandoned.abandon()
    assert sorted(p.name for p in folder.iterdir()) == [kept.name]
    assert [f.path for f in raw_log_files(ctx)] == [kept]


@sqlite_only
def test_an_unwritable_archive_folder_is_said(ctx: AppContext, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError) as caught:
        RawLogWriter(blocker / "www", "abc", 0)
    assert_refusal(caught.value, "raw_logs_unwritable")


@sqlite_only
def test_young_logs_are_deleted_only_after_a_warning(ctx: AppContext) -> None:
    folder = raw_log_folder(ctx, "www")
    old_day, young_day = TODAY - timedelta(days=200), TODAY - timedelta(days=40)
    for day, offset in ((old_day, 0), (young_day, 10)):
        writer = RawLogWriter(folder, "abc", offset)
        writer.write(b"x\n")
        writer.finish(day, day)
    keep_all = plan_purge(ctx, MINIMUM_DAYS, TODAY)
    assert [f.last_day for f in keep_all.delete] == [old_day] and keep_all.young == ()
    assert [p.name for p in purge_raw_logs(ctx, MINIMUM_DAYS, today=TODAY)] == [
        f"{old_day}_{old_day}_abc_0.log.gz"]
    with pytest.raises(UserError) as caught:
        purge_raw_logs(ctx, 30, today=TODAY)
    assert_refusal(caught.value, "raw_logs_young_delete")
    assert len(raw_log_files(ctx)) == 1
    assert len(purge_raw_logs(ctx, 30, confirm_young=True, today=TODAY)) == 1
    assert raw_log_files(ctx) == []
