"""A profile with demo data (every request state, files, sign-offs) and table snapshots."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, select

from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.store.search_index import is_model_object


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (but Alembic's), ordered by primary key: what must come back."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            metadata = MetaData()
            metadata.reflect(connection, only=lambda name, _m: is_model_object(name))
            found: dict[str, list[tuple[Any, ...]]] = {}
            for table in metadata.sorted_tables:
                if table.name == "alembic_version":
                    continue
                order = list(table.primary_key.columns) or list(table.columns)
                rows = connection.execute(select(table).order_by(*order)).all()
                found[table.name] = [tuple(bytes(v) if isinstance(v, memoryview) else v
                                           for v in row) for row in rows]
            return found
    finally:
        engine.dispose()


def assert_restored(after: dict[str, list[tuple[Any, ...]]],
                    before: dict[str, list[tuple[Any, ...]]]) -> None:
    """Every row is back; the log has one row more, saying what was restored."""
    chain = {"audit_log", "audit_head"}
    assert {k: v for k, v in after.items() if k not in chain} == \
        {k: v for k, v in before.items() if k not in chain}
    assert after["audit_log"][:-1] == before["audit_log"]
    assert "backup_restored" in after["audit_log"][-1]


def wipe(url: str) -> None:
    """Lose the database: the SQLite file goes, or every PostgreSQL table is dropped."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            metadata = MetaData()
            metadata.reflect(connection)
            metadata.drop_all(connection)
    finally:
        engine.dispose()


@pytest.fixture
def seeded(home: Path, database_url: str) -> Iterator[AppContext]:
    """The demo: 12 requests in every state with PDFs, photos and workbooks, 5 users."""
    ctx = AppContext.open(AppPaths.resolve(home, database_url))
    seed_demo(ctx, io.StringIO())
    yield ctx
    ctx.close()


@pytest.fixture
def small(home: Path, database_url: str) -> Iterator[AppContext]:
    """A cheap profile: one admin, one registered request (for the refusal tests)."""
    from datetime import datetime

    from desktop.domain.request import PublicationRequest, Requester
    from desktop.domain.workflow import Role
    from desktop.services import auth
    from desktop.services.requests import register_request

    ctx = AppContext.open(AppPaths.resolve(home, database_url))
    admin = auth.create_user(ctx, auth.NewUser("web", "web-pass-12", frozenset(
        {Role.ADMIN, Role.WEBMASTER})), None)
    register_request(ctx, admin, PublicationRequest(
        title="ประกาศทดสอบ", category="news", subcategory="general_news",
        summary="ทดสอบ", requester=Requester(name="ผู้ขอ", position="ตำแหน่ง", unit="หน่วย"),
        received_at=datetime(2026, 11, 23, 9, 0)))
    yield ctx
    ctx.close()
