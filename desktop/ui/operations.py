"""One small operation per user action, run in the background.

Database work runs one job at a time (one worker thread, one session per job); network work
runs in parallel on its own pool.  Results come back to the GUI thread through signals —
workers never touch a widget.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


@dataclass(frozen=True)
class OpFailure:
    error: BaseException
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None]


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the call into the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None],
                 on_failure: Callable[[OpFailure], None],
                 finish: Callable[[_Relay], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._finish = finish
        self.succeeded.connect(self.deliver_success)
        self.failed.connect(self.deliver_failure)

    def _owner_alive(self) -> bool:
        """The window (and its runner) may be gone when a late result arrives: drop it."""
        owner = getattr(self._finish, "__self__", None)
        return owner is None or shiboken6.isValid(owner)

    @Slot(object)
    def deliver_success(self, result: object) -> None:
        if not self._owner_alive():
            return
        self._finish(self)
        self._on_success(result)

    @Slot(object)
    def deliver_failure(self, failure: object) -> None:
        if not self._owner_alive():
            return
        self._finish(self)
        assert isinstance(failure, OpFailure)
        self._on_failure(failure)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread as a failure
            info = sys.exc_info()
            assert info[0] is not None and info[1] is not None
            self.relay.failed.emit(OpFailure(exc, (info[0], info[1], info[2])))
            return
        self.relay.succeeded.emit(result)


class OperationRunner(QObject):
    """Starts operations; keeps relays alive until they report; counts what is running."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_pool = QThreadPool(self)
        self.db_pool.setMaxThreadCount(1)
        self.net_pool = QThreadPool(self)
        self.net_pool.setMaxThreadCount(4)
        self._relays: set[_Relay] = set()

    @property
    def running(self) -> int:
        return len(self._relays)

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[OpFailure], None], *, network: bool = False) -> None:
        relay = _Relay(on_success, on_failure, self._finish)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        (self.net_pool if network else self.db_pool).start(_Job(fn, relay))

    def _finish(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        if not self._relays:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        return self.db_pool.waitForDone(msecs) and self.net_pool.waitForDone(msecs)
