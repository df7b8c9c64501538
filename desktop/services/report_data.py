"""Gather what an executive report says about a period, from the database (issue 13).

``with gathered(ctx, period) as data:`` gives a :class:`ReportData`; its register is streamed
from the open session while the workbook is written (100,000 requests are never all held).
Definitions: *received* = receipt time (creation time when none) in the period; *published*
= the first publication of a request happened in the period; turnaround = working days from
receipt to first publication (weekends and the holiday list skipped); *returned* /
*rejected* / *withdrawn* / *taken down* = the request had that event in the period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.report_period import ReportPeriod
from desktop.domain.workflow import OPEN_STATES, RequestState, label
from desktop.reports.report_model import (
    AuditFigures,
    CategoryFigures,
    ItemLine,
    MonthFlow,
    RegisterRow,
    ReportData,
    Signers,
    UnitFigures,
    WorkflowFigures,
)
from desktop.services.context import AppContext
from desktop.services.report_usage import audit_figures, satisfaction_figures, usage_figures
from desktop.store import report_queries as q
from desktop.store.database import Session

AGENCY_SETTING = "agency_name"
RETURNS = ("state:return_for_correction", "state:request_changes")
EVENTS = ("state:publish", "state:reject", "state:withdraw", "state:take_down", *RETURNS)


def bounds(period: ReportPeriod) -> tuple[datetime, datetime]:
    return (datetime.combine(period.start, time.min),
            datetime.combine(period.end + timedelta(days=1), time.min))


@contextmanager
def gathered(ctx: AppContext, period: ReportPeriod, *, lang: str | None = None,
             top: int = 20, signers: Signers | None = None,
             audit: bool = True) -> Iterator[ReportData]:
    """``audit=False`` skips the audit summary and the chain check (the dashboard)."""
    lang = lang or ctx.lang
    figures = audit_figures(ctx, period, lang) if audit else AuditFigures()
    with ctx.db.read() as session:
        yield _gather(ctx, session, period, lang, top, figures, signers or Signers())


def _received_day(brief: q.RequestBrief) -> date:
    return (brief.received_at or brief.created_at).date()


def _gather(ctx: AppContext, session: Session, period: ReportPeriod, lang: str, top: int,
            audit: AuditFigures, signers: Signers) -> ReportData:
    start, until = bounds(period)
    calendar = ctx.calendar()
    received = q.briefs_received(session, start, until)
    events = q.events(session, EVENTS, start, until)
    publish_events = [e for e in events if e.action == "state:publish"]
    first = q.first_published(session, {e.request_id for e in events
                                        if e.action in ("state:publish", "state:take_down")})
    first_in_period = {rid: at for rid, at in first.items() if start <= at < until}
    involved = set(first_in_period) | {e.request_id for e in events}
    briefs = dict(received)
    briefs.update(q.briefs(session, ids=involved - set(received)))
    turnaround = {rid: calendar.working_days_between(_received_day(briefs[rid]), at.date())
                  for rid, at in first_in_period.items() if rid in briefs}
    by_action: dict[str, set[int]] = {}
    for event in events:
        by_action.setdefault(event.action, set()).add(event.request_id)
    returned = set().union(*(by_action.get(a, set()) for a in RETURNS))
    workflow = WorkflowFigures(
        received=len(received), published=len(first_in_period), returned=len(returned),
        rejected=len(by_action.get("state:reject", ())),
        withdrawn=len(by_action.get("state:withdraw", ())),
        taken_down=len(by_action.get("state:take_down", ())),
        open_now=sum(1 for b in received.values() if RequestState(b.state) in OPEN_STATES),
        turnaround=tuple(sorted(turnaround.values())),
        by_month=_months(period, received, first_in_period, events))
    people = q.full_names(session)
    events = [q.Event(e.request_id, e.action, e.at, people.get(e.actor_name, e.actor_name),
                      e.details) for e in events]
    publish_events = [e for e in events if e.action == "state:publish"]
    live = q.publications(session, live_on=until)
    live_briefs = q.briefs(session, ids={p.request_id for p in live})
    name_of = _category_names(ctx, lang)
    data = ReportData(
        period=period, lang=lang, agency=str(ctx.setting(AGENCY_SETTING, "") or ""),
        generated_at=ctx.now(), workflow=workflow,
        categories=_categories(ctx, lang, received, first_in_period, briefs, live_briefs),
        units=_units(received, first_in_period, briefs, returned,
                     by_action.get("state:reject", set()), turnaround, lang),
        published=_published(publish_events, first_in_period, briefs, turnaround, name_of),
        refused=_lines(events, "state:reject", briefs, name_of),
        takedowns=_takedowns(events, briefs, first, name_of),
        usage=usage_figures(session, period, top),
        satisfaction=satisfaction_figures(session, period),
        audit=audit,
        register=lambda: _register(session, ctx, start, until, calendar, lang),
        register_count=len(received), signers=signers)
    return data


def _months(period: ReportPeriod, received: dict[int, q.RequestBrief],
            first: dict[int, datetime], events: list[q.Event]) -> tuple[MonthFlow, ...]:
    def month(day: date) -> date:
        return day.replace(day=1)
    got = Counter(month(_received_day(b)) for b in received.values())
    out = Counter(month(at.date()) for at in first.values())
    back = Counter(month(e.at.date()) for e in events if e.action in RETURNS)
    refused = Counter(month(e.at.date()) for e in events if e.action == "state:reject")
    return tuple(MonthFlow(m, got[m], out[m], back[m], refused[m]) for m in period.months())


def _category_names(ctx: AppContext, lang: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for category in ctx.catalogue.categories:
        names[category.code] = category.name(lang)
        for child in category.children:
            names[child.code] = child.name(lang)
    return names


def _categories(ctx: AppContext, lang: str, received: dict[int, q.RequestBrief],
                first: dict[int, datetime], briefs: dict[int, q.RequestBrief],
                live: dict[int, q.RequestBrief]) -> tuple[CategoryFigures, ...]:
    got = Counter(b.category for b in received.values())
    out = Counter(briefs[r].category for r in first if r in briefs)
    current = Counter(b.category for b in live.values())
    rows = [CategoryFigures(c.code, c.name(lang), got[c.code], out[c.code], current[c.code])
            for c in ctx.catalogue.categories]
    known = {c.code for c in ctx.catalogue.categories}
    for code in sorted((set(got) | set(out) | set(current)) - known):
        rows.append(CategoryFigures(code, code or "-", got[code], out[code], current[code]))
    return tuple(rows)


def _units(received: dict[int, q.RequestBrief], first: dict[int, datetime],
           briefs: dict[int, q.RequestBrief], returned: set[int], rejected: set[int],
           turnaround: dict[int, int], lang: str) -> tuple[UnitFigures, ...]:
    blank = "(ไม่ระบุหน่วยงาน)" if lang == "th" else "(no unit given)"

    def unit(rid: int) -> str:
        brief = briefs.get(rid)
        return (brief.unit.strip() if brief else "") or blank
    got = Counter(unit(r) for r in received)
    out = Counter(unit(r) for r in first)
    back = Counter(unit(r) for r in returned)
    refused = Counter(unit(r) for r in rejected)
    days: dict[str, list[int]] = {}
    for rid, value in turnaround.items():
        days.setdefault(unit(rid), []).append(value)
    names = sorted(set(got) | set(out) | set(back) | set(refused),
                   key=lambda u: (-got[u], u))
    return tuple(UnitFigures(u, got[u], out[u], back[u], refused[u], tuple(sorted(days.get(u,
                                                                                        []))))
                 for u in names)


def _published(events: list[q.Event], first: dict[int, datetime],
               briefs: dict[int, q.RequestBrief], turnaround: dict[int, int],
               names: dict[str, str]) -> tuple[ItemLine, ...]:
    by_whom = {e.request_id: e.actor_name for e in events if first.get(e.request_id) == e.at}
    lines = []
    for rid, at in sorted(first.items(), key=lambda item: (item[1], item[0])):
        brief = briefs.get(rid)
        if brief is None:
            continue
        lines.append(ItemLine(brief.reference, brief.title, names.get(brief.category,
                                                                      brief.category),
                              brief.unit, at, by_whom.get(rid, ""), "", turnaround.get(rid),
                              at, brief.expiry_date))
    return tuple(lines)


def _lines(events: list[q.Event], action: str, briefs: dict[int, q.RequestBrief],
           names: dict[str, str]) -> tuple[ItemLine, ...]:
    out = []
    for event in events:
        brief = briefs.get(event.request_id)
        if event.action != action or brief is None:
            continue
        out.append(ItemLine(brief.reference, brief.title, names.get(brief.category,
                                                                    brief.category),
                            brief.unit, event.at, event.actor_name,
                            str(event.details.get("reason", "") or "")))
    return tuple(out)


def _takedowns(events: list[q.Event], briefs: dict[int, q.RequestBrief],
               first: dict[int, datetime], names: dict[str, str]) -> tuple[ItemLine, ...]:
    out = []
    for event in events:
        brief = briefs.get(event.request_id)
        if event.action != "state:take_down" or brief is None:
            continue
        out.append(ItemLine(brief.reference, brief.title, names.get(brief.category,
                                                                    brief.category),
                            brief.unit, event.at, event.actor_name,
                            str(event.details.get("reason", "") or ""), None,
                            first.get(event.request_id), brief.expiry_date))
    return tuple(out)


def _register(session: Session, ctx: AppContext, start: datetime, until: datetime,
              calendar: WorkingCalendar, lang: str) -> Iterator[RegisterRow]:
    names = _category_names(ctx, lang)
    files = q.attachment_totals(session, start, until)
    first: dict[int, datetime] = {}
    batch: list = []

    def flush() -> Iterator[RegisterRow]:
        first.update(q.first_published(session, [r.id for r in batch]))
        for row in batch:
            published = first.get(row.id)
            received = row.received_at or row.created_at
            days = calendar.working_days_between(received.date(), published.date()) \
                if published else None
            count, size = files.get(row.id, (0, 0))
            yield RegisterRow(
                row.reference, row.title, names.get(row.category, row.category),
                names.get(row.subcategory, row.subcategory),
                label(RequestState(row.state), lang), row.summary, row.source_owner,
                row.period_start, row.period_end, row.publish_date, row.expiry_date,
                row.external_link, row.remarks, row.requester_name, row.requester_position,
                row.requester_unit, row.requester_phone, row.requester_email, row.channel,
                row.letter_number, row.received_at, published, row.taken_down_at,
                row.public_url, count, size, days, row.body)
        batch.clear()
        first.clear()

    for row in q.requests_received(session, start, until):
        batch.append(row)
        if len(batch) >= 500:
            yield from flush()
    yield from flush()
