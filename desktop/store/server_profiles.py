"""Server profiles as stored: a name and its settings as JSON (no secrets)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.insert_once import insert_once
from desktop.store.models import ServerProfileRow


def profile_data(session: Session) -> list[tuple[str, str]]:
    """(name, JSON) of every profile, by name."""
    rows = session.execute(select(ServerProfileRow).order_by(ServerProfileRow.name)).scalars()
    return [(row.name, row.data) for row in rows]


def save_profile_data(session: Session, name: str, data: str, now: datetime) -> None:
    row = session.execute(select(ServerProfileRow)
                          .where(ServerProfileRow.name == name)).scalar()
    if row is None and insert_once(session, ServerProfileRow, "name",
                                   name=name, data=data, updated_at=now):
        return
    if row is None:   # another PC saved a profile of this name a moment ago: ours is later
        row = session.execute(select(ServerProfileRow).where(ServerProfileRow.name == name)
                              .with_for_update()).scalar_one()
    row.data, row.updated_at = data, now
