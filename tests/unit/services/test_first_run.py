"""desktop.services.first_run: what the first-run wizard asks, checked page by page, then
applied in one go on an empty profile (admin, agency key, settings, the first server with the
host key the admin confirmed); a second PC joining a database with users adds nobody."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services import auth, first_run
from desktop.services.context import AppContext
from desktop.services.keys import agency_key_status
from desktop.services.servers import list_servers
from desktop.services.settings import Settings, load_settings
from desktop.store import audit, users_repo
from tests.support.embedded_site import EmbeddedSite
from tests.support.postgres import free_loopback_port
from tests.unit.services.support import assert_refusal, has_thai

ADMIN = first_run.AdminAccount("admin", "ผู้ดูแลระบบ", "นักวิชาการคอมพิวเตอร์",
                               "admin-pass-123", "admin-pass-123")
SETTINGS = replace(Settings(), agency_name="สำนักงานทดสอบ")


def test_each_page_is_checked_on_its_own() -> None:
    assert first_run.admin_problems(ADMIN) == []
    found = first_run.admin_problems(first_run.AdminAccount("  ", password="short",
                                                            password_again="other"))
    assert len(found) == 3 and all(has_thai(text) for text in found)
    assert first_run.settings_problems(SETTINGS) == []
    assert has_thai(first_run.settings_problems(Settings())[0])
    assert first_run.default_answers("en").settings.language == "en"


def test_a_shared_database_url_keeps_odd_characters_safe() -> None:
    shared = first_run.SharedDatabase("db.example.go.th", 5432, "webdesk", "web desk",
                                      "p@ss:/word")
    assert shared.url() == ("postgresql+psycopg://web%20desk:p%40ss%3A%2Fword@"
                            "db.example.go.th:5432/webdesk")


def test_an_unreachable_database_says_why() -> None:
    check = first_run.check_database(first_run.SharedDatabase(
        "127.0.0.1", free_loopback_port(), "webdesk", "nobody", "x"))
    assert not check.ok and check.detail and not check.has_users


def test_the_first_run_sets_up_everything_then_a_second_run_joins(tmp_path: Path,
                                                                   site: EmbeddedSite) -> None:
    paths = AppPaths.resolve(tmp_path / "pc1")
    probe = AppContext.open(paths)
    try:
        _type, fingerprint = first_run.server_key(probe, site.profile())
    finally:
        probe.close()
    catalogue = json.loads(first_run.shipped_catalogue_json(paths))
    catalogue["categories"][0]["th"] = "ข้อมูลของเรา"
    answers = first_run.FirstRunAnswers(settings=SETTINGS, admin=ADMIN, server=site.profile(),
                                        server_fingerprint=fingerprint,
                                        catalogue_json=json.dumps(catalogue,
                                                                  ensure_ascii=False))
    made = first_run.apply_first_run(paths, answers)
    assert not made.joined_existing and made.agency_fingerprint
    ctx = AppContext.open(paths)
    try:
        admin = auth.list_users(ctx)[0]
        assert admin.username == "admin" and {r.value for r in admin.roles} == {"admin"}
        assert load_settings(ctx).agency_name == "สำนักงานทดสอบ"
        assert ctx.catalogue.categories[0].th == "ข้อมูลของเรา"
        assert [p.name for p in list_servers(ctx)] == [site.profile().name]
        assert agency_key_status(ctx).fingerprint == made.agency_fingerprint
        with ctx.db.read() as session:
            trusted = [e.details["fingerprint"] for e in audit.entries(session)
                       if e.action == "host_key_trusted"]
        assert trusted == [fingerprint]
    finally:
        ctx.close()
    again = first_run.apply_first_run(paths, answers)
    assert again.joined_existing and again.agency_fingerprint == made.agency_fingerprint
    ctx = AppContext.open(paths)
    try:
        assert auth.count_users(ctx) == 1
    finally:
        ctx.close()


def test_a_first_run_another_pc_claimed_meanwhile_joins_it(tmp_path: Path) -> None:
    # the second of two PCs setting up one new database: it counted no users, then found the
    # first run claimed by the other (tests/unit/store/test_insert_races.py races the claim)
    paths = AppPaths.resolve(tmp_path / "pc2")
    ctx = AppContext.open(paths)
    try:
        with ctx.db.write() as session:
            assert users_repo.claim_first_run(session)
    finally:
        ctx.close()
    joined = first_run.apply_first_run(paths, first_run.FirstRunAnswers(settings=SETTINGS,
                                                                        admin=ADMIN))
    assert joined.joined_existing
    ctx = AppContext.open(paths)
    try:
        assert auth.count_users(ctx) == 0 and agency_key_status(ctx).fingerprint is None
    finally:
        ctx.close()


def test_bad_answers_change_nothing(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "pc")
    wrong = first_run.FirstRunAnswers(settings=SETTINGS,
                                      admin=replace(ADMIN, password_again="another-pass-1"))
    with pytest.raises(UserError) as caught:
        first_run.apply_first_run(paths, wrong)
    assert_refusal(caught.value, "settings_refused")
    assert "รหัสผ่านทั้งสองช่องไม่ตรงกัน" in caught.value.text("th")
    assert not paths.database_file.exists()
