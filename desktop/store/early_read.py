"""Reading the profile's database over plain DB-API (``sqlite3``, ``psycopg``), before the
database layer is loaded.

The app paints the sign-in screen, and then the first page of the queue, before SQLAlchemy is
imported (its import and the mapping of the tables take about 0.24 s, more than twice a whole
bare ``sqlite3`` process: docs/architecture.md, "How fast it starts").  These are the reads
that start needs, and nothing else: the schema's revision, whether anyone is registered, one
person's sign-in row, the queue's first page in its default order and its counts.

Nothing here writes, and nothing here imports SQLAlchemy (a test checks it).  A caller takes
the ordinary path through the database layer whenever a read here cannot answer (the file is
missing, the schema is not the newest, anything unexpected): :class:`EarlyReadError`.
The SQL mirrors desktop/store/requests_repo.py's page and counts; tests compare the two.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r'^(revision|down_revision)\s*=\s*(None|"([^"]*)")\s*$', re.M)
BUSY_TIMEOUT_S = 5.0
T = TypeVar("T")


class EarlyReadError(Exception):
    """The early read cannot answer: take the path through the database layer."""


def listed_head() -> str | None:
    """The newest revision as the files' own ``revision``/``down_revision`` lines say (without
    Alembic); None unless they form one plain chain."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        found = dict((key, quoted) for key, _value, quoted in
                     _REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found or "down_revision" not in found:
            return None
        revisions[found["revision"]] = found["down_revision"] or None
    heads = set(revisions) - set(revisions.values())
    chain_ok = sum(1 for down in revisions.values() if down is None) == 1
    return next(iter(heads)) if len(heads) == 1 and chain_ok else None


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///FILE`` URL; None for anything else (memory, a server, a URL
    with options)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    name = url[len(prefix):]
    return Path(name) if name and name != ":memory:" else None


# libpq: a server that vanishes without closing the connection (a pulled cable, a VPN that
# drops) is given up on instead of waited for forever: keepalive probes after 10 s of
# silence (3, 5 s apart) end a wait for a reply; data unacknowledged for 30 s ends a send
# (Linux would retry for about 15 minutes); a connect gives up after 10 s.  A URL's own
# values win.  (store/database.py gives them to SQLAlchemy's connections.)
PG_CONNECTION_GUARDS: dict[str, int] = {
    "connect_timeout": 10, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
    "keepalives_count": 3, "tcp_user_timeout": 30_000}
_PG_PREFIXES = ("postgresql+psycopg://", "postgresql://")


def postgres_conninfo(url: str) -> tuple[str, dict[str, int]] | None:
    """libpq's URI for a ``postgresql+psycopg://`` URL (the same user, password, host, port,
    database and options, percent-escapes and all) and the guards it does not set itself; None
    for anything else."""
    for prefix in _PG_PREFIXES:
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):], pg_connection_guards(url)
    return None


def pg_connection_guards(url: str) -> dict[str, int]:
    """PG_CONNECTION_GUARDS but for those the URL sets itself (``?connect_timeout=30``)."""
    from urllib.parse import parse_qs, urlsplit

    own = set(parse_qs(urlsplit(url).query, keep_blank_values=True))
    return {key: value for key, value in PG_CONNECTION_GUARDS.items() if key not in own}


class EarlyDb:
    """A plain DB-API connection for the early reads: SQLite's ``?`` placeholders, turned into
    ``%s`` for psycopg.  Autocommit: no read transaction is left open between reads (on
    SQLite it would hold back WAL checkpoints)."""

    def __init__(self, connection: Any, errors: tuple[type[Exception], ...], *,
                 postgres: bool) -> None:
        self.connection = connection
        self.errors = errors
        self.postgres = postgres

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.postgres:
            sql = sql.replace("?", "%s")
        try:
            return list(self.connection.execute(sql, tuple(args)).fetchall())
        except self.errors as exc:   # no such table, not a database, locked too long, ...
            raise EarlyReadError(str(exc)) from exc

    def close(self) -> None:
        with contextlib.suppress(*self.errors):
            self.connection.close()


def connect(url: str) -> EarlyDb:
    """A reading connection to the profile's database: an existing SQLite file (never makes
    one) or a PostgreSQL server (libpq's guards); EarlyReadError for anything else."""
    path = sqlite_file(url)
    if path is not None:
        if not path.is_file():
            raise EarlyReadError(f"no database file {path}")
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise EarlyReadError(str(exc)) from exc
        return EarlyDb(connection, (sqlite3.Error,), postgres=False)
    conninfo = postgres_conninfo(url)
    if conninfo is None:
        raise EarlyReadError("neither a SQLite file nor a PostgreSQL server")
    try:
        import psycopg
    except ImportError as exc:
        raise EarlyReadError(str(exc)) from exc
    uri, guards = conninfo
    try:
        pg = psycopg.connect(uri, autocommit=True, **guards)   # type: ignore[arg-type]
    except (psycopg.Error, ValueError) as exc:     # (a URI libpq cannot read: ValueError)
        raise EarlyReadError(str(exc)) from exc
    return EarlyDb(pg, (psycopg.Error,), postgres=True)


def server_now(db: EarlyDb) -> datetime | None:
    """The server's clock in this PC's time zone (naive), as store/db_clock.py reads it; None
    on SQLite (this PC's clock is the clock there)."""
    if not db.postgres:
        return None
    value = db.rows("SELECT clock_timestamp()")[0][0]
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def stored_revision(db: EarlyDb) -> str | None:
    found = db.rows("SELECT version_num FROM alembic_version")
    return str(found[0][0]) if len(found) == 1 else None


def user_count(db: EarlyDb) -> int:
    return int(db.rows("SELECT count(*) FROM users")[0][0])


class SignInRow(NamedTuple):
    id: int
    username: str
    full_name: str
    position: str
    password_hash: str
    roles: str
    active: bool
    failed_count: int
    locked_until: datetime | None


def sign_in_row(db: EarlyDb, username: str) -> SignInRow | None:
    found = db.rows("SELECT id, username, full_name, position, password_hash, roles, "
                    "active, failed_count, locked_until FROM users WHERE username = ?",
                    (username.strip(),))
    if not found:
        return None
    (id_, name, full_name, position, password_hash, roles, active, failed,
     locked_until) = found[0]
    return SignInRow(int(id_), str(name), str(full_name or ""), str(position or ""),
                     str(password_hash), str(roles or ""), bool(active), int(failed or 0),
                     _datetime(locked_until))


class QueueRow(NamedTuple):
    """What a row of the queue shows (not the whole request: a page stays cheap).  Here, not
    in requests_repo, so that the early read makes the same rows without SQLAlchemy."""

    id: int
    reference: str
    title: str
    category: str
    state: str
    requester_unit: str
    received_at: datetime | None
    expiry_date: date | None
    updated_at: datetime
    attachment_count: int


_PAGE = ("SELECT r.id, r.reference, r.title, r.category, r.state, r.requester_unit, "
         "r.received_at, r.expiry_date, r.updated_at, (SELECT count(a.id) FROM attachments a "
         "WHERE a.request_id = r.id AND a.superseded_at IS NULL) FROM requests r")


def _in_states(states: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    if not states:
        return "", ()
    return f" WHERE r.state IN ({', '.join('?' * len(states))})", tuple(states)


def newest_page(db: EarlyDb, states: Sequence[str], limit: int) -> list[QueueRow]:
    """The first ``limit`` requests (in ``states``; any when empty), newest change first (the
    queue's default order: requests_repo.SORTS["updated"], descending, ties by id)."""
    where, args = _in_states(states)
    rows = db.rows(f"{_PAGE}{where} ORDER BY r.updated_at DESC, r.id DESC LIMIT ?",
                   (*args, max(1, limit)))
    return [QueueRow(int(i), str(ref), str(title or ""), str(cat or ""), str(state),
                     str(unit or ""), _datetime(received), _date(expiry),
                     _datetime(updated) or datetime.min, int(files))
            for i, ref, title, cat, state, unit, received, expiry, updated, files in rows]


def count(db: EarlyDb, states: Sequence[str]) -> int:
    where, args = _in_states(states)
    return int(db.rows(f"SELECT count(*) FROM requests r{where}", args)[0][0])


def due_count(db: EarlyDb, day: date) -> int:
    """Published items whose takedown (expiry) date is on or before ``day``."""
    return int(db.rows("SELECT count(*) FROM requests WHERE state = 'published' AND "
                       "expiry_date IS NOT NULL AND expiry_date <= ?",
                       (day if db.postgres else day.isoformat(),))[0][0])


def stored_texts(db: EarlyDb, keys: Sequence[str]) -> dict[str, str]:
    """These settings as stored (JSON text), as settings_rows.stored_texts."""
    found = db.rows(f"SELECT key, value FROM settings WHERE key IN "
                    f"({', '.join('?' * len(keys))})", tuple(keys))
    return {str(key): str(value) for key, value in found}


def _datetime(value: object) -> datetime | None:
    """A DATETIME: psycopg's, or as SQLAlchemy stores it in SQLite ("2026-12-04 21:44:44.1")."""
    if isinstance(value, datetime):
        return value
    return _parsed(value, datetime.fromisoformat)


def _date(value: object) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return _parsed(value, date.fromisoformat)


def _parsed(value: object, parse: Callable[[str], T]) -> T | None:
    if value is None:
        return None
    try:
        return parse(str(value))
    except ValueError as exc:
        raise EarlyReadError(f"not a {parse.__qualname__.split('.')[0]}: {value!r}") from exc
