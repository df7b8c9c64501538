"""Named locks in the database, so two PCs never rewrite the same category index at once."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.store.database import Database
from desktop.store.models import PublishLockRow


class LockMessage(MessageCode):
    LOCK_BUSY = (
        "lock_busy",
        "อีกเครื่องหนึ่งกำลังปรับปรุง {name} อยู่ กรุณาลองใหม่อีกครั้ง",
        "Another PC is updating {name}. Please try again shortly.",
    )



def try_acquire(db: Database, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
    with db.write() as session:
        session.execute(delete(PublishLockRow).where(PublishLockRow.name == name,
                                                     PublishLockRow.expires_at < now))
    try:
        with db.write() as session:
            session.add(PublishLockRow(name=name, holder=holder, acquired_at=now,
                                       expires_at=now + ttl))
        return True
    except IntegrityError:
        return False


def holder_of(db: Database, name: str) -> str | None:
    """Who holds the named lock now ("workstation:pid:thread"), or None."""
    with db.read() as session:
        row = session.get(PublishLockRow, name)
        return None if row is None else row.holder


def renew(db: Database, name: str, holder: str, expires_at: datetime) -> bool:
    """Move the lock's expiry on while ``holder`` still holds it (False: it does not)."""
    with db.write() as session:
        renewed = session.execute(update(PublishLockRow)
                                  .where(PublishLockRow.name == name,
                                         PublishLockRow.holder == holder)
                                  .values(expires_at=expires_at)
                                  .returning(PublishLockRow.name)).first()
        return renewed is not None


def release(db: Database, name: str, holder: str) -> None:
    with db.write() as session:
        session.execute(delete(PublishLockRow).where(PublishLockRow.name == name,
                                                     PublishLockRow.holder == holder))


@contextmanager
def held(db: Database, name: str, holder: str, clock: Callable[[], datetime], *,
         ttl: timedelta = timedelta(minutes=10), wait_seconds: float = 30.0) -> Iterator[None]:
    """Hold the lock for the block; wait a while for another holder, then give up clearly."""
    deadline = time.monotonic() + wait_seconds
    while not try_acquire(db, name, holder, clock(), ttl):
        if time.monotonic() > deadline:
            raise UserError(LockMessage.LOCK_BUSY, name=name)
        time.sleep(0.2)
    try:
        yield
    finally:
        release(db, name, holder)
