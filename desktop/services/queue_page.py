"""The queue: pages of request summaries and counts for a filter and an order.

A page is read without the ORM, on a Core connection with no transaction around it
(``Database.snapshot``): the SLA settings (as stored text; parsed again only when it
changed) and the page itself, two statements.  Who must act next needs more only for rows
awaiting approval or approved (their sign-offs, the chain, the signers' names)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from threading import Lock
from typing import TYPE_CHECKING, NamedTuple

from desktop.domain.calendar import SlaClock
from desktop.domain.messages import Localized
from desktop.domain.thai_dates import format_date
from desktop.domain.workflow import RequestState
from desktop.services.context import AppContext, sla_of

if TYPE_CHECKING:
    # The database layer is imported by the functions that read, not with this module: the
    # main window's modules import it (for RequestQuery and RequestSummary) and the window can
    # be built before the database layer is loaded.
    from desktop.store import requests_repo
    from desktop.store.database import Session
    from desktop.store.early_read import QueueRow


class RequestSummary(NamedTuple):
    """One row of the queue (immutable; a named tuple: a page builds 200 of them, and a
    frozen dataclass takes ~5 times as long to construct)."""

    id: int
    reference: str
    title: str
    category: str
    state: RequestState
    requester_unit: str
    received_at: datetime | None
    due: date | None
    expiry_date: date | None
    attachment_count: int
    updated_at: datetime
    # Who must act next, in words ("ขั้นที่ 1/2: ผู้อำนวยการ"); empty when nobody must.
    waiting_for: Localized = Localized("", "")


@dataclass(frozen=True)
class RequestQuery:
    states: tuple[RequestState, ...] = ()
    category: str = ""
    text: str = ""
    offset: int = 0
    limit: int = 200
    # Published items whose expiry (takedown) date is on or before this day.
    due_by: date | None = None
    # The order: "updated" (newest change first by default), "due"/"received", "reference",
    # "title", "unit", "state", "category" (store/requests_repo.SORTS; each has an index).
    sort: str = "updated"
    descending: bool = True
    ids: tuple[int, ...] = ()       # only these requests (empty: any)


def queue_filter(q: RequestQuery) -> requests_repo.QueueFilter:
    from desktop.store import requests_repo

    return requests_repo.QueueFilter(states=q.states, category=q.category, text=q.text,
                                     due_by=q.due_by, sort=q.sort, descending=q.descending,
                                     ids=q.ids)


def count_requests(ctx: AppContext, q: RequestQuery) -> int:
    from desktop.store import requests_repo

    with ctx.db.snapshot() as connection:
        return requests_repo.count(connection, queue_filter(q))


def count_by_state(ctx: AppContext) -> dict[RequestState, int]:
    """How many requests are in each state (every state named, 0 when none): one statement
    instead of a count per state."""
    from desktop.store import requests_repo

    with ctx.db.snapshot() as connection:
        found = requests_repo.count_by_state(connection)
    return {state: found.get(state.value, 0) for state in RequestState}


SLA_KEYS = ("sla", "holidays")


class _DueDates:
    """The SLA clock of the settings' stored text and the due date of each receipt day
    worked out so far; made again when the text changes (another PC's admin)."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._texts: dict[str, str] | None = None
        self._clock: SlaClock | None = None
        self._dues: dict[date, date] = {}

    def for_settings(self, texts: dict[str, str]) -> tuple[SlaClock, dict[date, date]]:
        import json

        with self._lock:
            if texts != self._texts or self._clock is None:
                values = {}
                for key, text in texts.items():
                    try:
                        values[key] = json.loads(text)
                    except ValueError:       # damaged: the default, as settings read it
                        continue
                self._clock = sla_of(values.get("sla"), values.get("holidays"))
                self._texts, self._dues = dict(texts), {}
            return self._clock, self._dues


_DUE_DATES = _DueDates()
due_dates_for = _DUE_DATES.for_settings
_STATES = {state.value: state for state in RequestState}


def list_requests(ctx: AppContext, q: RequestQuery) -> list[RequestSummary]:
    """One page of the queue (never every row)."""
    from desktop.store import requests_repo, settings_rows

    with ctx.db.snapshot() as connection:
        texts = settings_rows.stored_texts(connection, SLA_KEYS)
        rows = requests_repo.page(connection, queue_filter(q), q.offset, q.limit)
    return summaries(rows, texts, waiting_for(ctx, rows))


def summaries(rows: Sequence[QueueRow], sla_texts: dict[str, str],
              waiting: dict[int, Localized]) -> list[RequestSummary]:
    """The queue's rows with their SLA due dates (of the stored "sla" and "holidays" texts)
    and who must act next."""
    clock, dues = due_dates_for(sla_texts)
    result = []
    for row in rows:
        due = None
        if row.received_at is not None:
            day = row.received_at.date()
            due = dues.get(day)
            if due is None:
                due = dues[day] = clock.publish_due(day)
        result.append(RequestSummary(
            row.id, row.reference, row.title, row.category, _STATES[row.state],
            row.requester_unit, row.received_at, due, row.expiry_date, row.attachment_count,
            row.updated_at, waiting[row.id]))
    return result


_NEXT: dict[RequestState, Localized] = {
    RequestState.DRAFT: Localized("ผู้ดูแลเว็บไซต์: ส่งคำขอ", "webmaster: submit"),
    RequestState.SUBMITTED: Localized("ผู้ดูแลเว็บไซต์: ตรวจสอบ", "webmaster: check"),
    RequestState.IN_REVIEW: Localized("ผู้ดูแลเว็บไซต์: เสนออนุมัติหรือส่งกลับแก้ไข",
                                      "webmaster: send for approval or return"),
    RequestState.APPROVED: Localized("ผู้ดูแลเว็บไซต์: เผยแพร่", "webmaster: publish"),
}
_NOBODY = Localized("", "")
_SIGNING = (RequestState.AWAITING_APPROVAL.value, RequestState.APPROVED.value)


def waiting_for(ctx: AppContext, rows: list[requests_repo.QueueRow]) -> dict[int, Localized]:
    """Who must act next on each row (see :func:`waiting_for_in`); a session is opened only
    when a row awaits approval or is approved."""
    if not any(row.state in _SIGNING for row in rows):
        return plain_waiting(rows)
    with ctx.db.read() as session:
        return waiting_for_in(session, ctx, rows)


def plain_waiting(rows: Sequence[QueueRow]) -> dict[int, Localized]:
    """Who must act next on rows none of which awaits a signature."""
    result: dict[int, Localized] = {}
    takedowns: dict[date, Localized] = {}        # a page's rows share few expiry days
    for row in rows:
        state = _STATES[row.state]
        text = _NEXT.get(state, _NOBODY)
        if state == RequestState.RETURNED:
            unit = row.requester_unit or "-"
            text = Localized(f"เจ้าของข้อมูล ({unit}): แก้ไขแล้วส่งใหม่",
                             f"the owner ({unit}): correct and resend")
        elif state == RequestState.PUBLISHED and row.expiry_date is not None:
            text = takedowns.get(row.expiry_date) or takedowns.setdefault(
                row.expiry_date,
                Localized(f"นำลง {format_date(row.expiry_date, 'th', 'short')}",
                          f"take down {format_date(row.expiry_date, 'en', 'short')}"))
        result[row.id] = text
    return result


def waiting_for_in(session: Session, ctx: AppContext,
                   rows: list[requests_repo.QueueRow]) -> dict[int, Localized]:
    """Who must act next on each row: the step and the person for approvals, the owner for a
    returned request, the webmaster otherwise; the takedown date once published."""
    from desktop.services.approval_chain import chain_in
    from desktop.store import requests_repo, users_repo

    result = plain_waiting(rows)
    pending = [r.id for r in rows if r.state in _SIGNING]
    if not pending:
        return result
    progress = requests_repo.approval_progress(session, pending)
    names = {u.username: u.full_name or u.username for u in users_repo.all_users(session)}
    for row in rows:
        if row.state not in _SIGNING:
            continue
        sub, approvals, unsigned = progress.get(row.id, ("", 0, 0))
        if row.state == RequestState.APPROVED.value:
            if unsigned:
                result[row.id] = Localized("ผู้อนุมัติ: ลงนามอีกครั้งด้วยกุญแจ",
                                           "approver: sign again")
            continue
        chain = chain_in(session, ctx.catalogue, row.category, sub)
        step = chain[min(approvals, len(chain) - 1)]
        who = ", ".join(names.get(n, n) for n in step.usernames)
        th = f"ขั้นที่ {step.number}/{len(chain)}: {step.title.th}"
        en = f"step {step.number}/{len(chain)}: {step.title.en}"
        result[row.id] = Localized(f"{th} ({who})" if who else th,
                                   f"{en} ({who})" if who else en)
    return result
