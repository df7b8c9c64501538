"""desktop.services.publish_txn: one writer per site (a lock a killed process of this PC left
is taken over, a live holder's is not), the SFTP session written to the traffic log, the URL
of a publication.  (The recorded steps themselves run in test_publishing.py, test_takedowns.py
and test_reconcile.py against the in-process SFTP server.)"""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from datetime import timedelta

import pytest

from desktop.domain.errors import UserError
from desktop.publish.profiles import PublishMode, ServerProfile
from desktop.services import publish_txn as txn
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store import publication_records as records
from desktop.store.models import PublishLockRow
from tests.unit.services.support import assert_refusal, sqlite_only

PROFILE = ServerProfile(name="www", host="www.example.go.th", user="web",
                        web_root="/var/www/html", archive_dir="/var/www/archive",
                        public_base_url="https://www.example.go.th/", key_path="/k")


def _locks(ctx: AppContext) -> list[tuple[str, str]]:
    with ctx.db.read() as session:
        return [(r.name, r.holder) for r in session.query(PublishLockRow).all()]


def _plant_lock(ctx: AppContext, holder: str) -> None:
    assert records.take_lock(ctx.db, f"site:{PROFILE.site_id}", holder, ctx.now(),
                             timedelta(minutes=10), lambda _h: False)


def test_the_site_lock_is_held_inside_and_released_after(ctx: AppContext) -> None:
    with txn.site_lock(ctx, PROFILE.site_id) as lock:
        assert lock.held and _locks(ctx) == [(lock.name, lock.holder)]
        assert lock.holder.startswith(f"{ctx.workstation}:{os.getpid()}:")
    assert _locks(ctx) == []
    with pytest.raises(RuntimeError), txn.site_lock(ctx, PROFILE.site_id):
        raise RuntimeError("the work failed")
    assert _locks(ctx) == []                          # released on failure too


def test_a_lock_left_by_a_killed_process_of_this_pc_is_taken_over(ctx: AppContext) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    _plant_lock(ctx, f"{ctx.workstation}:{gone.pid}:1")
    with txn.site_lock(ctx, PROFILE.site_id) as lock:
        assert _locks(ctx) == [(lock.name, lock.holder)]


def test_a_holder_no_process_of_this_pc_can_be_is_taken_over(ctx: AppContext) -> None:
    """Anyone can write to the database: a holder naming this PC and a process number no
    process can have is taken over (it made the check raise OverflowError before)."""
    _plant_lock(ctx, f"{ctx.workstation}:{2**70}:1")
    with txn.site_lock(ctx, PROFILE.site_id) as lock:
        assert _locks(ctx) == [(lock.name, lock.holder)]


@sqlite_only
def test_a_live_holder_keeps_its_lock(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txn, "SITE_LOCK_WAIT", -1.0)       # give up at the first refusal
    for holder in (f"{ctx.workstation}:{os.getppid()}:1",    # alive on this PC
                   "another-pc:12345:1"):                   # another PC: never guessed dead
        _plant_lock(ctx, holder)
        with pytest.raises(UserError) as caught, txn.site_lock(ctx, PROFILE.site_id):
            pass
        assert_refusal(caught.value, "lock_busy")
        assert [h for _n, h in _locks(ctx)] == [holder]
        with ctx.db.write() as session:
            session.query(PublishLockRow).delete()


@sqlite_only
def test_every_session_is_written_to_the_traffic_log(ctx: AppContext, people) -> None:  # noqa: ANN001
    started = ctx.now()
    txn.record_session(ctx, people["web1"], PROFILE, None, "reconcile", started, "failed",
                       2, 4096, "x" * 900)
    with ctx.db.read() as session:
        entry = audit.entries(session)[-1]
    assert entry.action == "sftp_session" and entry.actor_name == "web1"
    details = entry.details
    assert (details["operation"], details["result"], details["files"], details["bytes"]) == (
        "reconcile", "failed", 2, 4096)
    assert (details["server"], details["host"], details["user"]) == ("www", PROFILE.host, "web")
    assert len(str(details["detail"])) == 500                   # bounded


def test_the_url_of_a_publication_depends_on_the_mode() -> None:
    record = records.PublicationRecord(1, 1, "www", PROFILE.site_id, "news/wd-2569-00001",
                                       "/var/www/html/news/wd-2569-00001", "", "h",
                                       records.PUBLISHED, ({"name": "ประกาศ.pdf"},), None, "",
                                       "")
    assert txn.url_of(PROFILE, record) == "https://www.example.go.th/news/wd-2569-00001/"
    files_only = replace(PROFILE, mode=PublishMode.FILES)
    assert txn.url_of(files_only, record) == \
        "https://www.example.go.th/news/wd-2569-00001/ประกาศ.pdf"


def _audit_actions(ctx: AppContext) -> list[str]:
    with ctx.db.read() as session:
        return [entry.action for entry in audit.entries(session)]


@sqlite_only
def test_work_done_with_the_lock_is_committed_with_it_or_not_at_all(
        ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    """``then`` (e.g. the "publishing" record) runs in the transaction that takes the lock."""
    before = _audit_actions(ctx)

    def record(session: records.Transaction) -> None:
        audit.append(session, action="probe_with_lock")
        assert _locks(ctx) == []                       # not committed yet: one transaction

    with txn.site_lock(ctx, PROFILE.site_id, then=record) as lock:
        assert _locks(ctx) == [(lock.name, lock.holder)]
        assert _audit_actions(ctx) == [*before, "probe_with_lock"]
    assert _locks(ctx) == []

    def refused(session: records.Transaction) -> None:
        audit.append(session, action="probe_refused")
        raise UserError("publish_request_changed")

    with pytest.raises(UserError) as caught, txn.site_lock(ctx, PROFILE.site_id, then=refused):
        pass
    assert_refusal(caught.value, "publish_request_changed")
    assert _locks(ctx) == [] and _audit_actions(ctx) == [*before, "probe_with_lock"]

    monkeypatch.setattr(txn, "SITE_LOCK_WAIT", -1.0)
    _plant_lock(ctx, "another-pc:12345:1")             # held: the work is not done
    with pytest.raises(UserError), txn.site_lock(ctx, PROFILE.site_id, then=refused):
        pass
    assert _audit_actions(ctx) == [*before, "probe_with_lock"]


class _OnceThenStop:
    """A stop event whose first wait times out (one renewal runs) and whose next one stops."""

    def __init__(self) -> None:
        self.waits = 0

    def wait(self, _timeout: float) -> bool:
        self.waits += 1
        return self.waits > 1


def test_the_upload_claim_is_renewed_while_held_and_released_after(ctx: AppContext) -> None:
    import threading

    job = txn.Job(ctx, None, PROFILE, 7)  # type: ignore[arg-type]    # (no actor needed)
    with txn.upload_claim(job) as claim:
        assert claim.name == f"upload:{PROFILE.site_id}:7"
        assert _locks(ctx) == [(claim.name, claim.holder)]
        assert any(t.name == "upload-claim" and t.is_alive() for t in threading.enumerate())
        with ctx.db.write() as session:        # as if its last renewal were long ago
            session.get(PublishLockRow, claim.name).expires_at = ctx.now()  # type: ignore[union-attr]
        txn._renew_claim(ctx, claim, _OnceThenStop())  # type: ignore[arg-type]
        with ctx.db.read() as session:
            row = session.get(PublishLockRow, claim.name)
            assert row is not None and row.expires_at >= ctx.now() + txn.UPLOAD_CLAIM_TTL \
                - timedelta(seconds=5)
    assert _locks(ctx) == []
    assert not any(t.name == "upload-claim" for t in threading.enumerate())


def test_a_second_upload_claim_is_refused_naming_the_pc(ctx: AppContext) -> None:
    assert records.take_lock(ctx.db, f"upload:{PROFILE.site_id}:7", "ห้องงานเว็บ-2:99:1",
                             ctx.now(), timedelta(minutes=5), lambda _h: False)
    job = txn.Job(ctx, None, PROFILE, 7)  # type: ignore[arg-type]
    with pytest.raises(UserError) as caught, txn.upload_claim(job):
        pass
    assert caught.value.code == "publish_already_running"
    assert "ห้องงานเว็บ-2" in caught.value.text("th")
    assert _locks(ctx) == [(f"upload:{PROFILE.site_id}:7", "ห้องงานเว็บ-2:99:1")]  # untouched
