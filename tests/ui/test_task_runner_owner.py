"""A result whose owner is gone is dropped — also when ``on_done`` is a closure and only
``on_failed`` is the owner's method (a dialog closed while its list was still loading)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.ui.tasks import TaskFailure, task_runner


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


def test_a_job_outliving_its_relay_ends_quietly(qtbot) -> None:  # noqa: ANN001
    """The relay (the job's way back to the GUI thread) deleted while the job runs — as when
    the application goes away at the end of a run: the job must not raise "Signal source has
    been deleted" in its worker thread (pytest-qt fails the test on such an exception)."""
    release, ended = threading.Event(), threading.Event()
    runner = task_runner()

    def job() -> int:
        release.wait(30)
        return 7

    def finished_job() -> int:
        try:
            return job()
        finally:
            ended.set()

    task_id = runner.database(finished_job, lambda _v: None, lambda _f: None)
    relay = runner._relays[task_id]          # what a closing application deletes
    runner._relays.pop(task_id)
    shiboken6.delete(relay)
    release.set()
    assert ended.wait(30)
    for pool in runner.pools.values():
        assert pool.waitForDone(30_000)
    qtbot.wait(50)                           # an exception would reach pytest-qt here
    assert task_id not in runner._relays
