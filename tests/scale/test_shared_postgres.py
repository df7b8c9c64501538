"""Operations for a shared server: ``webdesk db check`` (connection, schema, roles and grants,
triggers, notifications, clock), and a PostgreSQL restart under a working PC — the app
reconnects by itself, work in flight is reported and never half-saved, the live feed comes
back and misses nothing."""

from __future__ import annotations

import io
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.domain.errors import UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Role
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.store.change_feed import Change, ChangeFeed
from desktop.store.models import RequestRow
from tests.support.components import postgres_bin_dir, require
from tests.support.postgres import PostgresServer, start_postgres

WAIT = 120.0


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--lang", "en", *args], stdin=io.StringIO(""), stdout=out), out.getvalue()


def _lines(out: str) -> dict[str, str]:
    return {line.split()[1].rstrip(":"): line.split()[0] for line in out.splitlines()}


def test_db_check_on_a_pcs_own_sqlite(home: Path) -> None:
    code, out = _cli("--home", str(home), "db", "check")
    assert code == 1 and _lines(out)["schema"] == "FAIL"       # nothing there yet
    assert _cli("--home", str(home), "db", "upgrade")[0] == 0
    code, out = _cli("--home", str(home), "db", "check")
    assert code == 0, out
    assert _lines(out) == {"connection": "OK", "schema": "OK", "integrity": "OK",
                           "search": "OK"}


@pytest.mark.postgres
def test_db_check_with_the_owner_and_the_application_role(
        tmp_path: Path, postgres_server: PostgresServer, fresh_postgres_url: str) -> None:
    role = f"webdesk_app_{uuid.uuid4().hex[:8]}"
    postgres_server.execute(f'CREATE ROLE "{role}" LOGIN')
    database = fresh_postgres_url.rsplit("/", 1)[1]
    try:
        owner = ("--home", str(tmp_path / "owner"), "--database", fresh_postgres_url)
        assert _cli(*owner, "db", "upgrade", "--grant-app-role", role)[0] == 0
        code, out = _cli(*owner, "db", "check")
        assert code == 0 and "connected as the owner" in out, out
        assert _cli(*owner, "db", "check", "--app-role", role)[0] == 0
        app = ("--home", str(tmp_path / "pc"),
               "--database", fresh_postgres_url.replace("://webdesk@", f"://{role}@"))
        code, out = _cli(*app, "db", "check")
        assert code == 0, out
        assert set(_lines(out)) == {"connection", "schema", "roles", "triggers", "clock",
                                    "live", "search"}
        postgres_server.execute(f'GRANT UPDATE ON audit_log TO "{role}"', database)
        code, out = _cli(*app, "db", "check")
        assert code == 1 and _lines(out)["roles"] == "FAIL" and "UPDATE" in out
        assert _cli(*owner, "db", "check", "--app-role", role)[0] == 1
    finally:
        postgres_server.execute(f'DROP OWNED BY "{role}" CASCADE', database)
        postgres_server.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture
def own_cluster() -> Iterator[PostgresServer]:
    """A cluster of this test's own (it is restarted: the session's must stay up)."""
    bin_dir = postgres_bin_dir()
    require(bin_dir is not None, "PostgreSQL server binaries initdb/pg_ctl (Debian: postgresql)")
    assert bin_dir is not None
    server = start_postgres(bin_dir)
    try:
        yield server
    finally:
        server.stop()


def _restart(server: PostgresServer) -> None:
    """``pg_ctl restart -m fast``: every session is ended, the server comes back."""
    done = subprocess.run(
        [str(server.bin_dir / "pg_ctl"), "restart", "-D", str(server.data_dir), "-m", "fast",
         "-w", "-t", "120", "-l", str(server.log_file)],
        user=server.os_user, cwd="/", stdin=subprocess.DEVNULL, capture_output=True,
        text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def _titles(ctx: AppContext, title: str) -> int:
    with ctx.db.read() as session:
        return int(session.execute(select(func.count()).select_from(RequestRow)
                                   .where(RequestRow.title == title)).scalar_one())


@pytest.mark.postgres
def test_a_postgresql_restart_under_a_working_pc(tmp_path: Path,
                                                 own_cluster: PostgresServer) -> None:
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "profile", own_cluster.url()))
    user = auth.create_user(ctx, auth.NewUser("web", "web-pass-123",
                                              frozenset({Role.WEBMASTER, Role.ADMIN})))
    heard: list[Change] = []
    statuses: list[bool] = []
    arrived = threading.Condition()

    def on_changes(changes: list[Change]) -> None:
        with arrived:
            heard.extend(changes)
            arrived.notify_all()

    def on_status(connected: bool) -> None:
        with arrived:
            statuses.append(connected)
            arrived.notify_all()

    def wait_for_request(request_id: int) -> None:
        with arrived:
            assert arrived.wait_for(lambda: any(c.request_id == request_id for c in heard),
                                    WAIT), (heard, statuses)

    feed = ChangeFeed(ctx.paths.database_url, on_changes, on_status=on_status,
                      retry_seconds=(0.2, 0.5, 1.0)).start()
    try:
        with arrived:    # the feed hears what is committed once it is connected (its start)
            assert arrived.wait_for(lambda: statuses == [True], WAIT), statuses
        before = rq.register_request(ctx, user, PublicationRequest(title="ก่อนเริ่มใหม่"))
        wait_for_request(before)
        _restart(own_cluster)
        # the pool's connections died with the server: the next piece of work reconnects
        after = rq.register_request(ctx, user, PublicationRequest(title="หลังเริ่มใหม่"))
        assert rq.get_request(ctx, user, after).request.title == "หลังเริ่มใหม่"
        wait_for_request(after)
        # work in flight when the server goes: reported, and nothing of it saved
        with pytest.raises(UserError) as lost, ctx.db.write() as session:
            session.add(RequestRow(reference="WD-TEST-1", state="draft", title="ครึ่งทาง",
                                   created_at=ctx.now(), updated_at=ctx.now(),
                                   state_changed_at=ctx.now()))
            session.flush()
            _restart(own_cluster)
        assert lost.value.code == "database_unreachable"
        assert _titles(ctx, "ครึ่งทาง") == 0
        again = rq.register_request(ctx, user, PublicationRequest(title="ทำต่อได้"))
        wait_for_request(again)
    finally:
        feed.stop()
        ctx.close()
    assert statuses[0] is True and False in statuses and statuses[-1] is False
    ids = [c.audit_id or 0 for c in heard]
    assert ids == sorted(set(ids))                 # nothing twice, in order
