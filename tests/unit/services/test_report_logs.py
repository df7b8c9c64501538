"""desktop.services.report_logs: the web server's access logs counted into the database —
incremental (only what is new), malformed lines counted, a damaged .gz skipped while the others
are counted, unreadable files named; every counting import audited."""

from __future__ import annotations

import gzip
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.services.context import AppContext
from desktop.services.report_logs import FileStatus, import_local_logs, readable_path
from desktop.store import report_records as records
from tests.unit.reports.log_samples import THAI_PAGE, line
from tests.unit.services.support import assert_refusal, audit_actions, sqlite_only

SITE = "www"
DAY = date(2026, 11, 20)


def _lines(count: int, first: int = 0) -> str:
    return "".join(line(f"10.0.0.{(first + i) % 7 + 1}", datetime(2026, 11, 20, 9, i % 60),
                        f"/news/{first + i}.html") for i in range(count))


def _page_views(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        return sum(d.page_views for d in records.day_figures(session, DAY, DAY, SITE))


def test_only_what_is_new_is_counted(ctx: AppContext, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(_lines(20) + "garbage that is not a log line\n", encoding="utf-8")
    first = import_local_logs(ctx, SITE, [log], workers=1)
    assert [f.status for f in first.files] == [FileStatus.NEW]
    assert (first.lines, first.malformed, first.page_views) == (21, 1, 20)
    assert first.files[0].first_day == first.files[0].last_day == DAY
    assert _page_views(ctx) == 20
    again = import_local_logs(ctx, SITE, [log], workers=1)
    assert [f.status for f in again.files] == [FileStatus.UNCHANGED] and again.lines == 0
    with log.open("a", encoding="utf-8") as handle:
        handle.write(_lines(5, first=100))
    more = import_local_logs(ctx, SITE, [log], workers=1)
    assert [f.status for f in more.files] == [FileStatus.CONTINUED] and more.lines == 5
    assert _page_views(ctx) == 25
    assert audit_actions(ctx).count("access_logs_imported") == 2     # not the unchanged one


@sqlite_only
def test_empty_damaged_and_missing_logs(ctx: AppContext, tmp_path: Path) -> None:
    empty = tmp_path / "access.log.2"
    empty.write_bytes(b"")
    damaged = tmp_path / "access.log.1.gz"
    damaged.write_bytes(gzip.compress(_lines(10).encode())[:-20])      # still being written
    good = tmp_path / "access.log"
    good.write_text(_lines(3), encoding="utf-8")
    result = import_local_logs(ctx, SITE, [empty, damaged, good], workers=1)
    statuses = {f.name: f.status for f in result.files}
    assert statuses == {"access.log.2": FileStatus.EMPTY, "access.log.1.gz": FileStatus.DAMAGED,
                        "access.log": FileStatus.NEW}
    assert next(f for f in result.files if f.status == FileStatus.DAMAGED).detail
    assert _page_views(ctx) == 3
    with pytest.raises(UserError) as caught:
        import_local_logs(ctx, SITE, [tmp_path / "no-such.log"])
    assert_refusal(caught.value, "access_log_unreadable")


def test_paths_read_as_people_read_them() -> None:
    assert readable_path(THAI_PAGE.encode()) == "/ข่าว/2569/00006/index.html"
    assert readable_path(b"") == "/"
    assert len(readable_path(b"/" + b"a" * 5000)) == 1000
    assert readable_path(b"/%ff%fe") == "/\ufffd\ufffd"
