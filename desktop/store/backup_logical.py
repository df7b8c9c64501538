"""A logical copy of every table through SQLAlchemy: JSON lines, any back end to any back end.

Used for PostgreSQL when ``pg_dump`` is missing or does not fit the server, and to load a
backup into a database of the other kind (a SQLite profile into a shared PostgreSQL).
The tables are whatever the database holds (reflected), so new migrations need nothing here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Connection, Integer, MetaData, Table, func, select, text

from desktop.store.search_index import drop_search_index, is_model_object

HEADER_KEY = "$table"
SKIPPED_TABLES = frozenset({"alembic_version"})
BATCH_BYTES = 16 * 1024 * 1024
BATCH_ROWS = 500


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if key == "$b":
            return base64.b64decode(inner)
        if key == "$dt":
            return datetime.fromisoformat(inner)
        if key == "$d":
            return date.fromisoformat(inner)
    return value


def reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(connection, only=lambda name, _metadata: is_model_object(name))
    return metadata


def data_tables(metadata: MetaData) -> list[Table]:
    """The tables in foreign-key order (parents first), without Alembic's own."""
    return [t for t in metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def table_counts(connection: Connection) -> dict[str, int]:
    return {table.name: int(connection.execute(select(func.count()).select_from(table))
                            .scalar_one())
            for table in data_tables(reflect(connection))}


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(stream_results=True, yield_per=200).execute(
        select(table).order_by(*order))
    for row in result.mappings():
        yield dict(row)


def iter_database(connection: Connection) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Every table's rows, table by table in foreign-key order."""
    for table in data_tables(reflect(connection)):
        yield table.name, _rows(connection, table)


def export_logical(connection: Connection, out: Path) -> dict[str, int]:
    """Write every table to ``out`` as JSON lines; return the row count per table."""
    counts: dict[str, int] = {}
    with out.open("w", encoding="utf-8") as handle:
        for name, rows in iter_database(connection):
            handle.write(json.dumps({HEADER_KEY: name}) + "\n")
            count = 0
            for row in rows:
                handle.write(json.dumps({k: _encode(v) for k, v in row.items()},
                                        ensure_ascii=False) + "\n")
                count += 1
            counts[name] = count
    return counts


class UnknownTable(ValueError):
    """The backup holds a table the schema it is restored into does not have."""

    def __init__(self, name: str) -> None:
        super().__init__(f"the backup has a table this schema lacks: {name}")
        self.name = name


def iter_jsonl(path: Path) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Read back what :func:`export_logical` wrote, table by table; ValueError for anything
    that is not what it writes."""
    with path.open("r", encoding="utf-8") as handle:
        first = handle.readline()
        header: dict[str, Any] | None = json.loads(first) if first else None
        if header is not None and (not isinstance(header, dict) or HEADER_KEY not in header):
            raise ValueError("the first line names no table")
        while header is not None:
            following: list[dict[str, Any]] = []
            table_rows = _table_rows(handle, following)
            yield str(header[HEADER_KEY]), table_rows
            for _ in table_rows:        # whatever the caller left unread
                pass
            header = following[0] if following else None


def _table_rows(handle: TextIO, following: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows up to the next table's header (appended to ``following``) or the end."""
    while line := handle.readline():
        item = json.loads(line)
        if not isinstance(item, dict):
            raise ValueError("a line that is not a row")
        if set(item) == {HEADER_KEY}:
            following.append(item)
            return
        yield {k: _decode(v) for k, v in item.items()}


def drop_everything(connection: Connection) -> None:
    """Drop every table (Alembic's too), so a schema can be built again from nothing."""
    reflect(connection).drop_all(connection)
    drop_search_index(connection)


def load_tables(connection: Connection,
                source: Iterable[tuple[str, Iterator[dict[str, Any]]]]) -> dict[str, int]:
    """Insert the rows of ``source`` into the tables of the same names (which exist, empty)."""
    tables = {t.name: t for t in data_tables(reflect(connection))}
    counts: dict[str, int] = {}
    for name, rows in source:
        table = tables.get(name)
        if table is None:
            raise UnknownTable(name)
        columns = set(table.columns.keys())
        batch: list[dict[str, Any]] = []
        size = 0
        count = 0
        for row in rows:
            batch.append({k: v for k, v in row.items() if k in columns})
            size += sum(len(v) for v in row.values() if isinstance(v, bytes))
            count += 1
            if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
                connection.execute(table.insert(), batch)
                batch, size = [], 0
        if batch:
            connection.execute(table.insert(), batch)
        counts[name] = count
    if connection.dialect.name == "postgresql":
        _reset_sequences(connection, list(tables.values()))
    return counts


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """Rows came with their ids: move each serial sequence past the highest one."""
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        column = keys[0].name
        connection.execute(text(
            f'SELECT setval(pg_get_serial_sequence(:table, :column), '
            f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table.name}"'),
            {"table": table.name, "column": column})
