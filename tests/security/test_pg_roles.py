"""PostgreSQL with two roles (docs/postgresql.md): the owner upgrades the schema and grants;
the application's role — what every PC holds — works normally, but cannot update, delete or
truncate audit rows, and can purge only through the audited door."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop.cli import main
from desktop.paths import AppPaths
from desktop.services import audit_log
from desktop.services.context import AppContext
from tests.security.trust_fixtures import PASSWORDS, make_office
from tests.support.postgres import PostgresServer


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), stdin=io.StringIO(""), stdout=out), out.getvalue()


@pytest.mark.postgres
def test_the_application_role_cannot_rewrite_the_audit_log(
        tmp_path, postgres_server: PostgresServer, fresh_postgres_url: str) -> None:  # noqa: ANN001
    role = f"webdesk_app_{uuid.uuid4().hex[:8]}"
    postgres_server.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        owner_office = make_office(tmp_path / "owner", fresh_postgres_url)
        owner_office.approved()
        owner_office.ctx.close()
        code, out = _cli("--home", str(tmp_path / "owner"), "--database", fresh_postgres_url,
                         "db", "upgrade", "--grant-app-role", role)
        assert code == 0 and f"granted the application's rights to {role}" in out
        app_url = fresh_postgres_url.replace("://webdesk@", f"://{role}@")
        ctx = AppContext.open(AppPaths.resolve(tmp_path / "pc", app_url))
        # ordinary work goes on as the application's role ...
        from desktop.domain.request import PublicationRequest
        from desktop.services import auth
        from desktop.services import requests as rq

        web1 = auth.sign_in(ctx, "web1", PASSWORDS["web1"])
        rq.register_request(ctx, web1, PublicationRequest(title="งานของเครื่องลูกข่าย"))
        # ... but the record cannot be rewritten, even with the trigger's own setting on
        for statement in ("UPDATE audit_log SET actor_name = 'mallory'",
                          "DELETE FROM audit_log", "TRUNCATE audit_log",
                          "DELETE FROM audit_checkpoints", "UPDATE audit_purges SET rows = 0",
                          "UPDATE alembic_version SET version_num = 'zzzz'"):
            with pytest.raises(DBAPIError) as refused, ctx.db.engine.begin() as connection:
                connection.execute(text("SELECT set_config('webdesk.audit_purge', 'on', true)"))
                connection.execute(text(statement))
            assert "permission denied" in str(refused.value).lower()
        # the audited purge still works through its door (nothing old enough: 0 rows)
        assert audit_log.purge(ctx, "admin", PASSWORDS["admin"],
                               date.today() - timedelta(days=120)) == 0
        assert audit_log.verify_all(ctx, this_pc=False).ok
        ctx.close()
    finally:
        postgres_server.execute(f'DROP OWNED BY "{role}" CASCADE',
                                fresh_postgres_url.rsplit("/", 1)[1])
        postgres_server.execute(f'DROP ROLE IF EXISTS "{role}"')
