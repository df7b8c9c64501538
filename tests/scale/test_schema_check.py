"""The start-up schema check: a database at the newest revision is recognised without Alembic
(the revision files' own lines and one SELECT), and the answer is Alembic's; anything else
still goes through Alembic."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.store import migrate


def test_the_listed_head_is_alembics_head() -> None:
    assert migrate.listed_head() == migrate.head_revision()


def test_empty_then_up_to_date_then_too_new(database_url: str, home: Path) -> None:
    ctx = AppContext.open(AppPaths.resolve(home, database_url), upgrade=False)
    try:
        head = migrate.head_revision()
        made = migrate.upgrade_database(ctx.db)
        assert (made.before, made.after) == (None, head)
        assert migrate.upgrade_database(ctx.db) == migrate.UpgradeResult(head, head, None)
        with ctx.db.write_engine.begin() as connection:    # made by a newer WebDesk
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(UserError) as refused:
            migrate.upgrade_database(ctx.db)
        assert refused.value.code == "database_too_new"
    finally:
        ctx.close()
