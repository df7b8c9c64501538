"""desktop.services.audit_log: the chain verified with its anchors and witnesses (a rewritten
row or a shortened chain is named), the export with WD numbers, and the admin's signed purge
of rows past the retention period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update

from desktop.domain.errors import AuthenticationFailed, PermissionDenied, UserError
from desktop.domain.request import PublicationRequest
from desktop.services import audit_log
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.witness import record
from desktop.store import audit
from desktop.store.models import AuditRow
from tests.support.tamper import as_owner
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import assert_refusal, audit_count, sqlite_only

Sample = Callable[..., PublicationRequest]


def test_an_untouched_chain_verifies_with_its_checkpoints_and_witness(
        ctx: AppContext, people) -> None:  # noqa: ANN001
    report = audit_log.verify_all(ctx)
    with ctx.db.read() as session:
        head = audit.head(session)
    assert report.ok, report.problem
    assert report.rows_checked == head[0] and report.head == head
    assert report.checkpoints >= 4                   # every user the admin added, signed
    assert report.witnesses == (report.witnesses[0],) and "this PC" in report.witnesses[0]


def test_a_rewritten_row_is_named(ctx: AppContext, people) -> None:  # noqa: ANN001
    with ctx.db.write() as session:
        as_owner(session).execute(update(AuditRow).where(AuditRow.id == 3)
                                  .values(actor_name="someone-else"))
    report = audit_log.verify_all(ctx)
    assert not report.ok and report.where == "audit_log id=3"


def test_a_chain_shorter_than_this_pc_saw_is_named(ctx: AppContext, people) -> None:  # noqa: ANN001
    head = audit_log.verify_all(ctx).head
    record(ctx.paths, ctx.paths.database_url, (head[0] + 5, "f" * 64))   # rows were removed
    report = audit_log.verify_all(ctx)
    assert not report.ok and report.where.startswith("this PC")
    assert "shorter" in report.problem
    assert audit_log.verify_all(ctx, this_pc=False).ok


@sqlite_only
def test_the_export_holds_the_period_with_wd_numbers(ctx: AppContext, people,  # noqa: ANN001
                                                     sample_request: Sample,
                                                     tmp_path: Path) -> None:
    rq.register_request(ctx, people["web1"], sample_request())
    count = audit_log.export(ctx, date(2026, 11, 1), date(2026, 11, 30), tmp_path / "a.xlsx")
    assert count == audit_count(ctx)
    cells = [str(c) for row in openpyxl.load_workbook(tmp_path / "a.xlsx").active.values
             for c in row if c is not None]
    assert "WD-2569-00001" in cells
    assert audit_log.export(ctx, date(2026, 12, 1), date(2026, 12, 31),
                            tmp_path / "none.csv") == 0
    with pytest.raises(UserError):
        audit_log.export(ctx, date(2026, 11, 1), date(2026, 11, 30), tmp_path / "a.doc")


@sqlite_only      # PostgreSQL judges the age by its own clock (the next test)
def test_an_admin_purges_old_rows_leaving_a_signed_anchor(ctx: AppContext, people,  # noqa: ANN001
                                                          clock: FakeClock) -> None:
    with pytest.raises(UserError) as young:
        audit_log.purge(ctx, "admin", "admin-pass-1", date(2026, 11, 24))
    assert_refusal(young.value, "audit_retention")
    with pytest.raises(PermissionDenied) as not_admin:
        audit_log.purge(ctx, "web1", "web1-pass-1", date(2026, 1, 1))
    assert_refusal(not_admin.value, "admin_required")
    with pytest.raises(AuthenticationFailed):
        audit_log.purge(ctx, "admin", "wrong-password", date(2026, 1, 1))
    clock.now = datetime(2027, 3, 1, 9, 0)
    before = audit_count(ctx)
    removed = audit_log.purge(ctx, "admin", "admin-pass-1", date(2026, 12, 1))
    assert removed == before                      # every row of November 2026
    report = audit_log.verify_all(ctx, this_pc=False)
    assert report.ok, report.problem
    with ctx.db.read() as session:
        entries = audit.entries(session)
    assert entries[-1].action == "audit_purged" and entries[-1].details["rows"] == removed
    assert all(e.at >= datetime(2026, 12, 1) for e in entries)


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_rows_the_database_server_finds_young_are_refused_with_a_message(
        ctx: AppContext, people, clock: FakeClock) -> None:  # noqa: ANN001
    """This PC's clock runs months ahead of the server's: the server's own check refuses the
    purge, and the person reads why (not a database traceback); nothing is purged."""
    clock.now = datetime.now().replace(microsecond=0).replace(year=datetime.now().year + 1)
    before = audit_count(ctx)
    with pytest.raises(UserError) as caught:
        audit_log.purge(ctx, "admin", "admin-pass-1", clock.now.date().replace(month=1, day=1))
    assert_refusal(caught.value, "audit_retention")
    assert audit_count(ctx) == before + 1          # only the purge's own sign-in
