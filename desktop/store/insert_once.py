"""Insert a row that several PCs may insert at the same moment: the first wins, the others
wait for its transaction and then do nothing (instead of failing on the duplicate key)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable


def insert_once(session: Session, model: type[Any], unique: str, **values: Any) -> bool:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING``; True if this call inserted the row."""
    # imported here: the PostgreSQL dialect brings every PostgreSQL driver's (~0.1 s at start)
    column = getattr(model, unique)
    statement: Executable
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = (postgresql.insert(model).values(**values)
                     .on_conflict_do_nothing(index_elements=[column]).returning(column))
    else:
        from sqlalchemy.dialects import sqlite

        statement = (sqlite.insert(model).values(**values)
                     .on_conflict_do_nothing(index_elements=[column]).returning(column))
    return session.execute(statement).first() is not None
