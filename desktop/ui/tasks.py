"""The one background-work runner of the application (after Anki's ``aqt.taskman``).

Every window and dialog runs its work through :func:`task_runner`:

    task_runner().database(lambda: rq.get_request(ctx, user, rid), self._shown, self._failed)
    task_runner().network(lambda: publishing.publish_request(...), done, failed)
    task_runner().render(lambda: pdf_thumbnails(...), shown, failed)

Lanes: ``database`` jobs run one at a time on one worker thread (each job opens and closes
its own session); ``network`` jobs (SFTP, SMTP) run in a small pool; ``render`` jobs (preview
decoding and thumbnails, no database) in another.  Nothing of this runs on the GUI thread.

Results (:class:`TaskDone`, :class:`TaskFailure`) come back to the GUI thread through the
runner's mailbox (a queued signal) and are handed to the callbacks there.  Whatever a job
holds — its function and what that captured, its result — is let go in the GUI thread: a
worker never drops the last reference to a Qt object that lives there.  A result whose owner is gone
(the window was closed, the screen locked) is dropped: the owner is the ``owner`` argument,
or the object whose bound method ``on_done`` (else ``on_failed``) is.
:meth:`TaskRunner.forget` drops every pending result of an owner at once (locking a shared
PC).  Nothing ever waits for a job on the GUI thread; only :meth:`TaskRunner.shutdown` does,
after the event loop has ended.
"""

from __future__ import annotations

import itertools
import logging
import threading
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


class _Mailbox(QObject):
    """The way back to the GUI thread, one per runner (its child, as long-lived as it).

    A worker leaves its outcome here and emits ``arrived`` with the task id; Qt queues the
    delivery into the GUI thread, which takes the outcome out.  Nothing a worker drops after
    that emit can be the last reference to a Qt object of the GUI thread: a worker that
    dropped the last reference to such a wrapper would delete its C++ object in the wrong
    thread — maybe while the GUI thread was still delivering to it (a per-task relay did
    exactly that once under load, and the process crashed in a later garbage collection)."""

    arrived = Signal(int)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._outcomes: dict[int, TaskDone[Any] | TaskFailure] = {}

    def put(self, outcome: TaskDone[Any] | TaskFailure) -> None:
        with self._lock:
            self._outcomes[outcome.task_id] = outcome

    def take(self, task_id: int) -> TaskDone[Any] | TaskFailure | None:
        with self._lock:
            return self._outcomes.pop(task_id, None)


@dataclass
class _Pending:
    """A started task as the GUI thread keeps it until its outcome arrives.  It holds the
    job's function too, so that whatever the function captured (windows, dialogs) is let go
    here, in the GUI thread, and never last by a worker."""

    lane: Lane
    owner: QObject | None
    on_done: Callable[[Any], object]
    on_failed: Callable[[TaskFailure], object]
    fn: Callable[[], Any]
    dropped: bool = False


def _settle(task_id: int, lane: Lane, fn: Callable[[], Any],
            into: list[TaskDone[Any] | TaskFailure]) -> None:
    """Run ``fn`` and append its outcome to ``into``.  A failure's traceback keeps this frame
    and its callers' frames alive with their variables; none of them holds the failure once
    the caller has taken it out of ``into`` — no reference cycle, so the failure (and whatever
    its frames hold) is freed when the GUI thread lets it go, not by a garbage collection
    that may run in any thread."""
    try:
        into.append(TaskDone(task_id, lane, fn()))
    except BaseException as error:  # noqa: BLE001 - handed to the GUI thread as a failure
        into.append(TaskFailure(task_id, lane, error,
                                (type(error), error, error.__traceback__)))


class _Job(QRunnable):
    def __init__(self, task_id: int, lane: Lane, fn: Callable[[], Any],
                 mailbox: _Mailbox) -> None:
        super().__init__()
        self.task_id, self.lane, self.mailbox = task_id, lane, mailbox
        self.fn: Callable[[], Any] | None = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        fn, self.fn = self.fn, None
        assert fn is not None
        settled: list[TaskDone[Any] | TaskFailure] = []
        _settle(self.task_id, self.lane, fn, settled)
        del fn                          # (the GUI thread's _Pending holds it until delivery)
        if not shiboken6.isValid(self.mailbox):
            return     # the application (and the runner with it) went away while the job ran
        self.mailbox.put(settled.pop())  # from here on only the mailbox holds the outcome
        try:
            self.mailbox.arrived.emit(self.task_id)
        except RuntimeError:            # deleted between the check and the emit
            if shiboken6.isValid(self.mailbox):
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
        self._mailbox = _Mailbox(self)
        self._mailbox.arrived.connect(self._arrived)
        self._pending: dict[int, _Pending] = {}
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
        self._pending[task_id] = _Pending(lane, owner, on_done, on_failed, fn)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self.pools[lane].start(_Job(task_id, lane, fn, self._mailbox))
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
        return sum(1 for pending in self._pending.values() if lane in (None, pending.lane))

    def forget(self, owner: QObject) -> int:
        """Drop every pending result meant for ``owner`` (or for its children); the jobs
        themselves finish on their worker.  Returns how many were dropped."""
        dropped = 0
        for pending in self._pending.values():
            if pending.owner is not None and shiboken6.isValid(pending.owner) \
                    and _within(pending.owner, owner):
                pending.dropped = True
                dropped += 1
        return dropped

    @Slot(int)
    def _arrived(self, task_id: int) -> None:
        outcome = self._mailbox.take(task_id)
        pending = self._pending.pop(task_id, None)
        if pending is not None and not self._pending:
            self.busy_changed.emit(False)
        if outcome is None or pending is None or pending.dropped:
            return
        if pending.owner is not None and not shiboken6.isValid(pending.owner):
            return
        if isinstance(outcome, TaskDone):
            pending.on_done(outcome.value)
        else:
            pending.on_failed(outcome)

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
