"""A result whose owner is gone is dropped — also when ``on_done`` is a closure and only
``on_failed`` is the owner's method (a dialog closed while its list was still loading)."""

from __future__ import annotations

import threading
import weakref
from functools import partial

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.ui.tasks import Lane, TaskFailure, TaskRunner, task_runner


class _Dialog(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.failures: list[TaskFailure] = []

    def failed(self, failure: TaskFailure) -> None:
        self.failures.append(failure)


def test_a_closure_result_for_a_deleted_widget_is_dropped(qtbot) -> None:  # noqa: ANN001
    dialog = _Dialog()
    delivered: list[int] = []
    release = threading.Event()
    busy: list[bool] = []
    task_runner().busy_changed.connect(busy.append)

    def job() -> int:
        release.wait(30)
        return 7

    def show(value: int) -> None:          # a closure: no __self__
        delivered.append(value)
        dialog.setWindowTitle(str(value))  # would raise on a deleted widget

    task_runner().database(job, show, dialog.failed)
    shiboken6.delete(dialog)               # closed before the result arrives
    release.set()
    qtbot.waitUntil(lambda: bool(busy) and busy[-1] is False, timeout=30000)
    assert delivered == []


def test_a_closure_result_for_a_live_widget_arrives(qtbot) -> None:  # noqa: ANN001
    dialog = _Dialog()
    qtbot.addWidget(dialog)
    delivered: list[int] = []
    task_runner().database(lambda: 7, delivered.append, dialog.failed)
    qtbot.waitUntil(lambda: delivered == [7], timeout=30000)
    assert dialog.failures == []


def test_a_job_outliving_its_runner_s_mailbox_ends_quietly(qtbot) -> None:  # noqa: ANN001
    """The mailbox (the job's way back to the GUI thread) deleted while the job runs — as when
    the application goes away at the end of a run: the job must not raise "Signal source has
    been deleted" in its worker thread (pytest-qt fails the test on such an exception)."""
    release, ended = threading.Event(), threading.Event()
    runner = TaskRunner()                    # its own: this one is broken on purpose

    def job() -> int:
        try:
            release.wait(30)
            return 7
        finally:
            ended.set()

    runner.database(job, lambda _v: None, lambda _f: None)
    shiboken6.delete(runner._mailbox)        # what a closing application deletes
    release.set()
    assert ended.wait(30)
    for pool in runner.pools.values():
        assert pool.waitForDone(30_000)
    qtbot.wait(50)                           # an exception would reach pytest-qt here
    shiboken6.delete(runner)


def _hold(captured: QObject, release: threading.Event) -> int:
    release.wait(30)
    return 1


@pytest.mark.parametrize("lane", list(Lane))
def test_what_a_job_captured_is_let_go_in_the_gui_thread(qtbot, lane: Lane) -> None:  # noqa: ANN001
    """A job's function may capture Qt objects of the GUI thread (a window, a dialog). If a
    worker dropped the last reference, the object's C++ side would be deleted in the worker
    thread, maybe while the GUI thread was using it (a per-task relay object did that once
    under load: the suite's process crashed).  The runner keeps the function until the
    outcome is delivered, so the last reference always goes in the GUI thread."""
    released, freed_in = threading.Event(), []
    captured = QObject()                     # no parent: Python owns it
    weakref.finalize(captured, lambda: freed_in.append(threading.current_thread()))
    done: list[int] = []
    task_runner().run(partial(_hold, captured, released), done.append,
                      lambda _f: None, lane=lane)
    del captured                             # now only the job's function holds it
    released.set()
    qtbot.waitUntil(lambda: done == [1] and bool(freed_in), timeout=30000)
    assert freed_in == [threading.main_thread()]


def test_a_failure_s_traceback_is_let_go_in_the_gui_thread(qtbot) -> None:  # noqa: ANN001
    freed_in: list[threading.Thread] = []
    failures: list[TaskFailure] = []

    def failing() -> int:
        captured = QObject()                 # alive in the traceback's frame
        weakref.finalize(captured, lambda: freed_in.append(threading.current_thread()))
        raise ValueError("no")

    task_runner().database(failing, lambda _v: None, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=30000)
    assert isinstance(failures[0].error, ValueError)
    failures.clear()                         # the last reference to the traceback
    qtbot.waitUntil(lambda: bool(freed_in), timeout=30000)
    assert freed_in == [threading.main_thread()]
