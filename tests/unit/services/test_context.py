"""desktop.services.context: the profile opened (schema at head), shared settings read once
per transaction, the working calendar and SLA from the admin's settings, the catalogue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.calendar import PUBLISH_WITHIN_WORKING_DAYS, STEP_WITHIN_WORKING_DAYS
from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services.context import AppContext, load_catalogue, setting_in
from desktop.services.witness import this_pc
from desktop.store import audit
from desktop.store.migrate import current_revision, head_revision
from tests.unit.services.support import assert_refusal


def test_an_opened_profile_is_at_the_schema_head(ctx: AppContext) -> None:
    assert current_revision(ctx.db) == head_revision()
    result = ctx.upgrade()
    assert (result.before, result.after, result.backup) == (head_revision(), head_revision(),
                                                             None)


def test_shared_settings_round_trip_with_defaults(ctx: AppContext) -> None:
    assert ctx.setting("agency_name") is None
    assert ctx.setting("agency_name", "-") == "-"
    ctx.set_setting("agency_name", "สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    ctx.set_setting("holidays", ["2026-12-07"])
    assert ctx.setting("agency_name") == "สำนักงานสาธารณสุขอำเภอบ้านหลวง"
    assert ctx.setting("holidays") == ["2026-12-07"]


def test_a_transaction_reads_the_settings_once(ctx: AppContext) -> None:
    ctx.set_setting("site_era", "BE")
    with ctx.db.read() as session:
        assert setting_in(session, "site_era") == "BE"
        ctx.set_setting("site_era", "CE")               # another transaction changes it
        assert setting_in(session, "site_era") == "BE"  # this one keeps what it read
        assert setting_in(session, "missing", 7) == 7
    with ctx.db.read() as session:
        assert setting_in(session, "site_era") == "CE"


def test_the_calendar_skips_weekends_and_the_holiday_list(ctx: AppContext) -> None:
    monday = date(2026, 12, 7)
    assert ctx.calendar().is_working_day(monday)
    assert not ctx.calendar().is_working_day(date(2026, 12, 5))        # a Saturday
    ctx.set_setting("holidays", [monday.isoformat()])
    assert not ctx.calendar().is_working_day(monday)
    assert ctx.calendar().next_working_day(monday) == date(2026, 12, 8)


def test_holidays_that_are_not_dates_are_left_out(ctx: AppContext) -> None:
    ctx.set_setting("holidays", ["2026-13-01", 5, "2026-12-07"])   # written behind the app
    assert not ctx.calendar().is_working_day(date(2026, 12, 7))
    assert ctx.calendar().is_working_day(date(2026, 12, 8))
    ctx.set_setting("holidays", "2026-12-07")
    assert ctx.calendar().is_working_day(date(2026, 12, 7))


def test_the_sla_comes_from_the_admin_setting_and_a_bad_one_gives_the_default(
        ctx: AppContext) -> None:
    sla = ctx.sla()
    assert (sla.publish_within, sla.step_within) == (PUBLISH_WITHIN_WORKING_DAYS,
                                                     STEP_WITHIN_WORKING_DAYS)
    ctx.set_setting("sla", {"publish_within_days": 5, "step_days": 2})
    assert (ctx.sla().publish_within, ctx.sla().step_within) == (5, 2)
    ctx.set_setting("sla", {"publish_within_days": "soon"})
    assert ctx.sla().publish_within == PUBLISH_WITHIN_WORKING_DAYS
    ctx.set_setting("sla", ["not", "a", "table"])
    assert ctx.sla().step_within == STEP_WITHIN_WORKING_DAYS


def test_each_audited_commit_is_witnessed_on_this_pc(ctx: AppContext) -> None:
    with ctx.db.write() as session:
        audit.append(session, action="test_event", actor_name="tester",
                     workstation=ctx.workstation, at=ctx.now())
    with ctx.db.read() as session:
        head = audit.head(session)
    seen = this_pc(ctx.paths, ctx.paths.database_url)
    assert seen is not None and (seen.audit_id, seen.audit_hash) == head


def test_the_profiles_own_catalogue_wins_over_the_shipped_one(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "profile", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    shipped = load_catalogue(paths)
    assert shipped.get("news") is not None
    data = json.loads((paths.resources / "categories.json").read_text(encoding="utf-8"))
    data["categories"][0]["th"] = "ข้อมูลของหน่วยงานเรา"
    paths.home.mkdir(parents=True)
    (paths.home / "categories.json").write_text(json.dumps(data, ensure_ascii=False),
                                                encoding="utf-8")
    assert load_catalogue(paths).categories[0].th == "ข้อมูลของหน่วยงานเรา"


def test_a_broken_catalogue_in_the_profile_is_named_not_a_traceback(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "profile", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    paths.home.mkdir(parents=True)
    (paths.home / "categories.json").write_text('{"categories": [', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_catalogue(paths)
    assert_refusal(caught.value, "catalogue_file_unreadable")
    assert "categories.json" in caught.value.text("en")
    with pytest.raises(UserError):
        AppContext.open(paths)                                 # the app says so at start
