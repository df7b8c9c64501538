"""Reconnect with backoff: run a publishing step again after a dropped or timed-out link.

Only transient failures are retried (connection lost, timeout, unreachable); a wrong password,
a changed host key, a full disk or a refused name are raised at once.  Each attempt gets a
fresh connection, and the resume journal makes the retry skip what is already verified.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishError

T = TypeVar("T")

TRANSIENT = frozenset({"sftp_connection_lost", "sftp_timeout", "sftp_unreachable",
                       "sftp_not_ssh"})


def with_reconnect(open_connection: Callable[[], SftpConnection],
                   step: Callable[[SftpConnection], T], *, attempts: int = 5,
                   first_delay: float = 1.0, max_delay: float = 30.0,
                   on_retry: Callable[[int, PublishError, float], None] | None = None,
                   cancel: threading.Event | None = None,
                   sleep: Callable[[float], None] = time.sleep) -> T:
    """``step(connection)`` on a fresh connection, retried with exponential backoff.

    ``on_retry(attempt, error, delay)`` is told before each wait (for the progress display
    and the traffic log).  The last error is raised when every attempt failed.
    """
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            with open_connection() as connection:
                return step(connection)
        except PublishError as error:
            if error.code not in TRANSIENT or attempt == attempts:
                raise
            if cancel is not None and cancel.is_set():
                raise
            if on_retry is not None:
                on_retry(attempt, error, delay)
            sleep(delay)
            delay = min(delay * 2, max_delay)
    raise AssertionError("unreachable")
