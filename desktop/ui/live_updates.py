"""Live updates in the main window: what another PC changes shows here within a second or
two, without pressing Refresh (desktop/services/live.py hears it from the database).

When the feed first connects, the window reloads once (the rows were loaded while the feed
was still connecting: a change committed in between is not in its reports).  The queue
reloads the rows it has loaded and keeps its scroll position and selection; the
detail pane reloads when its request changed; the approver inbox and the home screen reload
(the inbox keeps its selected request).  Nothing the user is typing is touched: an open
request dialog keeps its text, and a save made from an older version is refused by the
version check and offers to reload.  Changes arriving close together are taken as one.

What this user did in this window is left out (the window shows it already).  Live updates
are off when the environment says ``WEBDESK_LIVE_UPDATES=0``.

The feed's thread only emits a signal, through a small bridge object that holds no reference
to any window (a window must never be freed on that thread); everything else happens on the
GUI thread, and the reloads go through the task runner like any other.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services import live
from desktop.services.context import AppContext
from desktop.services.live import LiveFeed, QueueChanges

SETTLE_MS = 150        # changes within this time are applied together
SWITCH = "WEBDESK_LIVE_UPDATES"


def enabled() -> bool:
    return os.environ.get(SWITCH, "1").strip() != "0"


class _Bridge(QObject):
    """What the feed's thread calls: it emits, nothing more (and nothing once closed).

    It has no parent and is kept for the life of the program (:data:`_KEPT`): the feed's
    thread may be emitting at the very moment the window goes, and an object deleted on the
    GUI thread during that emit crashes the process.  Receivers going away is safe (Qt
    disconnects them), so only the sender must outlive every emit; a few bytes per sign-in."""

    heard = Signal(object)            # QueueChanges
    status = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.open = True

    def deliver(self, changes: QueueChanges) -> None:
        if self.open and shiboken6.isValid(self):
            self.heard.emit(changes)

    def deliver_status(self, connected: bool) -> None:
        if self.open and shiboken6.isValid(self):
            self.status.emit(connected)


_KEPT: list[_Bridge] = []


class LiveUpdates(QObject):
    connection_changed = Signal(bool)
    applied = Signal(object)          # QueueChanges, after the reloads were started

    def __init__(self, window: QObject, ctx: AppContext, username: str,
                 apply: Callable[[QueueChanges], None]) -> None:
        super().__init__(window)
        self.setObjectName("liveUpdates")
        self.ctx, self.username, self.apply = ctx, username, apply
        started: list[LiveFeed] = []          # (plain list: no reference to a QObject)
        self._started = started
        # the window may go without a sign-out (closed, deleted): the threads go too
        window.destroyed.connect(lambda *_a: _stop_all(started))
        self.feed: LiveFeed | None = None
        self.pending: list[QueueChanges] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SETTLE_MS)
        self.timer.timeout.connect(self._apply)
        self.bridge: _Bridge | None = None
        self.connected = False
        self._caught_up = False

    def start(self) -> None:
        if self.feed is None and enabled():
            bridge = _Bridge()
            _KEPT.append(bridge)
            bridge.heard.connect(self._queue)
            bridge.status.connect(self._status)
            self.bridge = bridge
            feed = live.watch(self.ctx, bridge.deliver, bridge.deliver_status,
                              except_by=self.username)
            self.feed = feed
            self._caught_up = False           # each new feed: one reload when it connects
            self._started.append(feed)

    def stop(self) -> None:
        """Stop hearing changes (sign-out, lock): nothing waits for the feed's thread."""
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.feed.stop(timeout=0)
        if self.bridge is not None:
            self.bridge.open = False
        self.timer.stop()
        self.pending.clear()
        self._status(False)

    def _status(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            if connected and not self._caught_up and self.feed is not None:
                self._caught_up = True        # what committed while the feed connected
                self._queue(live.catch_up())
            self.connection_changed.emit(connected)

    def _queue(self, changes: QueueChanges) -> None:
        if self.feed is None:
            return
        self.pending.append(changes)
        if not self.timer.isActive():
            self.timer.start()

    def _apply(self) -> None:
        if not self.pending or self.feed is None:
            return
        merged = QueueChanges(
            request_ids=frozenset().union(*(c.request_ids for c in self.pending)),
            inbox=any(c.inbox for c in self.pending), locks=any(c.locks for c in self.pending),
            workstations=frozenset().union(*(c.workstations for c in self.pending)),
            last_audit_id=max((c.last_audit_id or 0 for c in self.pending), default=0),
            everything=any(c.everything for c in self.pending))
        self.pending.clear()
        self.apply(merged)
        self.applied.emit(merged)


def _stop_all(feeds: list[LiveFeed]) -> None:
    for feed in feeds:
        feed.feed.stop(timeout=0)
