"""desktop.services.settings: everything an admin configures as one typed object — every
refused value named with its reason, saved all or nothing (shared values audited, this PC's in
settings.json), and the category catalogue."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.services import settings as cfg
from desktop.services.context import AppContext
from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from desktop.services.workstation import load_workstation_settings
from tests.unit.services.support import assert_refusal, audit_actions, has_thai, sqlite_only

GOOD = replace(cfg.Settings(), agency_name="สำนักงานสาธารณสุขอำเภอบ้านหลวง")


def test_every_refused_value_is_named_with_its_reason() -> None:
    assert cfg.problems(GOOD) == []
    bad = replace(GOOD, agency_name=" ", era="AD", max_files=99, max_file_mb=50,
                  max_request_mb=20, allowed_kinds=("pdf", "exe"), step_days=5,
                  publish_within_days=3, holidays=("2026-13-01",), smtp_host="mail server",
                  smtp_from="", agency_logo=b"GIF89a")
    found = {(p.name, p.code) for p in cfg.problems(bad)}
    assert found == {("agency_name", "set_required"), ("era", "set_choice"),
                     ("max_files", "set_files_cap"), ("max_request_mb", "set_request_smaller"),
                     ("allowed_kinds", "set_unknown_type"), ("step_days", "set_step_longer"),
                     ("holidays", "set_bad_date"), ("smtp_host", "set_bad_host"),
                     ("smtp_from", "set_bad_email"), ("agency_logo", "set_logo")}
    for problem in cfg.problems(bad):
        assert has_thai(problem.text("th")) and problem.text("en")[0].isupper()


@sqlite_only
def test_defaults_on_a_new_profile(ctx: AppContext) -> None:
    loaded = cfg.load_settings(ctx)
    assert loaded == cfg.Settings()
    assert cfg.as_dict(loaded)["agency_logo"] is False


def test_an_admin_saves_everything_and_it_comes_back(ctx: AppContext, people) -> None:  # noqa: ANN001
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    chosen = replace(GOOD, agency_logo=png, era="CE", holidays=("2026-12-07", "2026-12-07"),
                     max_file_mb=10, publish_within_days=5, step_days=2, shared_pc=True,
                     idle_minutes=3, smtp_host="mail.example.go.th",
                     smtp_from="web@example.go.th", fast_path=False, daily_backup=False)
    changed = cfg.save_settings(ctx, people["admin"], chosen)
    assert {"agency_name", "agency_logo", "site_era", "holidays", "file_policy", "sla",
            "smtp"} <= set(changed)
    loaded = cfg.load_settings(ctx)
    assert loaded == replace(chosen, holidays=("2026-12-07",))
    assert ctx.sla().publish_within == 5 and ctx.setting("site_era") == "CE"
    assert load_workstation_settings(ctx.paths).idle_lock_seconds == 180
    assert read_pc_settings(ctx.paths.settings_file)["backups"] == {"daily": False}
    assert audit_actions(ctx)[-1] == "settings_changed"
    assert cfg.save_settings(ctx, people["admin"], chosen) == []        # nothing new


def test_refused_settings_save_nothing_and_only_admins_save(ctx: AppContext, people) -> None:  # noqa: ANN001
    with pytest.raises(UserError) as caught:
        cfg.save_settings(ctx, people["admin"], replace(GOOD, agency_name="", backup_keep=0))
    assert_refusal(caught.value, "settings_refused")
    assert "ชื่อหน่วยงาน" in caught.value.text("th")
    with pytest.raises(PermissionDenied) as denied:
        cfg.save_settings(ctx, people["web1"], GOOD)
    assert_refusal(denied.value, "admin_required")
    assert cfg.load_settings(ctx) == cfg.Settings()
    assert not ctx.paths.settings_file.exists() or "workstation" not in read_pc_settings(
        ctx.paths.settings_file)


@sqlite_only
def test_the_edited_catalogue_is_used_and_kept_private(ctx: AppContext, people) -> None:  # noqa: ANN001
    data = json.loads(cfg.catalogue_json(ctx))
    data["categories"][0]["th"] = "ข้อมูลของหน่วยงานเรา"
    cfg.save_catalogue(ctx, people["admin"], json.dumps(data, ensure_ascii=False))
    assert ctx.catalogue.categories[0].th == "ข้อมูลของหน่วยงานเรา"
    stored = ctx.paths.home / "categories.json"
    assert stored.stat().st_mode & 0o777 == 0o600
    assert json.loads(stored.read_text(encoding="utf-8"))["categories"][0]["th"] == \
        "ข้อมูลของหน่วยงานเรา"
    assert audit_actions(ctx)[-1] == "categories_changed"
    with pytest.raises(PermissionDenied):
        cfg.save_catalogue(ctx, people["web1"], cfg.catalogue_json(ctx))


@sqlite_only
@pytest.mark.parametrize("text", ["{not json", '{"categories": [{"code": "x"}]}', "[]"])
def test_a_catalogue_that_cannot_be_read_is_refused_with_a_message(ctx: AppContext, people,  # noqa: ANN001
                                                                   text: str) -> None:
    before = cfg.catalogue_json(ctx)
    with pytest.raises(UserError) as caught:
        cfg.save_catalogue(ctx, people["admin"], text)
    assert_refusal(caught.value, "catalogue_unreadable")
    assert cfg.catalogue_json(ctx) == before
    assert not (ctx.paths.home / "categories.json").exists()


@sqlite_only
def test_damaged_stored_values_read_as_defaults_so_the_admin_can_fix_them(
        ctx: AppContext, people) -> None:  # noqa: ANN001
    """A database written behind the app's back, or a hand-edited settings.json, must not stop
    the Settings dialog from opening."""
    damaged = {"sla": {"publish_within_days": "x", "step_days": None},
               "file_policy": {"max_file_bytes": "lots", "allowed_kinds": "pdf"},
               "backup_keep": "many", "smtp": ["not", "a", "table"], "holidays": 5,
               "agency_logo": "not base64 at all!", "report_defaults": "month"}
    for key, value in damaged.items():
        ctx.set_setting(key, value)
    write_pc_setting(ctx.paths, "workstation", {"idle_lock_seconds": "inf"})
    write_pc_setting(ctx.paths, "render_cache", {"max_mb": [1]})
    loaded = cfg.load_settings(ctx)
    default = cfg.Settings()
    assert (loaded.publish_within_days, loaded.step_days, loaded.max_file_mb) == (
        default.publish_within_days, default.step_days, default.max_file_mb)
    assert (loaded.backup_keep, loaded.smtp_host, loaded.holidays, loaded.agency_logo) == (
        default.backup_keep, "", (), None)
    assert (loaded.idle_minutes, loaded.render_cache_mb) == (default.idle_minutes,
                                                             default.render_cache_mb)
    assert loaded.allowed_kinds == ()                       # named on save: set_no_types
    cfg.save_settings(ctx, people["admin"], GOOD)            # good values over the bad ones
    assert cfg.load_settings(ctx) == GOOD


@sqlite_only
def test_when_this_pcs_part_cannot_be_written_nothing_is_saved(ctx: AppContext,  # noqa: ANN001
                                                               people) -> None:
    ctx.paths.settings_file.unlink(missing_ok=True)
    ctx.paths.settings_file.mkdir()                  # settings.json cannot be written
    with pytest.raises(UserError) as caught:
        cfg.save_settings(ctx, people["admin"], GOOD)
    assert_refusal(caught.value, "pc_settings_unwritable")
    assert cfg.load_settings(ctx).agency_name == ""  # the shared part was not saved either
    assert "settings_changed" not in audit_actions(ctx)


@sqlite_only
def test_a_catalogue_that_cannot_be_written_is_said_and_not_recorded(ctx: AppContext,  # noqa: ANN001
                                                                      people) -> None:
    (ctx.paths.home / "categories.json").mkdir()     # cannot be replaced by a file
    with pytest.raises(UserError) as caught:
        cfg.save_catalogue(ctx, people["admin"], cfg.catalogue_json(ctx))
    assert has_thai(caught.value.text("th"))
    assert "categories_changed" not in audit_actions(ctx)
    assert not (ctx.paths.home / "categories.json.part").exists()
