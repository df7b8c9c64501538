"""Reconnect with backoff: run a publishing step again after a dropped or timed-out link.

Only transient failures are retried (connection lost, timeout, unreachable); a wrong password,
a changed host key, a full disk or a refused name are raised at once.  Each attempt gets a
fresh connection, and the resume journal makes the retry carry on where the last one stopped
(inside a file).  ``attempts`` counts reconnects in a row that made no progress: a link that
drops every few megabytes still finishes, one that is down for good gives up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from desktop.publish.connection import SftpConnection
from desktop.publish.errors import PublishError
from desktop.publish.profiles import ServerProfile
from desktop.publish.transfer import CHUNK, WINDOW_BYTES

T = TypeVar("T")

TRANSIENT = frozenset({"sftp_connection_lost", "sftp_timeout", "sftp_unreachable",
                       "sftp_not_ssh"})


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5               # reconnects without progress before giving up
    first_delay: float = 1.0
    max_delay: float = 30.0

    @classmethod
    def of(cls, profile: ServerProfile) -> RetryPolicy:
        return cls(profile.retry_attempts, profile.retry_first_delay, profile.retry_max_delay)


class LinkWindow:
    """How much unverified data to keep in flight on a link that drops.

    Everything in flight when the link drops is lost (only what the server verified counts),
    so after an attempt that dropped having verified less than its window, the next attempt
    keeps a quarter as much in flight (down to two chunks): on a link that drops every few
    megabytes the verified offset then moves forward on every connection."""

    def __init__(self, full: int = WINDOW_BYTES, floor: int = 2 * CHUNK) -> None:
        self.window = full
        self.floor = floor

    def dropped(self, verified: int) -> None:
        if verified < self.window:
            self.window = max(self.floor, self.window // 4)


def with_reconnect(open_connection: Callable[[], SftpConnection],
                   step: Callable[[SftpConnection], T], *, attempts: int = 5,
                   first_delay: float = 1.0, max_delay: float = 30.0,
                   on_retry: Callable[[int, PublishError, float], None] | None = None,
                   cancel: threading.Event | None = None,
                   progress: Callable[[], int] | None = None,
                   sleep: Callable[[float], None] = time.sleep) -> T:
    """``step(connection)`` on a fresh connection, retried with exponential backoff.

    ``progress()`` (e.g. bytes verified so far) lets an attempt that moved forward reset the
    count and the delay.  ``on_retry(attempt, error, delay)`` is told before each wait (for
    the progress display).  The last error is raised when the attempts are used up.
    """
    delay = first_delay
    failures = 0
    attempt = 0
    seen = progress() if progress is not None else 0
    while True:
        attempt += 1
        try:
            with open_connection() as connection:
                return step(connection)
        except PublishError as error:
            now = progress() if progress is not None else 0
            if now > seen:                  # it moved forward: start counting again
                seen, failures, delay = now, 0, first_delay
            failures += 1
            if error.code not in TRANSIENT or failures >= attempts:
                raise
            if cancel is not None and cancel.is_set():
                raise
            if on_retry is not None:
                on_retry(attempt, error, delay)
            sleep(delay)
            delay = min(delay * 2, max_delay)
