"""Fixtures for the hostile-input tests: a profile on SQLite or PostgreSQL with a webmaster and
one draft request, and a count of the bytes this thread reads (``/proc/thread-self/io``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.store.models import AttachmentRow, BlobRow


@dataclass(frozen=True)
class Desk:
    ctx: AppContext
    webmaster: User
    request_id: int

    def stored_files(self) -> tuple[int, int]:
        """(attachment rows, blobs) in the database: a refusal must leave both unchanged."""
        with self.ctx.db.read() as session:
            attachments = session.scalar(select(func.count()).select_from(AttachmentRow))
            blobs = session.scalar(select(func.count()).select_from(BlobRow))
        return int(attachments or 0), int(blobs or 0)


@pytest.fixture
def desk(home: Path, database_url: str) -> Iterator[Desk]:
    """A fresh profile for one test, on SQLite and on PostgreSQL."""
    yield from _open_desk(home, database_url)


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_desk(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """One profile shared by the tests of a module (each on SQLite and on PostgreSQL), for
    tests that only add and compare: setting up users and keys is the slow part."""
    home = tmp_path_factory.mktemp("profile")
    if request.param == "sqlite":
        yield from _open_desk(home, f"sqlite:///{home / 'webdesk.sqlite3'}")
        return
    server = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield from _open_desk(home, server.url(name))
    finally:
        server.drop_database(name)


def _open_desk(home: Path, database_url: str) -> Iterator[Desk]:
    ctx = AppContext.open(AppPaths.resolve(home, database_url))
    try:
        admin = auth.create_user(ctx, auth.NewUser("admin", "admin-pass-1",
                                                   frozenset({Role.ADMIN})), None)
        webmaster = auth.create_user(ctx, auth.NewUser(
            "web1", "web1-pass-1", frozenset({Role.WEBMASTER}), "สมชาย ใจดี", "นักวิชาการ"),
            admin, actor_password="admin-pass-1")
        request_id = rq.register_request(ctx, webmaster, PublicationRequest(
            title="ประกาศรับสมัครงาน", category="news", subcategory="general_news",
            requester=Requester(name="นางสาวทดสอบ ระบบ", unit="กลุ่มงานบริหารทั่วไป"),
            received_at=datetime(2026, 11, 23, 8, 30)))
        yield Desk(ctx, webmaster, request_id)
    finally:
        ctx.close()


def bytes_read_by_this_thread() -> int:
    """``rchar`` of the calling thread: every byte it passed through read()/pread()."""
    source = Path("/proc/thread-self/io")
    if not source.exists():
        source = Path("/proc/self/io")
    for line in source.read_text().splitlines():
        key, _, value = line.partition(":")
        if key == "rchar":
            return int(value)
    raise AssertionError("no rchar in /proc/.../io")
