"""Queries on the report tables: access-log sources and figures, satisfaction surveys.

Everything here runs inside the caller's session (``with ctx.db.write() as session``), so an
import's figures and the offset of its log commit together: a crash never counts twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.domain.web_stats import (
    DayFigures,
    LikertCounts,
    QuestionResult,
    SatisfactionFigures,
    SurveyComment,
)
from desktop.store.insert_once import insert_once, insert_or_add
from desktop.store.models import (
    LogDayRow,
    LogPathRow,
    LogSourceRow,
    SurveyCommentRow,
    SurveyImportRow,
    SurveyResultRow,
)

DIGEST_SIZE = 8
RESPONSES_KEY = "_responses"   # survey_results row whose n1 counts the responses that month


# --- access logs ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceState:
    id: int
    name: str
    head_length: int
    head_sha256: str
    offset: int


def log_sources(session: Session, site: str) -> list[SourceState]:
    rows = session.execute(select(LogSourceRow).where(LogSourceRow.site == site)
                           .order_by(LogSourceRow.id)).scalars()
    return [SourceState(r.id, r.name, r.head_length, r.head_sha256, r.offset) for r in rows]


def save_source(session: Session, site: str, source_id: int | None, *, name: str,
                head_length: int, head_sha256: str, offset: int, lines: int, malformed: int,
                first_day: date | None, last_day: date | None, now: datetime) -> int:
    """Create or move on a log source (lines/malformed are added to what it had)."""
    row = session.get(LogSourceRow, source_id, with_for_update=True) if source_id else None
    if row is None:
        row = LogSourceRow(site=site, name=name, head_length=head_length,
                           head_sha256=head_sha256, offset=0, lines=0, malformed=0,
                           first_seen=now, last_import=now)
        session.add(row)
    row.name = name[:500]
    row.head_length = head_length
    row.head_sha256 = head_sha256
    row.offset = offset
    row.lines = (row.lines or 0) + lines
    row.malformed = (row.malformed or 0) + malformed
    if first_day is not None:
        row.first_day = min(filter(None, (row.first_day, first_day)))
    if last_day is not None:
        row.last_day = max(filter(None, (row.last_day, last_day)))
    row.last_import = now
    session.flush()
    return row.id


def unpack_digests(data: bytes | None) -> set[bytes]:
    if not data:
        return set()
    return {data[i:i + DIGEST_SIZE] for i in range(0, len(data), DIGEST_SIZE)}


def pack_digests(digests: Iterable[bytes]) -> bytes:
    return b"".join(sorted(digests))


@dataclass(frozen=True)
class DayCounts:
    """What one import adds to one day."""

    requests: int
    page_views: int
    downloads: int
    bot_requests: int
    bytes_sent: int
    statuses: Mapping[int, int]
    visitor_digests: frozenset[bytes]


def add_day(session: Session, site: str, day: date, counts: DayCounts, now: datetime) -> None:
    """Add an import's counts to a day; visitors are merged by digest (never counted twice).

    When the day's digests were already pruned (an old day imported again from a late file),
    the new visitors are added as they are: the only case where a visitor may count twice.
    """
    # the day's row, made if it is missing (two PCs importing at once make one), then locked
    insert_once(session, LogDayRow, ("site", "day"), site=site, day=day, requests=0,
                page_views=0, downloads=0, bot_requests=0, bytes_sent=0, unique_visitors=0,
                statuses="{}", visitor_keys=b"", updated_at=now)
    row = session.get(LogDayRow, (site, day), with_for_update=True, populate_existing=True)
    assert row is not None
    row.requests += counts.requests
    row.page_views += counts.page_views
    row.downloads += counts.downloads
    row.bot_requests += counts.bot_requests
    row.bytes_sent += counts.bytes_sent
    statuses = {int(k): int(v) for k, v in json.loads(row.statuses or "{}").items()}
    for code, number in counts.statuses.items():
        statuses[code] = statuses.get(code, 0) + number
    row.statuses = json.dumps({str(k): v for k, v in sorted(statuses.items())})
    if row.visitor_keys is None and row.unique_visitors:
        row.unique_visitors += len(counts.visitor_digests)
    else:
        known = unpack_digests(row.visitor_keys)
        known |= counts.visitor_digests
        row.visitor_keys = pack_digests(known)
        row.unique_visitors = len(known)
    row.updated_at = now


def path_sha1(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8"), usedforsecurity=False).hexdigest()


def add_path_hits(session: Session, site: str, month: date, kind: str,
                  hits: Mapping[str, int]) -> None:
    """Add hits per path, in the database (two PCs importing logs at once lose nothing)."""
    insert_or_add(session, LogPathRow, ("site", "month", "kind", "path_sha1"), "hits",
                  [{"site": site, "month": month, "kind": kind, "path_sha1": path_sha1(path),
                    "path": path, "hits": number} for path, number in sorted(hits.items())])


def prune_visitor_keys(session: Session, before: date) -> int:
    """Forget the visitor digests of days before ``before`` (their counts stay)."""
    rows = session.execute(select(LogDayRow).where(LogDayRow.day < before,
                                                   LogDayRow.visitor_keys.is_not(None))
                           ).scalars().all()
    for row in rows:
        row.visitor_keys = None
    return len(rows)


def day_figures(session: Session, start: date, end: date,
                site: str | None = None) -> list[DayFigures]:
    """Days in ``[start, end]``, summed over sites unless ``site`` is given."""
    query = select(LogDayRow).where(LogDayRow.day >= start, LogDayRow.day <= end)
    if site is not None:
        query = query.where(LogDayRow.site == site)
    merged: dict[date, DayFigures] = {}
    for row in session.execute(query.order_by(LogDayRow.day)).scalars():
        statuses = {int(k): int(v) for k, v in json.loads(row.statuses or "{}").items()}
        figures = DayFigures(row.day, row.requests, row.page_views, row.downloads,
                             row.bot_requests, row.bytes_sent, row.unique_visitors, statuses)
        before = merged.get(row.day)
        if before is not None:
            both = dict(before.statuses)
            for code, number in statuses.items():
                both[code] = both.get(code, 0) + number
            figures = DayFigures(row.day, before.requests + figures.requests,
                                 before.page_views + figures.page_views,
                                 before.downloads + figures.downloads,
                                 before.bot_requests + figures.bot_requests,
                                 before.bytes_sent + figures.bytes_sent,
                                 before.unique_visitors + figures.unique_visitors, both)
        merged[row.day] = figures
    return [merged[d] for d in sorted(merged)]


def top_paths(session: Session, first_month: date, last_month: date, kind: str,
              limit: int = 20, site: str | None = None) -> list[tuple[str, int]]:
    total = func.sum(LogPathRow.hits)
    query = (select(LogPathRow.path, total)
             .where(LogPathRow.month >= first_month, LogPathRow.month <= last_month,
                    LogPathRow.kind == kind)
             .group_by(LogPathRow.path).order_by(total.desc(), LogPathRow.path).limit(limit))
    if site is not None:
        query = query.where(LogPathRow.site == site)
    return [(path, int(hits)) for path, hits in session.execute(query)]


def malformed_lines(session: Session, start: date, end: date) -> int:
    """Malformed lines skipped in logs whose traffic overlaps ``[start, end]``."""
    value = session.execute(select(func.sum(LogSourceRow.malformed)).where(
        LogSourceRow.first_day <= end, LogSourceRow.last_day >= start)).scalar()
    return int(value or 0)


def log_sites(session: Session) -> list[str]:
    return list(session.execute(select(LogDayRow.site).distinct().order_by(LogDayRow.site))
                .scalars())


# --- satisfaction surveys -------------------------------------------------------------------

@dataclass(frozen=True)
class SurveyMonth:
    """One month of an import: Likert counts per question and the number of responses."""

    month: date
    responses: int
    questions: Mapping[str, LikertCounts]


def survey_imported(session: Session, source_sha256: str) -> int | None:
    """The id of an earlier import of the very same file, if any."""
    return session.execute(select(SurveyImportRow.id).where(
        SurveyImportRow.source_sha256 == source_sha256)).scalars().first()


def save_survey(session: Session, *, title: str, source_name: str, source_sha256: str,
                imported_at: datetime, imported_by: int | None,
                questions: list[tuple[str, str]], months: Iterable[SurveyMonth],
                comments: Iterable[SurveyComment], skipped_rows: int, missing_answers: int,
                out_of_range: int) -> int:
    month_list = list(months)
    first = min((m.month for m in month_list), default=None)
    last = max((m.month for m in month_list), default=None)
    row = SurveyImportRow(title=title[:300], source_name=source_name[:500],
                          source_sha256=source_sha256, imported_at=imported_at,
                          imported_by=imported_by,
                          responses=sum(m.responses for m in month_list),
                          skipped_rows=skipped_rows, missing_answers=missing_answers,
                          out_of_range=out_of_range,
                          questions=json.dumps([list(q) for q in questions], ensure_ascii=False),
                          first_day=first, last_day=last)
    session.add(row)
    session.flush()
    for month in month_list:
        session.add(SurveyResultRow(import_id=row.id, month=month.month, question=RESPONSES_KEY,
                                    n1=month.responses, n2=0, n3=0, n4=0, n5=0, missing=0,
                                    out_of_range=0))
        for key, counts in month.questions.items():
            n1, n2, n3, n4, n5 = counts.counts
            session.add(SurveyResultRow(import_id=row.id, month=month.month, question=key,
                                        n1=n1, n2=n2, n3=n3, n4=n4, n5=n5,
                                        missing=counts.missing,
                                        out_of_range=counts.out_of_range))
    for comment in comments:
        session.add(SurveyCommentRow(import_id=row.id, answered_on=comment.answered_on,
                                     column=comment.column[:300], text=comment.text))
    session.flush()
    return row.id


def satisfaction(session: Session, first_month: date, last_month: date,
                 end: date | None = None) -> SatisfactionFigures:
    """Survey results of the months ``first_month..last_month`` over every import."""
    results = session.execute(select(SurveyResultRow).where(
        SurveyResultRow.month >= first_month, SurveyResultRow.month <= last_month)).scalars()
    per_question: dict[tuple[int, str], LikertCounts] = {}
    responses = 0
    imports: set[int] = set()
    for r in results:
        imports.add(r.import_id)
        if r.question == RESPONSES_KEY:
            responses += r.n1
            continue
        counts = LikertCounts((r.n1, r.n2, r.n3, r.n4, r.n5), r.missing, r.out_of_range)
        slot = (r.import_id, r.question)
        per_question[slot] = per_question.get(slot, LikertCounts()) + counts
    texts: dict[str, str] = {}
    skipped = 0
    for row in session.execute(select(SurveyImportRow).where(
            SurveyImportRow.id.in_(imports))).scalars() if imports else ():
        skipped += row.skipped_rows
        for key, text in json.loads(row.questions or "[]"):
            texts.setdefault(key, text)
    merged: dict[str, LikertCounts] = {}
    for (_import_id, key), counts in per_question.items():
        merged[key] = merged.get(key, LikertCounts()) + counts
    questions = tuple(QuestionResult(key, texts.get(key, key), merged[key])
                      for key in sorted(merged, key=_question_order))
    comments = _comments(session, imports, first_month, end)
    return SatisfactionFigures(questions, comments, responses, skipped,
                               sum(q.counts.missing for q in questions),
                               sum(q.counts.out_of_range for q in questions))


def _question_order(key: str) -> tuple[int, str]:
    digits = "".join(ch for ch in key if ch.isdigit())
    return (int(digits) if digits else 0, key)


def _comments(session: Session, imports: set[int], start: date,
              end: date | None) -> tuple[SurveyComment, ...]:
    if not imports:
        return ()
    rows = session.execute(select(SurveyCommentRow).where(
        SurveyCommentRow.import_id.in_(imports)).order_by(SurveyCommentRow.id)).scalars()
    out = []
    for row in rows:
        if row.answered_on is not None and (row.answered_on < start
                                            or (end is not None and row.answered_on > end)):
            continue
        out.append(SurveyComment(row.text, row.column, row.answered_on))
    return tuple(out)


def delete_survey(session: Session, import_id: int) -> None:
    session.execute(delete(SurveyResultRow).where(SurveyResultRow.import_id == import_id))
    session.execute(delete(SurveyCommentRow).where(SurveyCommentRow.import_id == import_id))
    session.execute(delete(SurveyImportRow).where(SurveyImportRow.id == import_id))
