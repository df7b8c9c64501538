"""The time from the database server's clock (PostgreSQL): PCs with wrong clocks cannot misdate
a sign-off, a publication or an audit row.

:class:`DatabaseClock` asks the server for its time once (``clock_timestamp()``, half the
round trip added), then counts on with this PC's monotonic clock, which a changed wall clock
does not move.  It asks again every ten minutes, and at once when this PC's wall clock and its
monotonic clock disagree (the PC slept, or someone set its clock) — on a thread of its own:
reading the clock never waits for the network.  The server's instant is
given in this PC's time zone, like every other time in WebDesk (naive local datetimes).  If the
server cannot be reached, this PC's clock stands in — a change cannot be saved then anyway.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, text

RESYNC_SECONDS = 600.0
DRIFT_SECONDS = 2.0
RETRY_SECONDS = 5.0


@dataclass(frozen=True)
class ServerTime:
    server: datetime          # the server's clock, in this PC's time zone (naive)
    local: datetime           # this PC's clock at the same moment
    round_trip: float         # seconds

    @property
    def skew(self) -> timedelta:
        """How far this PC's clock is ahead of the server's (negative: behind)."""
        return self.local - self.server


def server_time(engine: Engine) -> ServerTime:
    """Ask the server for its time; raises the driver's error when it cannot be reached."""
    with engine.connect() as connection:
        started = time.monotonic()
        value = connection.execute(text("SELECT clock_timestamp()")).scalar_one()
        ended = time.monotonic()
        local = datetime.now()
    half = (ended - started) / 2
    server = value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    return ServerTime(server + timedelta(seconds=half), local, ended - started)


class DatabaseClock:
    """A ``now()`` for :class:`AppContext` on PostgreSQL.  Calling it never waits for the
    network (the GUI thread asks for the date): :meth:`sync` asks the server, and a stale
    reading is renewed on a short-lived thread while the old one counts on.  Thread-safe."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._anchor: tuple[datetime, float, datetime] | None = None  # server, mono, wall
        self._renewing = False
        self._last_try = -RETRY_SECONDS

    def sync(self) -> bool:
        """Ask the server now (True when it answered)."""
        self._last_try = time.monotonic()
        try:
            measured = server_time(self.engine)
        except Exception:  # noqa: BLE001 - unreachable now: this PC's clock stands in
            return False
        with self._lock:
            self._anchor = (measured.server, time.monotonic(), datetime.now())
        return True

    def __call__(self) -> datetime:
        mono, wall = time.monotonic(), datetime.now()
        with self._lock:
            anchor = self._anchor
        if anchor is None or _stale(anchor, mono, wall):
            self._renew_soon(mono)
        if anchor is None:
            return wall
        server, at_mono, _at_wall = anchor
        # (after the PC slept this lags until the renewal lands, milliseconds later; a
        # changed wall clock never moves it)
        return server + timedelta(seconds=mono - at_mono)

    def _renew_soon(self, mono: float) -> None:
        with self._lock:
            if self._renewing or mono - self._last_try < RETRY_SECONDS:
                return
            self._renewing = True

        def renew() -> None:
            try:
                self.sync()
            finally:
                with self._lock:
                    self._renewing = False

        threading.Thread(target=renew, name="webdesk-clock", daemon=True).start()


def _stale(anchor: tuple[datetime, float, datetime], mono: float, wall: datetime) -> bool:
    _server, at_mono, at_wall = anchor
    elapsed = mono - at_mono
    return elapsed > RESYNC_SECONDS or \
        abs((wall - at_wall).total_seconds() - elapsed) > DRIFT_SECONDS


def server_clock(engine: Engine) -> DatabaseClock:
    """A clock already set from the server (this PC's clock if it cannot be reached now)."""
    clock = DatabaseClock(engine)
    clock.sync()
    return clock
