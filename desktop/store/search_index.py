"""The index behind the queue's text search, for Thai too (no spaces between words).

Searching "ประชาสัมพันธ์" must find it inside a longer title, among 100,000 requests, without
reading every row.  Both databases index the text's *character trigrams* (every run of three
characters), which needs no word segmentation:

* SQLite: a contentless FTS5 table with the ``trigram`` tokenizer over the lower-cased
  searched columns (SQLite's own ``lower()``), kept in step by triggers.  A phrase query is
  then exactly the queue's ``lower(column) LIKE '%text%'``, so no row needs re-checking.
* PostgreSQL: a GIN index over ``webdesk_request_grams(...)``, an immutable SQL function giving
  the distinct lower-cased trigrams of the searched columns; it narrows the rows and the
  caller's ``LIKE`` decides.  (pg_trgm is not used: it keeps only "word" characters, and in a
  C-locale database that drops every Thai letter.)

Text shorter than three characters has no trigram and is searched without the index.  These
objects are derived data, not in ``models.py`` (migration 0006 makes them):
:func:`is_model_object` tells the schema comparison and the logical backup to leave them out
(the triggers refill the FTS table from the rows).
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Text,
    cast,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session

from desktop.store.models import RequestRow

MIN_INDEXED_LENGTH = 3
SQLITE_TABLE = "search_requests"
PG_TEXT_FUNCTION = "webdesk_grams"
PG_FUNCTION = "webdesk_request_grams"
PG_INDEX = "search_requests_grams"
SEARCHED = ("title", "reference", "requester_unit", "requester_name")
_SQLITE_SHADOWS = ("data", "idx", "docsize", "config", "content")


def is_model_object(name: str | None, *_ignored: object) -> bool:
    """False for the search index's own tables and indexes (not described by the models)."""
    if not name:
        return True
    return not (name in (SQLITE_TABLE, PG_INDEX)
                or any(name == f"{SQLITE_TABLE}_{suffix}" for suffix in _SQLITE_SHADOWS))


def narrowing(dialect: str, words: str) -> ColumnElement[bool] | None:
    """A condition on ``requests`` that the index answers and that holds for every row whose
    searched columns contain ``words`` (case-insensitively) — on SQLite for exactly those
    (:func:`is_exact`); None when the text is too short for the index."""
    if len(words) < MIN_INDEXED_LENGTH:
        return None
    if dialect == "sqlite":
        return RequestRow.id.in_(_sqlite_matching(words))
    if dialect == "postgresql":
        grams = getattr(func, PG_FUNCTION)(*(getattr(RequestRow, name) for name in SEARCHED))
        wanted = getattr(func, PG_TEXT_FUNCTION)(cast(literal(words), Text))
        return grams.op("@>")(wanted)
    return None


def is_exact(dialect: str) -> bool:
    """True when :func:`narrowing` finds exactly the matching rows (no re-check needed)."""
    return dialect == "sqlite"


def _sqlite_matching(words: str) -> Select[tuple[int]]:
    # The phrase is lower-cased by SQLite's lower(), like the indexed text, then quoted.
    match = text(f"{SQLITE_TABLE} MATCH "
                 """'"' || replace(lower(:search_words), '"', '""') || '"'""")
    match = match.bindparams(search_words=words)
    return select(literal_column("rowid")).select_from(text(SQLITE_TABLE)).where(match)


def sqlite_matches(session: Session | Connection, words: str) -> int:
    """How many requests contain ``words`` (SQLite, three characters or more): the index
    alone answers, whatever the other filters."""
    return int(session.execute(select(func.count()).select_from(
        _sqlite_matching(words).subquery())).scalar_one())


def drop_search_index(connection: Connection) -> None:
    """Drop the SQLite FTS table (with its shadow tables) once ``requests`` is gone, so that a
    schema can be built again from nothing (a restore)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {SQLITE_TABLE}"))


def pause_indexing(session: Session) -> str | None:
    """SQLite, inside a write transaction, before a bulk load: drop the FTS insert trigger and
    return its SQL for :func:`resume_indexing` (None when there is none)."""
    name = f"{SQLITE_TABLE}_insert"
    sql = session.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND name = :name"), {"name": name}).scalar()
    if sql is not None:
        session.execute(text(f"DROP TRIGGER {name}"))
    return None if sql is None else str(sql)


def resume_indexing(session: Session, trigger_sql: str | None, first_id: int) -> None:
    """Index the rows from ``first_id`` on in one statement, then put the trigger back."""
    if trigger_sql is None:
        return
    columns = ", ".join(SEARCHED)
    lowered = ", ".join(f"lower({name})" for name in SEARCHED)
    session.execute(text(f"INSERT INTO {SQLITE_TABLE}(rowid, {columns}) "
                         f"SELECT id, {lowered} FROM requests WHERE id >= :first"),
                    {"first": first_id})
    session.execute(text(trigger_sql))
