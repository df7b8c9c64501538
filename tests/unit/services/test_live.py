"""desktop.services.live: what changed in the shared queue since a window last looked, heard
from the database (SQLite polling, PostgreSQL LISTEN/NOTIFY), sorted into what a screen must
redo; a window may leave out what its own user did here.  The waits below end at their event
(a generous deadline only guards against a hang)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop.domain.request import PublicationRequest
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.live import QueueChanges, sort_changes, watch
from desktop.store.change_feed import Change

Sample = Callable[..., PublicationRequest]
DEADLINE = 120.0


def test_changes_are_sorted_into_what_a_screen_redoes() -> None:
    nothing = sort_changes([])
    assert not nothing.anything and nothing.last_audit_id is None
    queue = sort_changes([Change(7, "request_registered", 3, "web1", "pc1"),
                          Change(8, "state:submit", 3, "web1", "pc1")])
    assert queue.queue and queue.inbox and not queue.locks
    assert queue.request_ids == frozenset({3}) and queue.last_audit_id == 8
    assert queue.workstations == frozenset({"pc1"})
    inbox = sort_changes([Change(9, "delegation_created", None, "boss", "pc2")])
    assert inbox.inbox and not inbox.queue
    lock = sort_changes([Change(None, "lock", None)])
    assert lock.locks and lock.anything and not lock.inbox
    other = sort_changes([Change(10, "sign_in", None, "web1", "pc1")])
    assert not other.anything


def test_a_window_hears_changes_committed_after_it_started_except_its_own(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    heard: list[QueueChanges] = []
    news = threading.Condition()
    connected = threading.Event()

    def on_changes(changes: QueueChanges) -> None:
        with news:
            heard.append(changes)
            news.notify_all()

    def on_status(up: bool) -> None:
        if up:
            connected.set()

    def ids() -> frozenset[int]:
        return frozenset().union(*(c.request_ids for c in heard))

    before = rq.register_request(ctx, people["web1"], sample_request(title="ก่อนเริ่มฟัง"))
    feed = watch(ctx, on_changes, on_status, except_by="web1", poll_seconds=0.05)
    try:
        assert connected.wait(DEADLINE) and feed.connected
        own = rq.register_request(ctx, people["web1"], sample_request(title="ของตัวเอง"))
        other = rq.register_request(ctx, people["web2"], sample_request(title="จากอีกคน"))
        with news:                     # changes arrive in order: web1's would come first
            assert news.wait_for(lambda: other in ids(), timeout=DEADLINE)
    finally:
        feed.stop()
    assert own not in ids() and before not in ids()
    assert all(c.inbox for c in heard if c.queue)
