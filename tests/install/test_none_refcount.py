"""The guard against PySide6 6.12 dropping references to None on Python 3.11 keeps the count
far from zero however many void Qt calls run (without it this test's loop alone would take a
fresh process's ~5,000 references to None to zero and crash it)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject

from desktop.ui import none_refcount


@pytest.mark.skipif(not none_refcount.needed(), reason="None is immortal from Python 3.12")
def test_many_void_qt_calls_cannot_run_none_down(qapp: object) -> None:
    none_refcount.guard()
    before = sys.getrefcount(None)
    assert before > none_refcount.RESERVE // 2
    probe = QObject()
    for _ in range(50_000):
        probe.setObjectName("x")            # loses one reference to None per call (6.12)
    assert none_refcount.top_up() > none_refcount.RESERVE // 2
