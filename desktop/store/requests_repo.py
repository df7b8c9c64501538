"""Request rows: load one (optionally under a row lock), who touched it, its next number,
and pages of the queue.  Services call these; they hold no SQL of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.domain.errors import NotFound
from desktop.domain.workflow import Actors, RequestState
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
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(CounterRow).values(name=counter, value=0)
                    .on_conflict_do_nothing(index_elements=["name"]))
    row = session.execute(select(CounterRow).where(CounterRow.name == counter)
                          .with_for_update()).scalar_one()
    row.value += 1
    session.flush()
    return row.value


def next_reference(session: Session, now: datetime) -> str:
    """WD-<BE year>-NNNNN from the year's counter (never max()+1: two PCs would collide)."""
    prefix = f"WD-{now.year + 543}"
    return f"{prefix}-{next_number(session, f'reference:{prefix}'):05d}"


@dataclass(frozen=True)
class QueueFilter:
    states: tuple[RequestState, ...] = ()
    category: str = ""
    text: str = ""
    due_by: date | None = None   # published items whose expiry is on or before this day


def filtered(query: Select, q: QueueFilter) -> Select:
    if q.states:
        query = query.where(RequestRow.state.in_([s.value for s in q.states]))
    if q.category:
        query = query.where(RequestRow.category == q.category)
    if q.due_by is not None:
        query = query.where(RequestRow.state == RequestState.PUBLISHED.value,
                            RequestRow.expiry_date.is_not(None),
                            RequestRow.expiry_date <= q.due_by)
    text = q.text.strip()
    if text:  # the words as typed: % and _ are escaped, not wildcards
        query = query.where(or_(*(column.icontains(text, autoescape=True) for column in (
            RequestRow.title, RequestRow.reference, RequestRow.requester_unit,
            RequestRow.requester_name))))
    return query


def count(session: Session, q: QueueFilter) -> int:
    return int(session.execute(filtered(select(func.count()).select_from(RequestRow), q))
               .scalar_one())


def page(session: Session, q: QueueFilter, offset: int, limit: int
         ) -> list[tuple[RequestRow, int]]:
    """One page of the queue, newest change first, with each request's file count."""
    files = (select(func.count(AttachmentRow.id))
             .where(AttachmentRow.request_id == RequestRow.id,
                    AttachmentRow.superseded_at.is_(None)).correlate(RequestRow)
             .scalar_subquery())
    query = filtered(select(RequestRow, files), q).order_by(RequestRow.updated_at.desc(),
                                                            RequestRow.id.desc())
    query = query.offset(max(offset, 0)).limit(max(1, min(limit, 1000)))
    return [(row, int(n or 0)) for row, n in session.execute(query).all()]


def in_state(session: Session, state: RequestState, limit: int) -> list[RequestRow]:
    """Requests in ``state``, oldest received first (the approver inbox)."""
    return list(session.execute(select(RequestRow).where(RequestRow.state == state.value)
                                .order_by(RequestRow.received_at, RequestRow.id)
                                .limit(limit)).scalars())
