"""PySide6 6.12.0 drops a reference to ``None`` on every void Qt call (setObjectName,
processEvents, ...); on Python 3.11, where ``None`` is not immortal, a long session or the
self-test then dies with "deallocating None".  pyproject pins 6.11.3, which does not; this test
fails if a PySide6 with the bug comes back, and the guard (desktop/ui/none_refcount.py) stays
ready for that case."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject

from desktop.ui import none_refcount


def test_void_qt_calls_keep_their_references_to_none(qapp: object) -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        probe.setObjectName("x")
        QCoreApplication.sendPostedEvents()
    assert abs(sys.getrefcount(None) - before) < 1_000
    assert not none_refcount.needed()        # the guard has nothing to do on this PySide6
