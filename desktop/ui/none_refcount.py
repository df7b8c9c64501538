"""A guard against a PySide6 6.12 bug on CPython 3.11: many void Qt calls (setObjectName,
processEvents, sendPostedEvents, QTimer.singleShot, ...) drop a reference to ``None`` they never
took.  ``None`` is immortal only from Python 3.12, so on 3.11 its count runs down by one per
such call and the process dies ("deallocating None", a segfault or a bus error) after some
thousands of calls: a long session, or the self-test, crashes at random.

Until the dependency is fixed (a PySide6 without the bug, or Python 3.12), :func:`guard` keeps
the count high: a list holding references to ``None`` (8 bytes each), topped up by a timer
whenever the count has run down by half.  On 3.12+ it does nothing.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

RESERVE = 2_000_000          # references held in reserve (16 MB)
CHECK_MS = 10_000
_reserve: list[list[None]] = []
_timer: list[QTimer] = []


def needed() -> bool:
    return sys.version_info < (3, 12)


def top_up() -> int:
    """Add references to None when fewer than RESERVE/2 are left; return the count."""
    if needed() and sys.getrefcount(None) < RESERVE // 2 + 100_000:
        _reserve.append([None] * RESERVE)
    return sys.getrefcount(None)


def guard(parent: QObject | None = None) -> None:
    """Fill the reserve now and keep it filled while the application runs."""
    if not needed() or _timer:
        return
    top_up()
    timer = QTimer(parent)
    timer.setInterval(CHECK_MS)
    timer.timeout.connect(top_up)
    timer.start()
    _timer.append(timer)
