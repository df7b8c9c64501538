"""Live updates across PCs: a change committed by another process reaches the feed, every
change exactly once and in order, publish locks too, a rolled-back change never; on
PostgreSQL the listening connection comes back by itself after the server drops it, and
what happened meanwhile still arrives."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.domain.request import PublicationRequest
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.paths import AppPaths
from desktop.services import auth, live
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.store import audit, locks
from desktop.store.change_feed import APPLICATION_NAME, Change, ChangeFeed
from tests.scale import live_workers

SPAWN = multiprocessing.get_context("spawn")
PASSWORD = "web-pass-123"
WAIT = 120.0        # an upper bound for a loaded machine, never a measurement


class Heard:
    """Everything a feed reported, and a way to wait for a condition on it."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.statuses: list[bool] = []
        self._condition = threading.Condition()

    def add(self, changes: list[Change]) -> None:
        with self._condition:
            self.changes += changes
            self._condition.notify_all()

    def status(self, connected: bool) -> None:
        with self._condition:
            self.statuses.append(connected)
            self._condition.notify_all()

    def wait_for(self, condition: Callable[[], bool]) -> None:
        with self._condition:
            assert self._condition.wait_for(condition, WAIT), (self.changes, self.statuses)

    def request_ids(self) -> set[int]:
        return {c.request_id for c in self.changes if c.request_id is not None}


@pytest.fixture
def office(tmp_path: Path, database_url: str) -> Iterator[tuple[AppContext, User]]:
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "profile", database_url))
    user = auth.create_user(ctx, auth.NewUser("web", PASSWORD,
                                              frozenset({Role.WEBMASTER, Role.ADMIN})))
    yield ctx, user
    ctx.close()


def _head(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        return audit.head(session)[0]


def test_changes_from_another_process_arrive_once_each_in_order(
        office: tuple[AppContext, User]) -> None:
    ctx, _user = office
    heard = Heard()
    feed = ChangeFeed(ctx.paths.database_url, heard.add, on_status=heard.status).start()
    try:
        heard.wait_for(lambda: heard.statuses == [True])
        start = _head(ctx)
        with ProcessPoolExecutor(1, mp_context=SPAWN) as pool:
            made = pool.submit(live_workers.register_and_edit, str(ctx.paths.home),
                               ctx.paths.database_url, "web", PASSWORD,
                               [f"ข่าวจากอีกเครื่อง {n}" for n in range(5)]).result(timeout=600)
        end = _head(ctx)
        heard.wait_for(lambda: bool(heard.changes) and heard.changes[-1].audit_id == end)
    finally:
        feed.stop()
    ids = [c.audit_id for c in heard.changes]
    assert ids == list(range(start + 1, end + 1))          # nothing missed, nothing twice
    assert set(made) <= heard.request_ids()
    registered = [c.request_id for c in heard.changes if c.action == "request_registered"]
    assert registered == made
    assert not feed.running and heard.statuses[-1] is False


def test_locks_arrive_and_rolled_back_changes_never(office: tuple[AppContext, User]) -> None:
    ctx, user = office
    sorted_changes: list[live.QueueChanges] = []
    heard = Heard()

    def on_changes(changes: live.QueueChanges) -> None:
        sorted_changes.append(changes)
        heard.add([])

    watched = live.watch(ctx, on_changes, heard.status)
    try:
        heard.wait_for(lambda: heard.statuses == [True])
        with pytest.raises(RuntimeError), ctx.db.write() as session:
            audit.append(session, action="never_committed", request_id=999)
            raise RuntimeError("rolled back")
        assert locks.try_acquire(ctx.db, "index:news", "pc-2", ctx.now(), timedelta(minutes=1))
        heard.wait_for(lambda: any(c.locks for c in sorted_changes))
        rid = rq.register_request(ctx, user, PublicationRequest(title="หลังล็อก"))
        heard.wait_for(lambda: any(rid in c.request_ids for c in sorted_changes))
    finally:
        watched.stop()
    assert all(999 not in c.request_ids for c in sorted_changes)
    assert any(c.queue and c.inbox and ctx.workstation in c.workstations
               for c in sorted_changes)


@pytest.mark.postgres
def test_the_listener_comes_back_after_the_server_drops_it(
        tmp_path: Path, fresh_postgres_url: str) -> None:
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "profile", fresh_postgres_url))
    user = auth.create_user(ctx, auth.NewUser("web", PASSWORD,
                                              frozenset({Role.WEBMASTER, Role.ADMIN})))
    heard = Heard()
    feed = ChangeFeed(ctx.paths.database_url, heard.add, on_status=heard.status,
                      retry_seconds=(0.1, 0.2)).start()
    try:
        heard.wait_for(lambda: heard.statuses == [True])
        first = rq.register_request(ctx, user, PublicationRequest(title="ก่อนตัดสาย"))
        heard.wait_for(lambda: first in heard.request_ids())
        with ctx.db.write() as session:       # the server ends the listener's session
            ended = session.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name"), {"name": APPLICATION_NAME}).scalars().all()
        assert ended == [True]
        second = rq.register_request(ctx, user, PublicationRequest(title="ระหว่างหลุด"))
        heard.wait_for(lambda: second in heard.request_ids())
        heard.wait_for(lambda: heard.statuses[-1] is True)
        third = rq.register_request(ctx, user, PublicationRequest(title="หลังต่อใหม่"))
        heard.wait_for(lambda: third in heard.request_ids())
    finally:
        feed.stop()
        ctx.close()
    assert heard.statuses[:3] == [True, False, True]
    ids = [c.audit_id or 0 for c in heard.changes]
    assert ids == sorted(set(ids))
