"""Engine and session setup: SQLite by default (WAL, foreign keys, busy timeout), or PostgreSQL.

Sessions are opened by the services: ``with db.write() as session`` for a transaction that
changes things (SQLite: ``BEGIN IMMEDIATE``, so concurrent writers queue instead of failing
half-way), ``with db.read() as session`` for queries.  One session per thread.
"""

from __future__ import annotations

import re
import select
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    InvalidatePoolError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.paths import restrict_sqlite_files
from desktop.store.early_read import pg_connection_guards

SQLITE_BUSY_TIMEOUT_MS = 10_000
SNAPSHOT = "webdesk_snapshot"     # execution option of Database.snapshot() connections

class DatabaseMessage(MessageCode):
    DATABASE_URL_INVALID = (
        "database_url_invalid",
        "ที่อยู่ฐานข้อมูลไม่ถูกต้องหรือไม่รองรับ: {url} (ใช้ sqlite:///ไฟล์ "
        "หรือ postgresql+psycopg://ผู้ใช้@เครื่อง/ฐานข้อมูล)",
        "The database URL is not valid or not supported: {url} (use sqlite:///FILE or "
        "postgresql+psycopg://USER@HOST/DATABASE)",
    )
    DATABASE_DISK_ERROR = (
        "database_disk_error",
        "อ่านหรือเขียนฐานข้อมูลไม่ได้ ดิสก์อาจเต็มหรือเสีย ({detail})",
        "The database could not be read or written: the disk may be full or failing "
        "({detail}).",
    )
    DATABASE_READ_ONLY = (
        "database_read_only",
        "ฐานข้อมูลนี้เขียนไม่ได้ (ไฟล์หรือดิสก์เป็นแบบอ่านอย่างเดียว หรือไม่มีสิทธิ์เขียน)",
        "The database cannot be written (a read-only file or disk, or no permission).",
    )



def shown_url(url: str) -> str:
    """A database URL to show: any password replaced by ***."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)[:300]


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _install_sqlite_pragmas(engine: Engine, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        _make_files_private(dbapi_connection)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(SNAPSHOT):
            return        # one statement: SQLite reads it in a transaction of its own
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _make_files_private(connection: sqlite3.Connection) -> None:
    """0600 for the database file (before its WAL and shared-memory files exist: SQLite gives
    them the database file's mode) and for companions left with looser modes."""
    for _number, name, file in connection.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            restrict_sqlite_files(Path(file))


def _server_hung_up(dbapi_connection: Any) -> bool:
    """Whether the server has ended this idle connection (a restart, an admin's terminate):
    it then sent its goodbye and closed the socket, which reads as ready.  An idle pooled
    connection is otherwise never ready (pool connections do not LISTEN).  No round trip."""
    if getattr(dbapi_connection, "closed", False) or getattr(dbapi_connection, "broken", False):
        return True
    try:
        ready, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(ready)


def _install_hang_up_check(engine: Engine) -> None:
    """Instead of a ``SELECT 1`` round trip before every use (``pool_pre_ping``): a look at the
    socket.  A connection the server hung up on is replaced, and with it every older pooled
    connection (the server has probably restarted), before any work is sent on it."""
    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if _server_hung_up(dbapi_connection):
            raise InvalidatePoolError("the database server closed the connection")


def make_engine(url: str, *, immediate: bool = False, echo: bool = False) -> Engine:
    try:
        if _is_sqlite(url):
            engine = create_engine(url, echo=echo, connect_args={"timeout": 10})
            _install_sqlite_pragmas(engine, immediate)
            return engine
        engine = create_engine(url, echo=echo, connect_args=pg_connection_guards(url))
        _install_hang_up_check(engine)
        return engine
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:   # not a URL, no driver
        raise UserError(DatabaseMessage.DATABASE_URL_INVALID, url=shown_url(url)) from exc


class Database:
    """The two doors to the database: ``read()`` and ``write()``."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = _is_sqlite(url)
        self.engine = make_engine(url, echo=echo)
        self.write_engine = make_engine(url, immediate=True, echo=echo) if self.is_sqlite \
            else self.engine
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self.on_audit_commit: Callable[[tuple[int, str]], None] | None = None
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_db_errors(), self._read() as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A Core connection for reads of single statements, each a consistent snapshot by
        itself: no transaction is begun around them (no BEGIN/ROLLBACK: on PostgreSQL one
        round trip a statement instead of three).  Statements that must see the same state
        together need ``read()``."""
        with translate_db_errors(), self.engine.connect() as connection:
            if self.is_sqlite:
                yield connection.execution_options(**{SNAPSHOT: True})
            else:
                yield connection.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def sqlite_cursor(self) -> Iterator[sqlite3.Cursor]:
        """SQLite only: a DB-API cursor on a pooled connection, outside any transaction (each
        statement its own snapshot), for a hot read of a statement compiled once: for a
        request's detail, SQLAlchemy's per-execution work (events, execution context, result
        set-up; ~120-150 us here) is three times what SQLite itself takes.  Failures become
        SQLAlchemy's errors and then the users' messages, as for any read."""
        if not self.is_sqlite:
            raise RuntimeError("sqlite_cursor() is for a SQLite database")
        with translate_db_errors():
            pooled = self.engine.raw_connection()
            try:
                cursor = pooled.driver_connection.cursor()  # type: ignore[union-attr]
                try:
                    yield cursor
                except sqlite3.Error as exc:
                    raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
                finally:
                    cursor.close()
            finally:
                pooled.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction: everything in it commits together or not at all.  After a commit
        that appended to the audit log, ``on_audit_commit((id, hash))`` hears the new chain
        head (the workstation's witness)."""
        with translate_db_errors():
            with self._write.begin() as session:
                yield session
                head = session.info.get("audit_head")
            if head is not None and self.on_audit_commit is not None:
                self.on_audit_commit(head)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()


@contextmanager
def translate_db_errors() -> Iterator[None]:
    """Turn the environment's database failures into messages a user can act on."""
    try:
        yield
    except DatabaseError as exc:      # operational, or SQLite's plain "file is not a database"
        if not isinstance(exc, OperationalError) and type(exc) is not DatabaseError:
            raise                      # an integrity or data error is the caller's to handle
        text = str(exc.orig if exc.orig is not None else exc).lower()
        if "locked" in text or "busy" in text:
            raise UserError("database_locked") from exc
        if "not a database" in text or "malformed" in text:
            raise UserError("database_corrupt", location="") from exc
        if "disk i/o error" in text or "disk is full" in text:
            raise UserError(DatabaseMessage.DATABASE_DISK_ERROR, detail=text[:200]) from exc
        if "readonly database" in text or "read-only" in text:
            raise UserError(DatabaseMessage.DATABASE_READ_ONLY) from exc
        if "unable to open" in text or "connection" in text or "could not" in text:
            raise UserError("database_unreachable", detail=str(exc.orig or exc)[:200]) from exc
        raise
