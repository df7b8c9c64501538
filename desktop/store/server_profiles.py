"""Server profiles as stored: a name and its settings as JSON (no secrets)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import ServerProfileRow


def profile_data(session: Session) -> list[tuple[str, str]]:
    """(name, JSON) of every profile, by name."""
    rows = session.execute(select(ServerProfileRow).order_by(ServerProfileRow.name)).scalars()
    return [(row.name, row.data) for row in rows]


def save_profile_data(session: Session, name: str, data: str, now: datetime) -> None:
    row = session.execute(select(ServerProfileRow)
                          .where(ServerProfileRow.name == name)).scalar()
    if row is None:
        session.add(ServerProfileRow(name=name, data=data, updated_at=now))
    else:
        row.data, row.updated_at = data, now
