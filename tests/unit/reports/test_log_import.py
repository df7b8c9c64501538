"""Importing access logs into the database: incremental, rotation-proof, nothing counted twice,
malformed lines counted, raw copies kept for 90 days with a warning before younger ones go."""

from __future__ import annotations

import gzip
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.domain.web_stats import DayFigures
from desktop.services.context import AppContext
from desktop.services.report_logs import FileStatus, import_local_logs
from desktop.services.report_raw_logs import (
    plan_purge,
    purge_raw_logs,
    raw_log_files,
    set_raw_log_policy,
)
from desktop.store import report_records as records
from tests.unit.reports.conftest import FixedClock
from tests.unit.reports.log_samples import CHROME, FIREFOX, THAI_PAGE, line, reference_count

SITE = "www"
T0 = datetime(2026, 10, 1, 6, 0, 0)


def days(ctx: AppContext) -> dict[date, DayFigures]:
    with ctx.db.read() as session:
        return {d.day: d for d in records.day_figures(session, date(2000, 1, 1),
                                                      date(2100, 1, 1), SITE)}


def hour(h: int) -> datetime:
    return datetime(2026, 10, 1 + h // 24, h % 24, 30)


def visit_lines(start_hour: int, count: int, agent: str = CHROME) -> str:
    return "".join(line(f"10.0.0.{i % 5 + 1}", hour(start_hour + i % 3), f"/news/{i}.html",
                        agent=agent) for i in range(count))


def test_incremental_rotation_and_gzip_count_every_line_once(report_ctx: AppContext,
                                                             tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    part1 = visit_lines(0, 40) + "not a log line\n"
    log.write_text(part1 + '10.0.0.1 - - [01/Oct/2026:07:00:00 +0700] "GET /half')  # being written
    first = import_local_logs(report_ctx, SITE, [log])
    assert [f.status for f in first.files] == [FileStatus.NEW]
    assert (first.lines, first.malformed) == (41, 1)
    assert days(report_ctx)[date(2026, 10, 1)].page_views == 40

    # the server finishes the line and writes more; logrotate renames the file at 06:25
    rest = ' HTTP/1.1" 200 10 "-" "' + FIREFOX + '"\n' + visit_lines(20, 30)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(rest)
    rotated = tmp_path / "access.log.1"
    log.rename(rotated)
    fresh = visit_lines(30, 25, FIREFOX)
    log.write_text(fresh)
    second = import_local_logs(report_ctx, SITE, [rotated, log])
    assert sorted(f.status for f in second.files) == [FileStatus.CONTINUED, FileStatus.NEW]
    assert second.lines == 1 + 30 + 25

    # the next night: access.log.1 is compressed to access.log.2.gz; nothing new in it
    packed = tmp_path / "access.log.2.gz"
    packed.write_bytes(gzip.compress(rotated.read_bytes()))
    rotated.unlink()
    third = import_local_logs(report_ctx, SITE, [packed, log])
    assert [f.status for f in third.files] == [FileStatus.UNCHANGED, FileStatus.UNCHANGED]

    everything = (part1 + '10.0.0.1 - - [01/Oct/2026:07:00:00 +0700] "GET /half' + rest
                  + fresh).encode()
    ref = reference_count(everything)
    stored = days(report_ctx)
    assert {d: f.page_views for d, f in stored.items()} == dict(ref.page_views)
    assert {d: f.requests for d, f in stored.items()} == dict(ref.requests)
    assert {d: f.unique_visitors for d, f in stored.items()} == \
        {d: len(v) for d, v in ref.visitors.items()}
    assert {d: f.bytes_sent for d, f in stored.items()} == dict(ref.bytes_sent)
    with report_ctx.db.read() as session:
        assert records.malformed_lines(session, date(2026, 10, 1), date(2026, 10, 31)) == 1
        top = records.top_paths(session, date(2026, 10, 1), date(2026, 10, 1), "page", 3)
    assert top[0][1] >= top[-1][1]


def test_a_gzip_log_seen_first_compressed_then_plain_is_counted_once(
        report_ctx: AppContext, tmp_path: Path) -> None:
    text = visit_lines(0, 30) + line("10.0.0.9", hour(2), THAI_PAGE) + \
        line("10.0.0.9", hour(2), "/files/plan.pdf")
    packed = tmp_path / "old.log.gz"
    packed.write_bytes(gzip.compress(text.encode()))
    import_local_logs(report_ctx, SITE, [packed])
    copy = tmp_path / "old.log"
    copy.write_text(text)
    again = import_local_logs(report_ctx, SITE, [copy])
    assert again.files[0].status == FileStatus.UNCHANGED
    figures = days(report_ctx)[date(2026, 10, 1)]
    assert (figures.page_views, figures.downloads) == (31, 1)
    with report_ctx.db.read() as session:
        pages = dict(records.top_paths(session, date(2026, 10, 1), date(2026, 10, 1), "page",
                                       limit=100))
        files = records.top_paths(session, date(2026, 10, 1), date(2026, 10, 1), "download")
    assert pages["/ข่าว/2569/00006/index.html"] == 1
    assert files == [("/files/plan.pdf", 1)]


def test_a_later_import_of_the_same_day_adds_only_new_visitors(sqlite_ctx: AppContext,
                                                               tmp_path: Path) -> None:
    one = tmp_path / "a.log"
    one.write_text(line("10.0.0.1", hour(1), "/a.html") + line("10.0.0.2", hour(1), "/a.html"))
    import_local_logs(sqlite_ctx, SITE, [one])
    two = tmp_path / "b.log"
    two.write_text(line("10.0.0.2", hour(5), "/b.html") + line("10.0.0.3", hour(5), "/b.html"))
    import_local_logs(sqlite_ctx, SITE, [two])
    figures = days(sqlite_ctx)[date(2026, 10, 1)]
    assert (figures.page_views, figures.unique_visitors) == (4, 3)


def test_unreadable_file_is_a_clear_message(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        import_local_logs(sqlite_ctx, SITE, [tmp_path / "nope.log"])
    assert "nope.log" in caught.value.text("th") and "อ่าน" in caught.value.text("th")


def test_raw_logs_kept_and_purged_only_after_a_warning(sqlite_ctx: AppContext,
                                                       tmp_path: Path, clock: FixedClock) -> None:
    clock.now = datetime(2026, 10, 5, 9, 0)
    with pytest.raises(UserError) as short:
        set_raw_log_policy(sqlite_ctx, True, 30)
    assert "90" in short.value.text("th") and "90" in short.value.text("en")
    set_raw_log_policy(sqlite_ctx, True, 90)
    log = tmp_path / "access.log"
    text = visit_lines(0, 10)
    log.write_text(text)
    result = import_local_logs(sqlite_ctx, SITE, [log])
    kept = raw_log_files(sqlite_ctx)
    assert [k.path for k in kept] == list(result.kept)
    assert gzip.decompress(kept[0].path.read_bytes()) == text.encode()
    assert (kept[0].first_day, kept[0].last_day) == (date(2026, 10, 1), date(2026, 10, 1))
    # on 2027-01-10, 101 days later, a 90-day purge deletes it without asking
    later = plan_purge(sqlite_ctx, 90, today=date(2027, 1, 10))
    assert [f.path for f in later.delete] == [kept[0].path] and later.young == ()
    # ... but a 30-day purge on 2026-11-15 would delete a 45-day-old log: warned, kept
    with pytest.raises(UserError) as warned:
        purge_raw_logs(sqlite_ctx, 30, today=date(2026, 11, 15))
    assert "90" in warned.value.text("th") and kept[0].path.exists()
    removed = purge_raw_logs(sqlite_ctx, 30, today=date(2026, 11, 15), confirm_young=True)
    assert removed == [kept[0].path] and not kept[0].path.exists()


def test_import_is_audited(sqlite_ctx: AppContext, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(visit_lines(0, 5) + "junk\n")
    os.utime(log, (0, 0))
    import_local_logs(sqlite_ctx, SITE, [log])
    from desktop.store import audit
    with sqlite_ctx.db.read() as session:
        entries = [e for e in audit.entries(session) if e.action == "access_logs_imported"]
    assert entries and entries[0].details["lines"] == 6 and entries[0].details["malformed"] == 1


def test_a_damaged_gzip_is_skipped_and_the_others_counted(sqlite_ctx: AppContext,
                                                         tmp_path: Path) -> None:
    good = tmp_path / "access.log"
    good.write_text(visit_lines(0, 12))
    broken = tmp_path / "access.log.2.gz"
    whole = gzip.compress(visit_lines(30, 400).encode())
    broken.write_bytes(whole[: len(whole) // 2])          # logrotate still compressing it
    result = import_local_logs(sqlite_ctx, SITE, [broken, good])
    by_name = {f.name: f for f in result.files}
    assert by_name["access.log.2.gz"].status == FileStatus.DAMAGED
    assert by_name["access.log"].status == FileStatus.NEW and result.lines == 12
    with sqlite_ctx.db.read() as session:
        assert records.log_sources(session, SITE)[0].name == "access.log"   # only the good one
    broken.write_bytes(whole)                              # finished: counted next time
    again = import_local_logs(sqlite_ctx, SITE, [broken, good])
    assert {f.name: f.status for f in again.files} == {"access.log.2.gz": FileStatus.NEW,
                                                       "access.log": FileStatus.UNCHANGED}
