"""Test connection to a database: can we log in, what is it, does it hold WebDesk users?"""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from desktop.domain.errors import UserError


def probe_database(url: str) -> tuple[str, int]:
    """(the server's version, how many WebDesk users it holds); UserError when unreachable."""
    engine = create_engine(url, connect_args={"connect_timeout": 10}
                           if url.startswith("postgresql") else {})
    try:
        with engine.connect() as connection:
            version = str(connection.execute(text(
                "SELECT version()" if engine.dialect.name == "postgresql"
                else "SELECT 'SQLite ' || sqlite_version()")).scalar_one())
            users = 0
            if "users" in inspect(connection).get_table_names():
                users = int(connection.execute(text("SELECT count(*) FROM users")).scalar_one())
            return version.split(",")[0], users
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None)
        detail = str(orig if orig is not None else exc)
        raise UserError("first_run_database", detail=" ".join(detail.split())[:200]) from exc
    finally:
        engine.dispose()
