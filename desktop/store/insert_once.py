"""Insert rows that several PCs may insert at the same moment.  The first wins; the others
wait for its transaction and then do nothing, or add their counts to the row, instead of
failing on the duplicate key."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable


def insert_once(session: Session, model: type[Any], unique: str | tuple[str, ...],
                **values: Any) -> bool:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING``; True if this call inserted the row."""
    names = (unique,) if isinstance(unique, str) else unique
    columns = [getattr(model, name) for name in names]
    statement: Executable
    # imported here: the PostgreSQL dialect brings every PostgreSQL driver's (~0.1 s at start)
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = (postgresql.insert(model).values(**values)
                     .on_conflict_do_nothing(index_elements=columns).returning(*columns))
    else:
        from sqlalchemy.dialects import sqlite

        statement = (sqlite.insert(model).values(**values)
                     .on_conflict_do_nothing(index_elements=columns).returning(*columns))
    return session.execute(statement).first() is not None


def insert_or_add(session: Session, model: type[Any], unique: tuple[str, ...], add: str,
                  rows: list[dict[str, Any]]) -> None:
    """Insert ``rows``; where a row of the same key is there (or another PC inserts it
    meanwhile), add this row's ``add`` column to it, in the database (``hits = hits + n``:
    nothing read earlier is written back, so two PCs adding at once lose nothing)."""
    if not rows:
        return
    keys = [getattr(model, name) for name in unique]
    statement: Any
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = postgresql.insert(model)
    else:
        from sqlalchemy.dialects import sqlite

        statement = sqlite.insert(model)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={add: getattr(model, add) + statement.excluded[add]})
    session.execute(statement, rows)
