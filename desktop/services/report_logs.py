"""Import the web server's access logs into website statistics (issue 13 item 1).

Local files or the log folder of a server profile (over SFTP); plain or gzip; incremental:
each log is known by its first bytes and counted from where the last import stopped, so a
rotated (renamed, compressed) log is never counted twice.  Each file's figures and its new
offset commit in one transaction.  Malformed lines are counted and skipped.
"""

from __future__ import annotations

import gzip
import urllib.parse
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from desktop.domain.errors import UserError
from desktop.domain.field_limits import check_lengths
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.os_reasons import os_reason
from desktop.domain.users import User
from desktop.reports.log_parse import LogTally, status_counts
from desktop.reports.log_reader import (
    Head,
    StreamResult,
    WorkerPool,
    decompressed,
    gzip_isize,
    is_gzip,
    read_head,
    skip,
    tally_plain_file,
    tally_stream,
)
from desktop.services.context import AppContext
from desktop.services.report_raw_logs import (
    RawLogWriter,
    purge_raw_logs,
    raw_log_folder,
    raw_log_policy,
)
from desktop.store import audit
from desktop.store import report_records as records


class ReportLogMessage(MessageCode):
    ACCESS_LOG_UNREADABLE = (
        "access_log_unreadable",
        "อ่านไฟล์บันทึกการเข้าใช้เว็บไซต์ {name} ไม่ได้: {detail}",
        "Cannot read the access log {name}: {detail}",
    )
    ACCESS_LOG_NO_FOLDER = (
        "access_log_no_folder",
        "ยังไม่ได้ระบุโฟลเดอร์บันทึกการเข้าใช้เว็บไซต์ (log folder) ในโปรไฟล์เซิร์ฟเวอร์ {server}",
        "The server profile {server} names no access-log folder.",
    )


DAMAGED_LOG = (EOFError, gzip.BadGzipFile, zlib.error)
VISITOR_KEYS_DAYS = 40       # days whose visitor digests are kept for later imports
PATH_MAX = 1000


class FileStatus:
    NEW = "new"
    CONTINUED = "continued"
    UNCHANGED = "unchanged"
    EMPTY = "empty"
    SHRUNK = "shrunk"
    CONFLICT = "conflict"      # another PC imported it at the same time: left for next time
    DAMAGED = "damaged"        # a broken or unfinished .gz: skipped, nothing saved from it


@dataclass(frozen=True)
class FileResult:
    name: str
    status: str
    lines: int = 0
    malformed: int = 0
    bytes_read: int = 0
    first_day: date | None = None
    last_day: date | None = None
    detail: Localized | None = None


def damage_reason(exc: BaseException) -> Localized:
    """Why a compressed log could not be read, in Thai and English."""
    if isinstance(exc, EOFError):
        return Localized("ไฟล์ยังไม่สมบูรณ์ อาจกำลังบีบอัดอยู่",
                         "the file ends early, perhaps still being compressed")
    if isinstance(exc, gzip.BadGzipFile):
        return Localized("ไม่ใช่ไฟล์ gzip", "not a gzip file")
    return Localized("ข้อมูลที่บีบอัดเสียหาย", "the compressed data is damaged")


@dataclass(frozen=True)
class ImportResult:
    site: str
    files: tuple[FileResult, ...] = ()
    requests: int = 0
    page_views: int = 0
    kept: tuple[Path, ...] = field(default=())

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def malformed(self) -> int:
        return sum(f.malformed for f in self.files)


@dataclass(frozen=True)
class LogCandidate:
    """A log to look at: how to open its raw bytes, its size, and its path when local."""

    name: str
    size: int
    open: Callable[[], AbstractContextManager[BinaryIO]]
    local_path: Path | None = None


Progress = Callable[[str, int, int], None]     # (file name, file index, file count)


def local_candidates(paths: Sequence[Path]) -> list[LogCandidate]:
    found = []
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise UserError(ReportLogMessage.ACCESS_LOG_UNREADABLE, name=str(path),
                            detail=os_reason(exc)) from exc

        @contextmanager
        def opener(path: Path = path) -> Iterator[BinaryIO]:
            try:
                handle = open(path, "rb")  # noqa: SIM115 - closed by the with below
            except OSError as exc:
                raise UserError(ReportLogMessage.ACCESS_LOG_UNREADABLE, name=str(path),
                                detail=os_reason(exc)) from exc
            with handle:
                yield handle
        found.append(LogCandidate(path.name, size, opener, path))
    found.sort(key=lambda c: (c.local_path.stat().st_mtime if c.local_path else 0, c.name))
    return found


def import_local_logs(ctx: AppContext, site: str, paths: Sequence[Path], *,
                      actor: User | None = None, workers: int | None = None,
                      progress: Progress | None = None) -> ImportResult:
    return import_logs(ctx, site, local_candidates(paths), actor=actor, workers=workers,
                       progress=progress)


def import_logs(ctx: AppContext, site: str, candidates: Sequence[LogCandidate], *,
                actor: User | None = None, workers: int | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Count what is new in each log; returns per-file results (figures are in the DB)."""
    check_lengths({"site": site}, {"site": 100}, {"site": ("ชื่อเว็บไซต์", "site name")})
    policy = raw_log_policy(ctx)
    results: list[FileResult] = []
    kept: list[Path] = []
    requests = page_views = 0
    with WorkerPool(workers) as pool:
        for index, candidate in enumerate(candidates):
            if progress is not None:
                progress(candidate.name, index, len(candidates))
            try:
                result, tally, raw_copy = _import_one(ctx, site, candidate, pool, policy.keep)
            except DAMAGED_LOG as exc:       # e.g. logrotate still compressing it
                result = FileResult(candidate.name, FileStatus.DAMAGED,
                                    detail=damage_reason(exc))
                tally, raw_copy = None, None
            results.append(result)
            if raw_copy is not None:
                kept.append(raw_copy)
            if tally is not None:
                requests += tally.requests
                page_views += tally.page_views
    if policy.keep:
        purge_raw_logs(ctx, policy.days)
    outcome = ImportResult(site, tuple(results), requests, page_views, tuple(kept))
    _audit(ctx, actor, outcome)
    return outcome


def _import_one(ctx: AppContext, site: str, candidate: LogCandidate, pool: WorkerPool,
                keep_raw: bool) -> tuple[FileResult, LogTally | None, Path | None]:
    with ctx.db.read() as session:
        sources = records.log_sources(session, site)
    with candidate.open() as raw:
        gz = is_gzip(raw.read(2))
        raw.seek(0)
        head = read_head(decompressed(raw))
        if not head:
            return FileResult(candidate.name, FileStatus.EMPTY), None, None
        source = max((s for s in sources if Head(s.head_length, s.head_sha256).matches(head)),
                     key=lambda s: s.head_length, default=None)
        start = source.offset if source else 0
        if source is not None and _nothing_new(raw, gz, candidate.size, start):
            status = FileStatus.SHRUNK if not gz and candidate.size < start \
                else FileStatus.UNCHANGED
            return FileResult(candidate.name, status), None, None
        writer = RawLogWriter(raw_log_folder(ctx, site), Head.of(head).sha256[:12], start) \
            if keep_raw else None
        try:
            counted = _count(raw, gz, candidate, start, pool, writer)
        except BaseException:
            if writer is not None:
                writer.abandon()
            raise
    if counted is None:
        if writer is not None:
            writer.abandon()
        return FileResult(candidate.name, FileStatus.SHRUNK), None, None
    tally = counted.tally
    days = sorted(tally.days)
    first, last = (days[0], days[-1]) if days else (None, None)
    saved = _save(ctx, site, candidate.name, source, Head.of(head), start, counted)
    copy = None
    if writer is not None and saved:
        copy = writer.finish(first, last)
    elif writer is not None:
        writer.abandon()
    status = FileStatus.CONFLICT if not saved else (
        FileStatus.CONTINUED if source else FileStatus.NEW)
    return (FileResult(candidate.name, status, tally.lines, tally.malformed, counted.consumed,
                       first, last), tally if saved else None, copy)


def _nothing_new(raw: BinaryIO, gz: bool, size: int, start: int) -> bool:
    if gz:
        isize = gzip_isize(raw)
        return isize is not None and isize == start % (1 << 32)
    return size <= start


def _count(raw: BinaryIO, gz: bool, candidate: LogCandidate, start: int, pool: WorkerPool,
           writer: RawLogWriter | None) -> StreamResult | None:
    if not gz and candidate.local_path is not None:
        counted = tally_plain_file(candidate.local_path, start, candidate.size,
                                   workers=pool.workers, pool=pool.get(candidate.size - start))
        if writer is not None:
            writer.copy_from(candidate.local_path, start, counted.consumed)
        return counted
    raw.seek(0)
    stream = decompressed(raw)
    if skip(stream, start) < start:
        return None
    return tally_stream(stream, final=gz, workers=pool.workers,
                        on_chunk=writer.write if writer is not None else None,
                        pool=pool.get(candidate.size - (0 if gz else start)))


def _save(ctx: AppContext, site: str, name: str, source: records.SourceState | None,
          head: Head, start: int, counted: StreamResult) -> bool:
    """Figures and the log's new offset in one transaction; False when another PC moved the
    same log on meanwhile (nothing is saved then)."""
    tally = counted.tally
    now = ctx.now()
    with ctx.db.write() as session:
        current = [s for s in records.log_sources(session, site)
                   if (source is not None and s.id == source.id)
                   or (source is None and s.head_sha256 == head.sha256)]
        if (source is None and current) or (source is not None and
                                            (not current or current[0].offset != start)):
            return False
        for day, figures in tally.days.items():
            records.add_day(session, site, day, records.DayCounts(
                figures.requests, figures.page_views, figures.downloads, figures.bot_requests,
                figures.bytes_sent, status_counts(figures), frozenset(figures.visitors)), now)
        for (month, kind), hits in _monthly_paths(tally).items():
            records.add_path_hits(session, site, month, kind, hits)
        days = sorted(tally.days)
        records.save_source(session, site, source.id if source else None, name=name,
                            head_length=head.length, head_sha256=head.sha256,
                            offset=start + counted.consumed, lines=tally.lines,
                            malformed=tally.malformed, first_day=days[0] if days else None,
                            last_day=days[-1] if days else None, now=now)
        if days:
            records.prune_visitor_keys(session, days[-1] - timedelta(days=VISITOR_KEYS_DAYS))
    return True


def readable_path(raw: bytes) -> str:
    """A URL path as people read it: percent-escapes decoded (Thai URLs), length-limited."""
    text = urllib.parse.unquote_to_bytes(raw).decode("utf-8", "replace")
    return text[:PATH_MAX] or "/"


def _monthly_paths(tally: LogTally) -> dict[tuple[date, str], Counter[str]]:
    months: dict[tuple[date, str], Counter[str]] = {}
    for day, figures in tally.days.items():
        month = day.replace(day=1)
        for kind, counter in (("page", figures.pages), ("download", figures.files)):
            if not counter:
                continue
            target = months.setdefault((month, kind), Counter())
            for raw, hits in counter.items():
                target[readable_path(raw)] += hits
    return months


def _audit(ctx: AppContext, actor: User | None, outcome: ImportResult) -> None:
    counted = [f for f in outcome.files if f.lines]
    if not counted:
        return
    with ctx.db.write() as session:
        audit.append(session, action="access_logs_imported",
                     actor_id=actor.id if actor else None,
                     actor_name=actor.username if actor else "system",
                     workstation=ctx.workstation,
                     details={"site": outcome.site, "files": [f.name for f in counted],
                              "lines": outcome.lines, "malformed": outcome.malformed,
                              "page_views": outcome.page_views})
