"""Agency-wide settings rows (the ``settings`` table): several read or written in one
transaction, with the audit row of the change."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from desktop.store.insert_once import insert_once
from desktop.store.models import SettingRow


def get_many(session: Session, keys: list[str]) -> dict[str, Any]:
    rows = session.execute(select(SettingRow).where(SettingRow.key.in_(keys))).scalars()
    return {row.key: json.loads(row.value) for row in rows}


def stored_texts(db: Session | Connection, keys: tuple[str, ...]) -> dict[str, str]:
    """These settings as stored (JSON text, not parsed): a caller that keeps what it made of
    them parses again only when the text changed."""
    table = SettingRow.__table__
    rows = db.execute(select(table.c.key, table.c.value)  # type: ignore[arg-type]
                      .where(table.c.key.in_(keys))).all()
    return {str(key): str(value) for key, value in rows}


CACHE_KEY = "webdesk_settings"   # session.info: every setting, read once per session


def put_many(session: Session, values: dict[str, Any]) -> list[str]:
    """Write ``values``; return the keys whose stored value changed."""
    session.info.pop(CACHE_KEY, None)
    changed = []
    for key, value in values.items():
        text = json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
        row = session.get(SettingRow, key)
        if row is None and insert_once(session, SettingRow, "key", key=key, value=text):
            changed.append(key)
            continue
        if row is None:  # another PC saved it first, a moment ago: ours is the later word
            row = session.execute(select(SettingRow).where(SettingRow.key == key)
                                  .with_for_update()).scalar_one()
        if json.loads(row.value) != json.loads(text):
            row.value = text
            changed.append(key)
    session.flush()
    return changed


def all_values(session: Session) -> dict[str, Any]:
    return {row.key: json.loads(row.value)
            for row in session.execute(select(SettingRow)).scalars()}
