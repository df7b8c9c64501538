"""A floor under pytest-qt's wait deadlines.

``qtbot.waitUntil``/``waitSignal``/... return as soon as their event comes; the deadline
only decides how long a broken test hangs before it fails.  Deadlines of 5-10 s written for a
quiet machine can pass before a healthy event arrives on a loaded one (the suite must pass
beside two CPU hogs: ``bash installer/stress.sh``), so every wait gets at least
:data:`WAIT_FLOOR_MS`.  No test relies on a wait running out (none passes ``raising=False``).
"""

from __future__ import annotations

import functools
from typing import Any

WAIT_FLOOR_MS = 120_000
WAITS = ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitExposed", "waitActive")


def install_wait_floor() -> None:
    from pytestqt.qtbot import QtBot

    for name in WAITS:
        original = getattr(QtBot, name)
        if getattr(original, "_webdesk_floor", False):
            continue

        @functools.wraps(original)
        def waiting(self: Any, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            timeout = kwargs.get("timeout", 5000)
            if timeout is not None and 0 < timeout < WAIT_FLOOR_MS:
                kwargs["timeout"] = WAIT_FLOOR_MS
            return __original(self, *args, **kwargs)

        waiting._webdesk_floor = True  # type: ignore[attr-defined]
        setattr(QtBot, name, waiting)
