"""A request's detail — its fields, its current files, its history and who checked or edited
it — read in ONE statement: the files, the history rows and the actors come back as JSON
arrays beside the request's columns.  One statement is one snapshot (no transaction needed
for it to be consistent) and one round trip to a PostgreSQL server instead of five; no ORM
object is built (the detail pane only reads)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Integer, Select, Text, bindparam, cast, func, select
from sqlalchemy.engine import Dialect

from desktop.domain.errors import NotFound
from desktop.domain.request import AttachmentInfo, PublicationRequest
from desktop.domain.workflow import Actors
from desktop.store.audit import AuditEntry
from desktop.store.database import Database
from desktop.store.mapping import request_of
from desktop.store.models import (
    AttachmentRow,
    AuditRow,
    RequestCheckerRow,
    RequestEditorRow,
    RequestRow,
)

_FILE_FIELDS = ("id", "position", "display_name", "web_name", "media_type", "kind", "size",
                "sha256", "caption", "alt_text", "web_copy_sha256", "web_copy_size")
_HISTORY_FIELDS = ("id", "at", "actor_id", "actor_name", "workstation", "action", "request_id",
                   "details", "hash")


@dataclass(frozen=True)
class DetailRows:
    """What the detail pane shows of a request, as domain values."""

    request: PublicationRequest
    actors: Actors
    history: tuple[AuditEntry, ...]
    created_at: datetime
    updated_at: datetime


def _statement(dialect: str) -> Select[Any]:
    requests, files = RequestRow.__table__, AttachmentRow.__table__
    audit = AuditRow.__table__
    if dialect == "postgresql":
        def array(*columns: Any) -> Any:
            return func.json_build_array(*columns)

        def aggregate(value: Any) -> Any:     # as text: json.loads reads both dialects alike
            return cast(func.coalesce(func.json_agg(value), func.json_build_array()), Text)
    else:
        array = func.json_array

        def aggregate(value: Any) -> Any:
            return func.json_group_array(value)

    wanted: Any = bindparam("request_id", type_=Integer)
    file_list = (select(aggregate(array(*(files.c[name] for name in _FILE_FIELDS))))
                 .where(files.c.request_id == requests.c.id, files.c.superseded_at.is_(None))
                 .scalar_subquery())
    history = (select(aggregate(array(*(audit.c[name] for name in _HISTORY_FIELDS))))
               .where(audit.c.request_id == requests.c.id).scalar_subquery())
    checkers = (select(aggregate(RequestCheckerRow.user_id))
                .where(RequestCheckerRow.request_id == requests.c.id).scalar_subquery())
    editors = (select(aggregate(RequestEditorRow.user_id))
               .where(RequestEditorRow.request_id == requests.c.id).scalar_subquery())
    return select(requests, file_list.label("detail_files"), history.label("detail_history"),
                  checkers.label("detail_checkers"), editors.label("detail_editors")) \
        .where(requests.c.id == wanted)


_STATEMENTS: dict[str, Select[Any]] = {}     # built once per dialect (its compiled form cached)


class _SqliteLane:
    """The statement compiled once for SQLite, run on a DB-API cursor; the request's date
    and time columns (stored as text) read as SQLAlchemy reads them."""

    def __init__(self, dialect: Dialect) -> None:
        compiled = _statement("sqlite").compile(dialect=dialect)
        self.sql = str(compiled)
        self.order = tuple(compiled.positiontup or ())
        self.names = tuple(column.key for column in RequestRow.__table__.columns) + (
            "detail_files", "detail_history", "detail_checkers", "detail_editors")
        self.readers: dict[int, Callable[[str], Any]] = {}
        for index, column in enumerate(RequestRow.__table__.columns):
            if isinstance(column.type, DateTime):
                self.readers[index] = datetime.fromisoformat
            elif isinstance(column.type, Date):
                self.readers[index] = date.fromisoformat

    def read(self, db: Database, request_id: int) -> dict[str, Any] | None:
        params = {"request_id": request_id}
        with db.sqlite_cursor() as cursor:
            row = cursor.execute(self.sql, tuple(params[name] for name in self.order)
                                 ).fetchone()
        if row is None:
            return None
        values = list(row)
        for index, reader in self.readers.items():
            if values[index] is not None:
                values[index] = reader(values[index])
        return dict(zip(self.names, values, strict=True))


_SQLITE: list[_SqliteLane] = []


def _core_read(db: Database, request_id: int) -> Mapping[str, Any] | None:
    with db.snapshot() as connection:
        dialect = connection.dialect.name
        statement = _STATEMENTS.get(dialect)
        if statement is None:
            statement = _STATEMENTS.setdefault(dialect, _statement(dialect))
        row = connection.execute(statement, {"request_id": request_id}).first()
    if row is None:
        return None
    values: Mapping[str, Any] = row._mapping    # type: ignore[assignment]  # keys: str here
    return values


def _datetime(value: str) -> datetime:
    """A timestamp as the JSON functions write it: SQLite's stored text or PostgreSQL's
    ISO form (both without a zone, as the columns are)."""
    return datetime.fromisoformat(value)


def _file(values: list[Any]) -> AttachmentInfo:
    (_id, position, display_name, web_name, media_type, kind, size, sha256, caption, alt_text,
     web_sha256, web_size) = values
    return AttachmentInfo(display_name=display_name, web_name=web_name, media_type=media_type,
                          kind=kind, size=size, sha256=sha256, position=position,
                          caption=caption, alt_text=alt_text,
                          published_sha256=web_sha256 or sha256, published_size=web_size or size)


def _entry(values: list[Any]) -> AuditEntry:
    row_id, at, actor_id, actor_name, workstation, action, request_id, details, hash_ = values
    return AuditEntry(row_id, _datetime(at), actor_id, actor_name, workstation, action,
                      request_id, json.loads(details or "{}"), hash_)


def _ids(text: str | None) -> frozenset[int]:
    return frozenset(int(v) for v in json.loads(text or "[]") if v is not None)


def read_detail(db: Database, request_id: int) -> DetailRows:
    """The request ``request_id`` with its current files (by position), its history (oldest
    first) and its checkers and editors; NotFound when there is no such request."""
    values: Mapping[str, Any] | None
    if db.is_sqlite:
        if not _SQLITE:
            _SQLITE.append(_SqliteLane(db.engine.dialect))
        values = _SQLITE[0].read(db, request_id)
    else:
        values = _core_read(db, request_id)
    if values is None:
        raise NotFound("request_not_found", request_id=request_id)
    files = sorted((v for v in json.loads(values["detail_files"] or "[]") if v is not None),
                   key=lambda v: (v[1], v[0]))
    history = sorted((v for v in json.loads(values["detail_history"] or "[]") if v is not None),
                     key=lambda v: v[0])
    return DetailRows(
        request=request_of(values, tuple(_file(v) for v in files)),
        actors=Actors(registered_by=values["created_by"],
                      checked_by=_ids(values["detail_checkers"]),
                      edited_by=_ids(values["detail_editors"])),
        history=tuple(_entry(v) for v in history),
        created_at=values["created_at"], updated_at=values["updated_at"])
