"""User rows: found by id or name, optionally under a row lock (so that two PCs counting
wrong passwords for one account queue instead of both counting from the same number)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.store.insert_once import insert_once
from desktop.store.models import CounterRow, UserRow


def by_id(session: Session, user_id: int, *, lock: bool = False) -> UserRow | None:
    query = select(UserRow).where(UserRow.id == user_id)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar()


def by_name(session: Session, username: str, *, lock: bool = False) -> UserRow | None:
    query = select(UserRow).where(UserRow.username == username.strip())
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar()


def add_new(session: Session, row: UserRow) -> bool:
    """Add a new user's row; False if another PC has just added one of that name (its
    transaction committed while this one was checking): nothing of this row is kept."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        return False
    return True


def claim_first_run(session: Session) -> bool:
    """Claim the database's first run (its first user, the admin who makes the agency key):
    True once.  Two PCs setting up one new database at the same moment both count no users;
    the second waits here for the first's transaction and is then refused, instead of making
    a second admin with a second agency key."""
    return insert_once(session, CounterRow, "name", name="first_run", value=1)


def count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(UserRow)).scalar_one())


def all_users(session: Session) -> list[UserRow]:
    return list(session.execute(select(UserRow).order_by(UserRow.username)).scalars())


def active_admins(session: Session) -> list[UserRow]:
    rows = session.execute(select(UserRow).where(UserRow.active.is_(True))).scalars()
    return [r for r in rows if "admin" in {p.strip() for p in r.roles.split(",")}]
