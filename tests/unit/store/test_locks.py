"""Named locks in the database (category index on a server): one holder at a time."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from desktop.domain.errors import UserError
from desktop.store import locks
from desktop.store.database import Database
from desktop.store.migrate import upgrade_database


def test_one_holder_at_a_time_and_expiry(database_url: str) -> None:
    db = Database(database_url)
    upgrade_database(db)
    now = datetime(2026, 11, 22, 10, 0)
    ttl = timedelta(minutes=10)
    assert locks.try_acquire(db, "index:site:news", "pc1", now, ttl)
    assert not locks.try_acquire(db, "index:site:news", "pc2", now, ttl)
    assert locks.try_acquire(db, "index:site:law", "pc2", now, ttl)  # another name is free
    # A holder that died: its lock expires and another PC takes over.
    assert locks.try_acquire(db, "index:site:news", "pc2", now + ttl + timedelta(seconds=1), ttl)
    locks.release(db, "index:site:news", "pc1")  # not the holder any more: no effect
    assert not locks.try_acquire(db, "index:site:news", "pc3", now + ttl, ttl)
    db.dispose()


def test_held_waits_then_gives_a_clear_message(database_url: str) -> None:
    db = Database(database_url)
    upgrade_database(db)
    inside: list[str] = []
    with locks.held(db, "index:x", "pc1", datetime.now):
        with pytest.raises(UserError) as caught, \
                locks.held(db, "index:x", "pc2", datetime.now, wait_seconds=0.5):
            inside.append("pc2")
        assert caught.value.code == "lock_busy"
        # Released by pc1 while pc3 waits: pc3 gets in.
        done = threading.Event()

        def third() -> None:
            with locks.held(db, "index:x", "pc3", datetime.now, wait_seconds=10):
                inside.append("pc3")
            done.set()

        worker = threading.Thread(target=third)
        worker.start()
    worker.join(15)
    assert done.is_set() and inside == ["pc3"]
    db.dispose()


def test_only_the_holder_renews(database_url: str) -> None:
    db = Database(database_url)
    upgrade_database(db)
    now = datetime(2026, 11, 22, 10, 0)
    assert locks.try_acquire(db, "upload:site:7", "pc1", now, timedelta(minutes=5))
    assert locks.renew(db, "upload:site:7", "pc1", now + timedelta(minutes=20))
    assert not locks.renew(db, "upload:site:7", "pc2", now + timedelta(hours=5))
    assert locks.holder_of(db, "upload:site:7") == "pc1"
    # renewed: not expired at now + 10 min, so pc2 cannot take it
    assert not locks.try_acquire(db, "upload:site:7", "pc2", now + timedelta(minutes=10),
                                 timedelta(minutes=5))
    locks.release(db, "upload:site:7", "pc1")
    assert locks.holder_of(db, "upload:site:7") is None
    assert not locks.renew(db, "upload:site:7", "pc1", now)        # released: nothing to renew
    db.dispose()
