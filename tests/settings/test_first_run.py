"""The first run: answers checked, then applied in one go (this PC's database or a shared
PostgreSQL, joined when WebDesk is already there); the server's host key as the admin saw it
(a real asyncssh server); Test connection against a real PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.demo_servers import demo_site
from desktop.services.first_run import (
    AdminAccount,
    FirstRunAnswers,
    SharedDatabase,
    apply_first_run,
    check_database,
    default_answers,
    server_key,
)
from desktop.services.keys import agency_key_status
from desktop.services.servers import list_servers
from desktop.services.settings import load_settings

ADMIN = AdminAccount("boss", "นายทดสอบ ระบบ", "ผู้อำนวยการ", "boss-pass-123", "boss-pass-123")


def _answers(**changes: Any) -> FirstRunAnswers:
    answers = default_answers("th")
    settings = replace(answers.settings, agency_name="สำนักงานทดสอบ")
    return replace(answers, **{"settings": settings, "admin": ADMIN, **changes})


def _shared(url: str) -> SharedDatabase:
    parsed = make_url(url)
    return SharedDatabase(parsed.host or "127.0.0.1", parsed.port or 5432,
                          parsed.database or "", parsed.username or "", parsed.password or "")


def test_this_pc_the_admin_the_settings_and_the_server_key(home: Path, tmp_path: Path) -> None:
    paths = AppPaths.resolve(home)
    with demo_site(tmp_path) as site:
        probe = AppContext.open(paths)
        try:
            key_type, fingerprint = server_key(probe, site.profile())
        finally:
            probe.close()
        assert fingerprint == site.host_key_fingerprint and key_type == "ssh-ed25519"
        result = apply_first_run(paths, _answers(server=site.profile(),
                                                 server_fingerprint=fingerprint))
    assert not result.joined_existing and result.paths == paths
    ctx = AppContext.open(paths)
    try:
        assert [u.username for u in auth.list_users(ctx)] == ["boss"]
        assert load_settings(ctx).agency_name == "สำนักงานทดสอบ"
        assert result.agency_fingerprint == agency_key_status(ctx).fingerprint
        assert [p.name for p in list_servers(ctx)] == [site.profile().name]
        from desktop.store import audit

        with ctx.db.read() as session:
            trusted = [e.details for e in audit.entries(session)
                       if e.action == "host_key_trusted"]
        assert [t["fingerprint"] for t in trusted] == [site.host_key_fingerprint]
    finally:
        ctx.close()


def test_bad_answers_change_nothing(home: Path) -> None:
    paths = AppPaths.resolve(home)
    answers = _answers(admin=replace(ADMIN, password_again="other-pass-123"))
    with pytest.raises(UserError) as caught:
        apply_first_run(paths, answers)
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in caught.value.text("th")
    assert not paths.database_file.exists() or _users(paths) == 0


def _users(paths: AppPaths) -> int:
    ctx = AppContext.open(paths)
    try:
        return auth.count_users(ctx)
    finally:
        ctx.close()


@pytest.mark.postgres
def test_a_shared_postgresql_is_set_up_then_a_second_pc_joins_it(
        tmp_path: Path, fresh_postgres_url: str) -> None:
    shared = _shared(fresh_postgres_url)
    check = check_database(shared)
    assert check.ok and check.detail.startswith("PostgreSQL") and not check.has_users
    first_pc = AppPaths.resolve(tmp_path / "pc1")
    made = apply_first_run(first_pc, _answers(shared_database=shared))
    assert not made.joined_existing and made.paths.database_url == shared.url()
    assert AppPaths.resolve(tmp_path / "pc1").database_url == shared.url()   # remembered

    assert check_database(shared).has_users
    second_pc = AppPaths.resolve(tmp_path / "pc2")
    joined = apply_first_run(second_pc, _answers(shared_database=shared))
    assert joined.joined_existing and joined.agency_fingerprint == made.agency_fingerprint
    assert _users(AppPaths.resolve(tmp_path / "pc2")) == 1                 # nobody added


def test_test_connection_says_why_it_failed() -> None:
    check = check_database(SharedDatabase("127.0.0.1", 1, "webdesk", "nobody", "x"))
    assert not check.ok and check.detail
