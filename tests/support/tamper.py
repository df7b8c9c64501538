"""Playing the attacker: write to the database behind WebDesk's back.

On PostgreSQL the audit tables are append-only by trigger; an attacker with the owner's
rights (or a superuser, as the tests' cluster is) can switch triggers off for their session,
which is what :func:`as_owner` does — the detection must then still catch the change.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def as_owner(session: Session) -> Session:
    """Switch PostgreSQL's triggers off in this transaction (no-op on SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL session_replication_role = replica"))
    return session
