"""desktop.services.db_check: ``webdesk db check`` — is this PC's database ready for work?
Each finding a Thai and an English line; nothing is changed."""

from __future__ import annotations

from sqlalchemy import text

from desktop.services.context import AppContext
from desktop.services.db_check import check_database
from desktop.store.migrate import head_revision
from tests.unit.services.support import audit_count, has_thai


def test_a_ready_database_passes_every_check(ctx: AppContext) -> None:
    before = audit_count(ctx)
    checks = {c.key: c for c in check_database(ctx)}
    expected = {"connection", "schema", "search"} | (
        {"integrity"} if ctx.db.is_sqlite else {"roles", "triggers", "clock", "live"})
    assert set(checks) == expected
    for key in expected - {"clock"}:        # the clock is this machine's own: compared only
        assert checks[key].ok, checks[key].text.en
    assert head_revision() in checks["schema"].text.en
    assert all(has_thai(c.text.th) and c.text.en for c in checks.values())
    assert audit_count(ctx) == before                              # nothing changed


def test_a_database_behind_the_schema_is_told_to_upgrade(ctx: AppContext) -> None:
    with ctx.db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    schema = next(c for c in check_database(ctx) if c.key == "schema")
    assert not schema.ok and "webdesk db upgrade" in schema.text.th


def test_an_unreachable_database_is_one_clear_finding(ctx: AppContext) -> None:
    from desktop.store.database import Database

    working = ctx.db
    ctx.db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    try:
        (only,) = check_database(ctx)
    finally:
        ctx.db.dispose()
        ctx.db = working
    assert only.key == "connection" and not only.ok and has_thai(only.text.th)
