"""A guard against a PySide6 6.12 bug on CPython 3.11: many void Qt calls (setObjectName,
processEvents, sendPostedEvents, QTimer.singleShot, ...) drop a reference to ``None`` they never
took.  ``None`` is immortal only from Python 3.12, so on 3.11 its count runs down by one per
such call and the process dies ("deallocating None", a segfault or a bus error) after some
thousands of calls: a long session, or the self-test, crashes at random.

Until the dependency is fixed (a PySide6 without the bug, or Python 3.12), :func:`guard` keeps
the count high: it adds RESERVE to ``None``'s reference count (references that are never
given back, so nothing is freed at exit either), and a timer adds them again whenever the
count has run down by half.  On 3.12+ it does nothing.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

RESERVE = 100_000_000        # references added to None's count (no memory: just the count)
CHECK_MS = 10_000
_timer: list[QTimer] = []


def needed() -> bool:
    """Only PySide6 6.12 on CPython before 3.12 (6.11.3, which pyproject pins, is sound)."""
    import PySide6

    version = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
    return sys.version_info < (3, 12) and version >= (6, 12)


def top_up() -> int:
    """Add references to None when fewer than RESERVE/2 are left; return the count."""
    if needed() and sys.getrefcount(None) < RESERVE // 2:
        import ctypes  # here: only where it acts (ctypes costs start-up time)

        ctypes.c_ssize_t.from_address(id(None)).value += RESERVE   # CPython's ob_refcnt
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
