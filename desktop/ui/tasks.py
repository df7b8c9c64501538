"""The one background-work runner of the application (after Anki's ``aqt.taskman``).

Every window and dialog runs its work through :func:`task_runner`:

    task_runner().database(lambda: rq.get_request(ctx, user, rid), self._shown, self._failed)
    task_runner().network(lambda: publishing.publish_request(...), done, failed)
    task_runner().render(lambda: pdf_thumbnails(...), shown, failed)

Lanes: ``database`` jobs run one at a time on one worker thread (each job opens and closes
its own session); ``network`` jobs (SFTP, SMTP) run in a small pool; ``render`` jobs (preview
decoding and thumbnails, no database) in another.  Nothing of this runs on the GUI thread.

Results come back to the GUI thread through typed signals (:class:`TaskDone`,
:class:`TaskFailure`) and are handed to the callbacks there.  A result whose owner is gone
(the window was closed, the screen locked) is dropped: the owner is the ``owner`` argument,
or the object whose bound method ``on_done`` (else ``on_failed``) is.
:meth:`TaskRunner.forget` drops every pending result of an owner at once (locking a shared
PC).  Nothing ever waits for a job on the GUI thread; only :meth:`TaskRunner.shutdown` does,
after the event loop has ended.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from types import TracebackType
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
_log = logging.getLogger("webdesk.tasks")


class Lane(Enum):
    DATABASE = "database"   # one worker: jobs one at a time
    NETWORK = "network"     # a small pool
    RENDER = "render"       # previews and thumbnails: no database


LANE_THREADS = {Lane.DATABASE: 1, Lane.NETWORK: 4, Lane.RENDER: 2}


@dataclass(frozen=True)
class TaskDone(Generic[T]):
    task_id: int
    lane: Lane
    value: T


@dataclass(frozen=True)
class TaskFailure:
    task_id: int
    lane: Lane
    error: BaseException
    exc_info: ExcInfo


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits and Qt queues the delivery into this thread."""

    finished = Signal(TaskDone)
    failed = Signal(TaskFailure)

    def __init__(self, runner: TaskRunner, task_id: int, lane: Lane, owner: QObject | None,
                 on_done: Callable[[Any], object],
                 on_failed: Callable[[TaskFailure], object]) -> None:
        super().__init__()
        self.runner, self.task_id, self.lane, self.owner = runner, task_id, lane, owner
        self.on_done, self.on_failed = on_done, on_failed
        self.dropped = False
        self.finished.connect(self._deliver_done)
        self.failed.connect(self._deliver_failure)

    def _wanted(self) -> bool:
        self.runner._ended(self)
        if self.dropped:
            return False
        return self.owner is None or shiboken6.isValid(self.owner)

    @Slot(TaskDone)
    def _deliver_done(self, done: TaskDone[Any]) -> None:
        if self._wanted():
            self.on_done(done.value)

    @Slot(TaskFailure)
    def _deliver_failure(self, failure: TaskFailure) -> None:
        if self._wanted():
            self.on_failed(failure)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay, self.lane = fn, relay, relay.lane
        self.setAutoDelete(True)

    def run(self) -> None:
        task_id = self.relay.task_id
        try:
            value = self.fn()
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread as a failure
            kind, exc, tb = sys.exc_info()
            assert kind is not None and exc is not None
            self._send(self.relay.failed, TaskFailure(task_id, self.lane, error,
                                                      (kind, exc, tb)))
            return
        self._send(self.relay.finished, TaskDone(task_id, self.lane, value))

    def _send(self, signal: Any, outcome: object) -> None:
        """Hand the outcome to the GUI thread — unless the application (and the relay with
        it) went away while the job ran: then nobody is left to tell, and the job ends
        quietly instead of raising "Signal source has been deleted" in a worker thread."""
        if not shiboken6.isValid(self.relay):
            return
        try:
            signal.emit(outcome)
        except RuntimeError:          # deleted between the check and the emit
            if shiboken6.isValid(self.relay):
                raise


def _owner_of(callback: Callable[..., Any]) -> QObject | None:
    owner = getattr(callback, "__self__", None)
    return owner if isinstance(owner, QObject) else None


class TaskRunner(QObject):
    """One per application (see :func:`task_runner`)."""

    busy_changed = Signal(bool)   # something is running / nothing is

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pools: dict[Lane, QThreadPool] = {}
        for lane, threads in LANE_THREADS.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
            self.pools[lane] = pool
        self._relays: dict[int, _Relay] = {}
        self._ids = itertools.count(1)

    # ----- starting work -----
    def run(self, fn: Callable[[], T], on_done: Callable[[T], object],
            on_failed: Callable[[TaskFailure], object], *, lane: Lane = Lane.DATABASE,
            owner: QObject | None = None) -> int:
        """Run ``fn`` on ``lane``; ``on_done(value)`` or ``on_failed(failure)`` follows in the
        GUI thread unless the owner is gone (by default the object whose method ``on_done``
        is — or, for a closure, ``on_failed``'s).  Returns the task id."""
        task_id = next(self._ids)
        owner = owner or _owner_of(on_done) or _owner_of(on_failed)
        relay = _Relay(self, task_id, lane, owner, on_done, on_failed)
        self._relays[task_id] = relay
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        self.pools[lane].start(_Job(fn, relay))
        return task_id

    def database(self, fn: Callable[[], T], on_done: Callable[[T], object],
                 on_failed: Callable[[TaskFailure], object], owner: QObject | None = None) -> int:
        return self.run(fn, on_done, on_failed, lane=Lane.DATABASE, owner=owner)

    def network(self, fn: Callable[[], T], on_done: Callable[[T], object],
                on_failed: Callable[[TaskFailure], object], owner: QObject | None = None) -> int:
        return self.run(fn, on_done, on_failed, lane=Lane.NETWORK, owner=owner)

    def render(self, fn: Callable[[], T], on_done: Callable[[T], object],
               on_failed: Callable[[TaskFailure], object], owner: QObject | None = None) -> int:
        return self.run(fn, on_done, on_failed, lane=Lane.RENDER, owner=owner)

    # ----- what is running -----
    def running(self, lane: Lane | None = None) -> int:
        """Tasks started whose result has not been delivered yet (on ``lane``, or any)."""
        return sum(1 for relay in self._relays.values() if lane in (None, relay.lane))

    def forget(self, owner: QObject) -> int:
        """Drop every pending result meant for ``owner`` (or for its children); the jobs
        themselves finish on their worker.  Returns how many were dropped."""
        dropped = 0
        for relay in self._relays.values():
            if relay.owner is not None and shiboken6.isValid(relay.owner) \
                    and _within(relay.owner, owner):
                relay.dropped = True
                dropped += 1
        return dropped

    def _ended(self, relay: _Relay) -> None:
        if self._relays.pop(relay.task_id, None) is not None and not self._relays:
            self.busy_changed.emit(False)
        relay.deleteLater()

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Wait for every job (only when the application ends, never from a slot)."""
        return all(pool.waitForDone(msecs) for pool in self.pools.values())


def _within(obj: QObject, ancestor: QObject) -> bool:
    current: QObject | None = obj
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent()
    return False


_RUNNER: list[TaskRunner] = []


def task_runner() -> TaskRunner:
    """The application's runner (made on first use, owned by the QCoreApplication)."""
    app = QCoreApplication.instance()
    if _RUNNER and shiboken6.isValid(_RUNNER[0]):
        return _RUNNER[0]
    if app is None:
        raise RuntimeError("task_runner() needs a QApplication")
    runner = TaskRunner(app)
    runner.setObjectName("taskRunner")
    _RUNNER[:] = [runner]
    return runner
