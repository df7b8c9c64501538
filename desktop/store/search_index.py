"""The index behind the queue's text search, for Thai too (no spaces between words).

Searching "ประชาสัมพันธ์" must find it inside a longer title, among 100,000 requests, without
reading every row.  Both databases index the text's *character trigrams* (every run of three
characters), which needs no word segmentation:

* SQLite: an FTS5 table with the ``trigram`` tokenizer (SQLite >= 3.34) over the searched
  columns, kept in step with ``requests`` by triggers (external content: no second copy).
* PostgreSQL: a GIN index over ``webdesk_request_grams(...)``, an immutable SQL function giving
  the distinct lower-cased trigrams of the searched columns.  (pg_trgm is not used: it keeps
  only "word" characters, and in a C-locale database that drops every Thai letter.)

The index only *narrows* the rows: the exact test stays the caller's case-insensitive
``LIKE`` (``requests_repo.filtered``), so results are the same with or without it.  Text
shorter than three characters has no trigram and is searched without the index.

These objects are derived data, not in ``models.py`` (migration 0006 makes them):
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
    searched columns contain ``words`` (case-insensitively); None when the text is too short
    for the index (the caller's exact test then reads the rows)."""
    if len(words) < MIN_INDEXED_LENGTH:
        return None
    if dialect == "sqlite":
        phrase = '"' + words.replace('"', '""') + '"'
        match = text(f"{SQLITE_TABLE} MATCH :search_phrase").bindparams(search_phrase=phrase)
        matching: Select[tuple[int]] = select(literal_column("rowid")).select_from(
            text(SQLITE_TABLE)).where(match)
        return RequestRow.id.in_(matching)
    if dialect == "postgresql":
        grams = getattr(func, PG_FUNCTION)(*(getattr(RequestRow, name) for name in SEARCHED))
        wanted = getattr(func, PG_TEXT_FUNCTION)(cast(literal(words), Text))
        return grams.op("@>")(wanted)
    return None


def rebuild(session: Session) -> None:
    """Fill the index again from the rows (after a bulk load on SQLite; PostgreSQL's index
    follows by itself)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')"))


def drop_search_index(connection: Connection) -> None:
    """Drop the SQLite FTS table (with its shadow tables) once ``requests`` is gone, so that a
    schema can be built again from nothing (a restore)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TABLE IF EXISTS {SQLITE_TABLE}"))
