"""Settings: saved all at once by an admin (audited), refused with a reason per field,
nothing half-saved; this PC's part in settings.json."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.users import User
from desktop.paths import AppPaths
from desktop.services.audit_log import verify_all
from desktop.services.context import AppContext
from desktop.services.settings import (
    load_settings,
    problems,
    save_catalogue,
    save_settings,
)
from desktop.services.workstation import load_workstation_settings


@pytest.fixture
def demo(home: Path, database_url: str) -> Iterator[tuple[AppContext, dict[str, User]]]:
    """An admin, a webmaster and an approver (no requests: settings do not need them)."""
    from desktop.domain.workflow import Role
    from desktop.services import auth

    ctx = AppContext.open(AppPaths.resolve(home, database_url))
    admin = auth.create_user(ctx, auth.NewUser("admin", "admin-pass-1", frozenset({Role.ADMIN})))
    people = {"admin": admin}
    for name, role in (("somchai", Role.WEBMASTER), ("director", Role.APPROVER)):
        people[name] = auth.create_user(ctx, auth.NewUser(name, f"{name}-pass-1",
                                                          frozenset({role})),
                                        admin, actor_password="admin-pass-1")
    yield ctx, people
    ctx.close()


def test_an_admin_saves_everything_and_it_comes_back(demo: tuple[AppContext, dict[str, User]]
                                                     ) -> None:
    ctx, people = demo
    wanted = replace(load_settings(ctx), agency_name="สำนักงานทดสอบ", era="CE", max_files=20,
                     max_file_mb=10, holidays=("2026-12-31", "2026-12-05"), idle_minutes=7,
                     shared_pc=True, smtp_host="mail.example.go.th",
                     smtp_from="webmaster@example.go.th", publish_within_days=5)
    changed = save_settings(ctx, people["admin"], wanted)
    assert {"agency_name", "site_era", "file_policy", "holidays", "smtp", "sla"} <= set(changed)
    back = load_settings(ctx)
    assert back.agency_name == "สำนักงานทดสอบ" and back.era == "CE" and back.max_files == 20
    assert back.holidays == ("2026-12-05", "2026-12-31")
    assert load_workstation_settings(ctx.paths).idle_lock_seconds == 7 * 60
    assert load_workstation_settings(ctx.paths).shared_pc
    from desktop.services.attachments import file_policy

    assert file_policy(ctx).max_files_per_request == 20           # the policy uses it
    assert file_policy(ctx).max_file_bytes == 10 * 1024 * 1024
    assert verify_all(ctx).ok
    from desktop.store import audit

    with ctx.db.read() as session:
        last = audit.entries(session)[-1]
    assert last.action == "settings_changed" and last.actor_name == "admin"


def test_refused_values_say_why_and_nothing_is_saved(demo: tuple[AppContext, dict[str, User]]
                                                     ) -> None:
    ctx, people = demo
    before = load_settings(ctx)
    wanted = replace(before, agency_name=" ", max_files=60, step_days=5, publish_within_days=3,
                     holidays=("2026-02-30",), smtp_host="mail server", max_request_mb=5,
                     max_file_mb=10)
    found = {p.name: p for p in problems(wanted)}
    assert set(found) == {"agency_name", "max_files", "step_days", "holidays", "smtp_host",
                          "max_request_mb", "smtp_from"}
    assert "50" in found["max_files"].text("th") and "ไฟล์" in found["max_files"].text("th")
    assert "at most 50 files" in found["max_files"].text("en")
    assert "2026-02-30" in found["holidays"].text("en")
    with pytest.raises(UserError) as caught:
        save_settings(ctx, people["admin"], wanted)
    assert caught.value.code == "settings_refused"
    assert load_settings(ctx) == before


def test_only_an_admin_saves(demo: tuple[AppContext, dict[str, User]]) -> None:
    ctx, people = demo
    before = load_settings(ctx)
    with pytest.raises(PermissionDenied):
        save_settings(ctx, people["somchai"], replace(before, agency_name="อื่น"))
    assert load_settings(ctx).agency_name == before.agency_name


def test_the_catalogue_edit_is_used(demo: tuple[AppContext, dict[str, User]]) -> None:
    import json

    ctx, people = demo
    data = json.loads(ctx.catalogue.to_json())
    data["categories"][0]["th"] = "ข้อมูลพื้นฐานของหน่วยงาน"
    save_catalogue(ctx, people["admin"], json.dumps(data, ensure_ascii=False))
    reopened = AppContext.open(ctx.paths)
    try:
        assert reopened.catalogue.categories[0].th == "ข้อมูลพื้นฐานของหน่วยงาน"
    finally:
        reopened.close()
    with pytest.raises(PermissionDenied):
        save_catalogue(ctx, people["director"], json.dumps(data, ensure_ascii=False))


def test_a_logo_must_be_a_small_image() -> None:
    from desktop.reports.demo_samples import sample_photo
    from desktop.services.settings import Settings

    assert not problems(Settings(agency_name="x", agency_logo=sample_photo(1, (64, 64))))
    assert [p.name for p in problems(Settings(agency_name="x", agency_logo=b"GIF89a..."))] \
        == ["agency_logo"]
