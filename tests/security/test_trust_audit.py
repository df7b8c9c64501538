"""The audit log against a database writer: re-hashed with the project's own function,
truncated with the head moved, rows removed at the start, the head row deleted.  Each is caught
by an anchor outside the rewritten rows (signed checkpoints, this PC's witness, a purge
anchor).  SQLite and PostgreSQL; on PostgreSQL the attacker has the owner's rights (the
append-only trigger is switched off first), and the trigger itself is tested too."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import DBAPIError

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services import audit_log, witness
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store.models import AuditHeadRow, AuditRow
from tests.security.trust_fixtures import PASSWORDS, Office, make_office
from tests.support.tamper import as_owner


def _rehash_from(office: Office, first: int) -> None:
    """Recompute every hash from row ``first`` on (after an edit) and move the head, exactly
    as WebDesk would have written them."""
    with office.ctx.db.write() as s:
        as_owner(s)
        rows = s.execute(select(AuditRow).where(AuditRow.id >= first)
                         .order_by(AuditRow.id)).scalars().all()
        prev = s.execute(select(AuditRow.hash).where(AuditRow.id == first - 1)).scalar() \
            or audit.GENESIS
        for row in rows:
            row.prev_hash = prev
            row.hash = audit.row_hash(row, prev)
            prev = row.hash
        head = s.get(AuditHeadRow, 1)
        assert head is not None
        head.last_id, head.last_hash = rows[-1].id, prev


def _other_pc(office: Office) -> AppContext:
    """The same database seen from a PC that never saw its chain (no witness), which has
    pinned the agency key."""
    other = AppContext.open(AppPaths.resolve(office.ctx.paths.home / "other-pc",
                                             office.ctx.paths.database_url))
    other.paths.settings_file.write_text(office.ctx.paths.settings_file.read_text())
    return other


def test_an_untouched_log_verifies_and_names_its_head(office: Office) -> None:
    office.approved()
    report = audit_log.verify_all(office.ctx)
    assert report.ok and report.checkpoints >= 5 and report.head[0] == report.rows_checked
    assert report.witnesses and report.witnesses[0].startswith("this PC")


def test_an_edit_rehashed_forward_is_caught_by_a_signed_checkpoint(office: Office) -> None:
    office.approved()
    with office.ctx.db.read() as s:
        target = s.execute(select(AuditRow.id).where(AuditRow.action == "request_registered")
                           ).scalars().first()
    assert target is not None
    with office.ctx.db.write() as s:
        as_owner(s).execute(text("UPDATE audit_log SET actor_name = 'mallory' WHERE id = :i"),
                            {"i": target})
    _rehash_from(office, target)
    other = _other_pc(office)           # no witness: only the checkpoints can tell
    try:
        report = audit_log.verify_all(other)
    finally:
        other.close()
    assert not report.ok and "rewritten" in report.problem
    assert audit_log.verify_all(office.ctx).ok is False


def test_truncating_the_chain_and_moving_the_head_is_caught(office: Office) -> None:
    office.approved()
    office.new_request("งานหลังการลงนามครั้งสุดท้าย")     # unsigned rows after the last checkpoint
    with office.ctx.db.read() as s:
        keep = s.execute(text("SELECT max(audit_id) FROM audit_checkpoints")).scalar_one() + 2
        assert keep < audit.head(s)[0]
    with office.ctx.db.write() as s:
        as_owner(s).execute(delete(AuditRow).where(AuditRow.id > keep))
        kept_hash = s.execute(select(AuditRow.hash).where(AuditRow.id == keep)).scalar_one()
        head = s.get(AuditHeadRow, 1)
        assert head is not None
        head.last_id, head.last_hash = keep, kept_hash
    report = audit_log.verify_all(office.ctx)           # this PC saw the longer chain
    assert not report.ok and "shorter than this PC" in report.problem
    assert "this PC" in report.where


def test_truncating_past_a_checkpoint_is_caught_without_any_witness(office: Office) -> None:
    office.approved()
    with office.ctx.db.read() as s:
        signed_at = s.execute(text("SELECT max(audit_id) FROM audit_checkpoints")).scalar_one()
    keep = signed_at - 1
    with office.ctx.db.write() as s:
        as_owner(s).execute(delete(AuditRow).where(AuditRow.id > keep))
        head = s.get(AuditHeadRow, 1)
        assert head is not None
        head.last_id = keep
        head.last_hash = s.execute(select(AuditRow.hash).where(AuditRow.id == keep)
                                   ).scalar_one()
    report = audit_log.verify_all(office.ctx, this_pc=False)
    assert not report.ok and "rows were removed" in report.problem


def test_deleting_the_first_rows_without_a_signed_purge_is_caught(office: Office) -> None:
    office.approved()
    with office.ctx.db.write() as s:
        as_owner(s).execute(delete(AuditRow).where(AuditRow.id <= 3))
    report = audit_log.verify_all(office.ctx, this_pc=False)
    assert not report.ok and "earlier rows were removed" in report.problem


def test_a_signed_purge_is_accepted(office: Office) -> None:
    office.approved()
    with office.ctx.db.write() as s:       # make the first rows old enough to purge
        as_owner(s).execute(text("UPDATE audit_log SET at = :old WHERE id <= 4"),
                            {"old": datetime.now() - timedelta(days=400)})
    _rehash_from(office, 1)
    # The rewrite above is itself tampering (the checkpoints saw other hashes): start the
    # office's trust from this point, as an admin would after an audited migration.
    with office.ctx.db.write() as s:
        as_owner(s).execute(text("DELETE FROM audit_checkpoints"))
    witness.reset(office.ctx.paths, office.ctx.paths.database_url)
    removed = audit_log.purge(office.ctx, "admin", PASSWORDS["admin"],
                              date.today() - timedelta(days=200))
    assert removed == 4
    report = audit_log.verify_all(office.ctx)
    assert report.ok, report.problem


def test_deleting_the_head_row_is_reported_and_later_writes_say_why(office: Office) -> None:
    office.approved()
    with office.ctx.db.write() as s:
        as_owner(s).execute(delete(AuditHeadRow))
    report = audit_log.verify_all(office.ctx)
    assert not report.ok and "head row is missing" in report.problem
    from desktop.domain.request import PublicationRequest
    from desktop.services import requests as rq

    with pytest.raises(UserError) as refused:
        rq.register_request(office.ctx, office["web1"], PublicationRequest(title="x"))
    assert refused.value.code == "audit_damaged"


@pytest.mark.postgres
def test_postgresql_refuses_updates_and_deletes_of_audit_rows(home: Path,
                                                              fresh_postgres_url: str) -> None:
    office = make_office(home, fresh_postgres_url)
    office.approved()
    for statement in ("UPDATE audit_log SET actor_name = 'x' WHERE id = 1",
                      "DELETE FROM audit_log WHERE id = 1", "TRUNCATE audit_log",
                      "DELETE FROM audit_checkpoints"):
        with pytest.raises(DBAPIError) as refused, office.ctx.db.engine.begin() as connection:
            connection.execute(text(statement))
        assert "append-only" in str(refused.value)
    # the one door: rows younger than 90 days stay
    with pytest.raises(DBAPIError), office.ctx.db.engine.begin() as connection:
        connection.execute(text("SELECT webdesk_audit_purge(now()::timestamp)"))
    office.ctx.close()


def test_a_server_witness_that_saw_more_is_named(office: Office) -> None:
    office.approved()
    with office.ctx.db.read() as s:
        head = audit.head(s)
    seen = witness.Witness("server site", head[0] + 5, "f" * 64, "2026-12-01T10:00:00")
    report = audit_log.verify_all(office.ctx, server_witness=seen)
    assert not report.ok and "server site" in report.problem
