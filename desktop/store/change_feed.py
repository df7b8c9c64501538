"""What other PCs (and other windows) changed, as it happens: a thread that hears every
committed change and reports the new audit rows.

Every state change appends to the audit log in its own transaction, so the audit row ids are
the store's change counter, bumped in the same transaction as the change.  How a change is
heard:

* PostgreSQL: a dedicated connection (autocommit) runs ``LISTEN webdesk_changes``; migration
  0006's triggers ``NOTIFY`` after every statement appending to the audit log or taking or
  freeing a publish lock (delivered at commit, never for a rolled-back change).  When the
  connection drops (a restart, a network cut) the feed reconnects by itself, backing off,
  and catches up from the last audit id it reported, so nothing is missed.
* SQLite: ``PRAGMA data_version`` on a dedicated connection changes whenever another
  connection commits; the feed polls it (a read of shared memory) a few times a second.

Callbacks run on the feed's thread (the UI hands them to its own thread); an exception in a
callback is logged and the feed goes on.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from desktop.store.early_read import pg_connection_guards

CHANNEL = "webdesk_changes"
LOCK_TABLE = "publish_locks"
APPLICATION_NAME = "webdesk-change-feed"
BATCH = 500
_log = logging.getLogger("webdesk.change_feed")


@dataclass(frozen=True)
class Change:
    """One committed change: an audit row, or (``audit_id`` None, action "lock") a publish
    lock taken or freed."""

    audit_id: int | None
    action: str
    request_id: int | None
    actor_name: str = ""
    workstation: str = ""


Changes = Callable[[list[Change]], None]
Status = Callable[[bool], None]

_AUDIT_SQL = ("SELECT id, action, request_id, actor_name, workstation FROM audit_log "
              "WHERE id > {p} ORDER BY id LIMIT {p}")
_HEAD_SQL = "SELECT last_id FROM audit_head WHERE id = 1"
_LOCKS_SQL = f"SELECT count(*), max(acquired_at) FROM {LOCK_TABLE}"


class ChangeFeed:
    """``start()`` it once; ``stop()`` ends the thread.  ``on_changes`` gets each batch of
    changes committed after the feed first connected (``on_status(True)``; until then the
    thread is still connecting, and what commits meanwhile is not reported), in order;
    ``on_status(connected)`` hears when the feed loses and regains the database."""

    def __init__(self, url: str, on_changes: Changes, *, on_status: Status | None = None,
                 poll_seconds: float = 0.25, check_seconds: float = 5.0,
                 retry_seconds: Sequence[float] = (0.2, 0.5, 1.0, 2.0, 5.0)) -> None:
        self.url = url
        self.on_changes = on_changes
        self.on_status = on_status
        self.poll_seconds = poll_seconds
        self.check_seconds = check_seconds
        self.retry_seconds = tuple(retry_seconds)
        self.last_seen: int | None = None     # the last audit id reported (None: not yet)
        self.connected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._locks: tuple[Any, ...] | None = None

    # ----- life -----
    def start(self) -> ChangeFeed:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="webdesk-change-feed",
                                            daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        postgres = make_url(self.url).get_backend_name() == "postgresql"
        failures = 0
        while not self._stop.is_set():
            try:
                if postgres:
                    self._listen()
                else:
                    self._poll()
                failures = 0
            except Exception as error:  # noqa: BLE001 - the feed must outlive any failure
                if not _environmental(error):
                    _log.exception("change feed: unexpected failure")
                self._set_connected(False)
                delay = self.retry_seconds[min(failures, len(self.retry_seconds) - 1)]
                failures += 1
                self._stop.wait(delay)
        self._set_connected(False)

    def _set_connected(self, value: bool) -> None:
        if value != self.connected:
            self.connected = value
            if self.on_status is not None:
                _guarded(self.on_status, value)

    # ----- what changed -----
    def _catch_up(self, query: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]],
                  marker: str) -> None:
        """Report the audit rows after ``last_seen`` (from the head at the first call)."""
        if self.last_seen is None:
            rows = query(_HEAD_SQL, ())
            self.last_seen = int(rows[0][0]) if rows else 0
            return
        while True:
            rows = query(_AUDIT_SQL.format(p=marker), (self.last_seen, BATCH))
            if not rows:
                return
            changes = [Change(int(r[0]), str(r[1]), None if r[2] is None else int(r[2]),
                              str(r[3] or ""), str(r[4] or "")) for r in rows]
            self.last_seen = changes[-1].audit_id
            _guarded(self.on_changes, changes)
            if len(rows) < BATCH:
                return

    def _locks_changed(self, query: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
                       ) -> bool:
        seen = tuple(query(_LOCKS_SQL, ())[0])
        changed = self._locks is not None and seen != self._locks
        self._locks = seen
        return changed

    def _report_lock(self) -> None:
        _guarded(self.on_changes, [Change(None, "lock", None)])

    # ----- SQLite -----
    def _poll(self) -> None:
        path = Path(make_url(self.url).database or "").resolve()
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=10,
                                     isolation_level=None, check_same_thread=False)
        try:
            def query(sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
                return connection.execute(sql, args).fetchall()

            version = None
            while not self._stop.is_set():
                current = connection.execute("PRAGMA data_version").fetchone()[0]
                if current != version:
                    version = current
                    self._catch_up(query, "?")
                    if self._locks_changed(query):
                        self._report_lock()
                    self._set_connected(True)
                self._stop.wait(self.poll_seconds)
        finally:
            connection.close()

    # ----- PostgreSQL -----
    def _listen(self) -> None:
        import psycopg

        with psycopg.connect(_conninfo(self.url), autocommit=True,
                             **listen_options(self.url)) as connection:
            def query(sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
                return connection.execute(sql.encode(), args).fetchall()  # type: ignore[arg-type]

            connection.execute(f"LISTEN {CHANNEL}".encode())
            self._catch_up(query, "%s")            # whatever happened while away
            self._locks_changed(query)
            self._set_connected(True)
            checked = time.monotonic()
            while not self._stop.is_set():
                heard = {n.payload for n in connection.notifies(timeout=self.poll_seconds,
                                                                  stop_after=1)}
                if heard:   # take whatever else is already queued, then read once
                    heard |= {n.payload for n in connection.notifies(timeout=0.0)}
                if heard - {LOCK_TABLE} or time.monotonic() - checked > self.check_seconds:
                    self._catch_up(query, "%s")    # also proves the connection is alive
                    checked = time.monotonic()
                if LOCK_TABLE in heard:
                    self._locks_changed(query)
                    self._report_lock()


def listen_options(url: str) -> dict[str, Any]:
    """libpq options of the listening connection: the app's guards against a vanished
    server (what the URL sets itself is in its conninfo and wins), a shorter connect."""
    options: dict[str, Any] = {"application_name": APPLICATION_NAME,
                               **pg_connection_guards(url)}
    if "connect_timeout" in options:
        options["connect_timeout"] = 5
    return options


def notification_round_trip(url: str, timeout: float = 10.0) -> bool:
    """PostgreSQL: does a NOTIFY come back to a listener on this server (a connection pooler
    in transaction mode, for one, would swallow it)?"""
    import uuid

    import psycopg

    channel, payload = "webdesk_ping", uuid.uuid4().hex
    try:
        with psycopg.connect(_conninfo(url), autocommit=True,
                             connect_timeout=int(timeout)) as connection:
            connection.execute(f"LISTEN {channel}".encode())
            connection.execute(b"SELECT pg_notify(%s, %s)", (channel, payload))
            return any(n.payload == payload
                       for n in connection.notifies(timeout=timeout, stop_after=1))
    except psycopg.Error:
        return False


def _conninfo(url: str) -> str:
    """A libpq URI from a SQLAlchemy URL (postgresql+psycopg://...)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _guarded(callback: Callable[[Any], object], value: Any) -> None:
    try:
        callback(value)
    except Exception:  # noqa: BLE001 - a listener's bug must not stop the feed
        _log.exception("change feed: a listener failed")


def _environmental(error: Exception) -> bool:
    """A failure of the database or the network (expected now and then), not a bug."""
    if isinstance(error, sqlite3.Error | OSError):
        return True
    with contextlib.suppress(ImportError):
        import psycopg

        return isinstance(error, psycopg.OperationalError | psycopg.InterfaceError)
    return False
