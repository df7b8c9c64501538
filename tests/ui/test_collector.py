"""The cyclic garbage collector runs on the GUI thread only (desktop/ui/collector.py).

A reference cycle dropped by a worker thread, which then allocates far past the young
generation's threshold (with automatic collection on, that worker would collect the cycle
itself: the test fails on the old app), is freed on the GUI thread by the collector's timer.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.collector import GuiThreadCollector


class _InACycle:
    """Says in which thread it was freed (only the cyclic collector can free it)."""

    def __init__(self, freed_in: list[str]) -> None:
        self.me = self
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


@pytest.fixture
def collector(qtbot: QtBot) -> Iterator[GuiThreadCollector]:
    was_enabled = gc.isenabled()
    gc.enable()
    made = GuiThreadCollector()
    try:
        yield made
    finally:
        made.stop()
        if not was_enabled:
            gc.disable()


def _drop_a_cycle_then_allocate(freed_in: list[str], kept: list[object]) -> None:
    """Drop a cycle, then allocate far past the young generation's threshold (kept alive:
    Python counts allocations net of frees, so the count stays past it afterwards)."""
    _InACycle(freed_in)
    kept.extend([] for _ in range(20 * gc.get_threshold()[0]))


def test_a_cycle_a_worker_dropped_is_freed_on_the_gui_thread(
        collector: GuiThreadCollector, qtbot: QtBot) -> None:
    collector.start()
    assert not gc.isenabled() and collector.running
    freed_in: list[str] = []
    kept: list[object] = []
    worker = threading.Thread(target=_drop_a_cycle_then_allocate, args=(freed_in, kept),
                              name="worker")
    worker.start()
    worker.join()
    assert freed_in == []                      # the worker's allocations collected nothing
    qtbot.waitUntil(lambda: bool(freed_in), timeout=30_000)
    assert freed_in == [threading.main_thread().name]
    assert collector.collections[0] + collector.collections[1] + collector.collections[2] >= 1


def test_without_it_the_worker_frees_the_cycle_itself(collector: GuiThreadCollector) -> None:
    """What the collector prevents: automatic collection runs in the allocating thread."""
    freed_in: list[str] = []
    kept: list[object] = []
    worker = threading.Thread(target=_drop_a_cycle_then_allocate, args=(freed_in, kept),
                              name="worker")
    worker.start()
    worker.join()              # (the GUI thread allocates nothing meanwhile)
    assert freed_in and freed_in != [threading.main_thread().name]


def test_stopping_it_gives_automatic_collection_back(collector: GuiThreadCollector) -> None:
    collector.start()
    collector.start()                         # twice: still one timer, nothing lost
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled() and not collector.running
    collector.stop()                          # twice: nothing changes
    assert gc.isenabled()


def test_it_collects_only_the_generations_that_are_due(collector: GuiThreadCollector) -> None:
    gc.collect()
    collector.start()
    collector.check()                         # nothing allocated since: nothing due
    assert collector.collections == [0, 0, 0]
    kept: list[list[object]] = [[] for _ in range(2 * gc.get_threshold()[0])]
    collector.check()
    assert collector.collections == [1, 0, 0]
    del kept
