"""The Alembic migrations build exactly the schema the models describe (both back ends)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.store.database import Database
from desktop.store.migrate import upgrade_database
from desktop.store.models import Base
from desktop.store.search_index import is_model_object


def test_no_difference_between_migrations_and_models(database_url: str) -> None:
    db = Database(database_url)
    upgrade_database(db)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection,
                                             opts={"include_name": is_model_object})
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diff == []
