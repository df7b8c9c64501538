"""Request rows: load one (optionally under a row lock), who touched it, its next number,
and pages of the queue.  Services call these; they hold no SQL of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.errors import NotFound
from desktop.domain.workflow import Actors, RequestState
from desktop.store import search_index
from desktop.store.early_read import QueueRow
from desktop.store.insert_once import insert_once
from desktop.store.models import (
    AttachmentRow,
    CounterRow,
    RequestCheckerRow,
    RequestEditorRow,
    RequestRow,
    UserRow,
)


def load(session: Session, request_id: int, *, lock: bool = False) -> RequestRow:
    query = select(RequestRow).where(RequestRow.id == request_id)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).scalar()
    if row is None:
        raise NotFound("request_not_found", request_id=request_id)
    return row


def find_id(session: Session, reference: str) -> int | None:
    return session.execute(select(RequestRow.id)
                           .where(RequestRow.reference == reference)).scalar()


def actors(session: Session, row: RequestRow) -> Actors:
    """Who registered, checked and changed ``row`` (separation of duties)."""
    checkers = session.execute(select(RequestCheckerRow.user_id)
                               .where(RequestCheckerRow.request_id == row.id)).scalars()
    editors = session.execute(select(RequestEditorRow.user_id)
                              .where(RequestEditorRow.request_id == row.id)).scalars()
    return Actors(registered_by=row.created_by, checked_by=frozenset(checkers),
                  edited_by=frozenset(editors))


def mark_checker(session: Session, request_id: int, user_id: int) -> None:
    if session.get(RequestCheckerRow, (request_id, user_id)) is None:
        session.add(RequestCheckerRow(request_id=request_id, user_id=user_id))


def mark_editor(session: Session, request_id: int, user_id: int) -> None:
    if session.get(RequestEditorRow, (request_id, user_id)) is None:
        session.add(RequestEditorRow(request_id=request_id, user_id=user_id))


def touched(session: Session, row: RequestRow, user_id: int | None, now: datetime) -> None:
    """Any change: a new version (an edit made from an older one is refused), who and when."""
    row.version = (row.version or 1) + 1
    row.updated_by = user_id
    row.updated_at = now


def name_of(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    user = session.get(UserRow, user_id)
    return user.full_name or user.username if user is not None else str(user_id)


def next_number(session: Session, counter: str) -> int:
    """The next value of a named counter, safe with several PCs: the row is created if
    missing (a racing insert is ignored) and then incremented under a row lock."""
    insert_once(session, CounterRow, "name", name=counter, value=0)
    row = session.execute(select(CounterRow).where(CounterRow.name == counter)
                          .with_for_update()).scalar_one()
    row.value += 1
    session.flush()
    return row.value


def next_reference(session: Session, now: datetime) -> str:
    """WD-<BE year>-NNNNN from the year's counter (never max()+1: two PCs would collide)."""
    prefix = f"WD-{now.year + 543}"
    return f"{prefix}-{next_number(session, f'reference:{prefix}'):05d}"


# The queue's sort orders (each has an index, migration 0006); ties broken by id.  "due"
# sorts by the receipt date: the SLA due date is receipt + N working days, in the same order.
SORTS = {"updated": RequestRow.updated_at, "received": RequestRow.received_at,
         "due": RequestRow.received_at, "reference": RequestRow.reference,
         "title": RequestRow.title, "unit": RequestRow.requester_unit,
         "state": RequestRow.state, "category": RequestRow.category}


@dataclass(frozen=True)
class QueueFilter:
    states: tuple[RequestState, ...] = ()
    category: str = ""
    text: str = ""
    due_by: date | None = None   # published items whose expiry is on or before this day
    sort: str = "updated"        # a key of SORTS
    descending: bool = True
    ids: tuple[int, ...] = ()    # only these requests (empty: any)


def filtered(query: Select, q: QueueFilter, dialect: str = "", *,
             use_index: bool = True) -> Select:
    if q.states:
        query = query.where(RequestRow.state.in_([s.value for s in q.states]))
    if q.ids:
        query = query.where(RequestRow.id.in_(q.ids))
    if q.category:
        query = query.where(RequestRow.category == q.category)
    if q.due_by is not None:
        query = query.where(RequestRow.state == RequestState.PUBLISHED.value,
                            RequestRow.expiry_date.is_not(None),
                            RequestRow.expiry_date <= q.due_by)
    text = q.text.strip()
    if text:  # the words as typed: % and _ are not wildcards
        narrowed = search_index.narrowing(dialect, text) if use_index else None
        if narrowed is not None:          # the trigram index finds the candidates
            query = query.where(narrowed)
        if narrowed is None or not search_index.is_exact(dialect):
            query = query.where(or_(*(column.icontains(text, autoescape=True) for column in (
                RequestRow.title, RequestRow.reference, RequestRow.requester_unit,
                RequestRow.requester_name))))
    return query


Reader = Session | Connection     # a session, or a Core connection (Database.snapshot)


def _dialect(db: Reader) -> str:
    return db.dialect.name if isinstance(db, Connection) else db.get_bind().dialect.name


def count(db: Reader, q: QueueFilter) -> int:
    dialect = _dialect(db)
    words = q.text.strip()
    if dialect == "sqlite" and len(words) >= search_index.MIN_INDEXED_LENGTH \
            and not (q.states or q.category or q.due_by or q.ids):
        return search_index.sqlite_matches(db, words)   # the index alone knows
    return int(db.execute(filtered(select(func.count()).select_from(RequestRow), q,
                                   dialect)).scalar_one())


def count_by_state(db: Reader) -> dict[str, int]:
    """How many requests are in each state (one statement on the state index)."""
    return {str(state): int(number) for state, number in db.execute(
        select(RequestRow.state, func.count()).group_by(RequestRow.state)).all()}


# When more requests than this contain the searched text (SQLite), a page is found faster by
# walking the sort's index and testing each row than by sorting every match.
WALK_INDEX_ABOVE = 3000


def page(db: Reader, q: QueueFilter, offset: int, limit: int) -> list[QueueRow]:
    """One page of the queue in the filter's order (newest change first by default), with
    each request's file count.  ``db``: a session, or a Core connection (no ORM at all)."""
    dialect = _dialect(db)
    words = q.text.strip()
    walk = dialect == "sqlite" and len(words) >= search_index.MIN_INDEXED_LENGTH \
        and search_index.sqlite_matches(db, words) > WALK_INDEX_ABOVE
    statement = _page_statement(q, dialect, walk, max(offset, 0), max(1, min(limit, 1000)))
    return [QueueRow._make(row) for row in db.execute(statement).all()]


@lru_cache(maxsize=64)
def _page_statement(q: QueueFilter, dialect: str, walk: bool, offset: int,
                    limit: int) -> Select[Any]:
    """The page's statement, built once for a filter (paging, sorting, live reloads repeat
    it): SQLAlchemy then finds its compiled form without building it again."""
    files = (select(func.count(AttachmentRow.id))
             .where(AttachmentRow.request_id == RequestRow.id,
                    AttachmentRow.superseded_at.is_(None)).correlate(RequestRow)
             .scalar_subquery())
    column = SORTS.get(q.sort, RequestRow.updated_at)
    order = (column.desc(), RequestRow.id.desc()) if q.descending else (column.asc(),
                                                                         RequestRow.id.asc())
    query = filtered(select(RequestRow.id, RequestRow.reference, RequestRow.title,
                            RequestRow.category, RequestRow.state, RequestRow.requester_unit,
                            RequestRow.received_at, RequestRow.expiry_date,
                            RequestRow.updated_at, files), q, dialect, use_index=not walk)
    return query.order_by(*order).offset(offset).limit(limit)


def in_state(session: Session, state: RequestState, limit: int) -> list[RequestRow]:
    """Requests in ``state``, oldest received first (the approver inbox)."""
    return list(session.execute(select(RequestRow).where(RequestRow.state == state.value)
                                .order_by(RequestRow.received_at, RequestRow.id)
                                .limit(limit)).scalars())


def approval_progress(session: Session, ids: list[int]) -> dict[int, tuple[str, int, int]]:
    """For these requests: (subcategory, live approvals, of which unsigned) — what the queue
    needs to say whose signature is awaited next, in two queries for a whole page."""
    from desktop.store.models import SignoffRow

    if not ids:
        return {}
    subs = dict(session.execute(select(RequestRow.id, RequestRow.subcategory)
                                .where(RequestRow.id.in_(ids))).all())
    counts = {rid: (total, unsigned) for rid, total, unsigned in session.execute(
        select(SignoffRow.request_id, func.count(SignoffRow.id),
               func.sum(case((SignoffRow.signature == "", 1), else_=0)))
        .where(SignoffRow.request_id.in_(ids), SignoffRow.decision == "approve",
               SignoffRow.voided_at.is_(None))
        .group_by(SignoffRow.request_id)).all()}
    return {rid: (str(subs.get(rid) or ""), int(counts.get(rid, (0, 0))[0]),
                  int(counts.get(rid, (0, 0))[1] or 0)) for rid in ids}
