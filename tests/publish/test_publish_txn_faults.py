"""Fault injection at every step boundary of publish and takedown, then reconcile.

Each run breaks one publish or takedown at one boundary — after the "publishing" record,
before and after the rename, while the index page or the feed is half written, before and
after the database commit — in one of three ways: SIGKILL of the publishing process (a child
forked from one warm forkserver), a forced failure that a retry will not cure, or a dropped
link (which the retry must finish).  After each run (and, for the failures the process lives
through, also *before* any reconcile) the site and the records must agree: no item live
without a "published" record, no recorded item missing from the site, no temporary in a public
folder, every index listing exactly the live items.  SQLite (60 runs) and PostgreSQL (45).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.domain.workflow import RequestState
from desktop.publish import steps
from desktop.publish.connection import connect
from desktop.publish.errors import ConnectionLostError, PublishError
from desktop.services.publish_txn import site_lock
from desktop.services.publishing import publish_request, take_down_request
from desktop.services.reconcile import ReconcileReport, reconcile_connection
from desktop.services.servers import host_key_store
from tests.publish.fault_child import KillingWorker, Run
from tests.publish.sshd_server import SshdServer
from tests.publish.txn_world import World, make_world, site_problems

pytestmark = pytest.mark.sshd

PUBLISH_POINTS = [(steps.PUBLISH_RECORDED, ""), (steps.PUBLISH_BEFORE_RENAME, ""),
                  (steps.PUBLISH_AFTER_RENAME, ""), (steps.PAGE_UPLOADED, "index.html"),
                  (steps.PAGE_RENAMED, "index.html"), (steps.PAGE_UPLOADED, "feed.xml"),
                  (steps.PUBLISH_BEFORE_COMMIT, ""), (steps.PUBLISH_AFTER_COMMIT, "")]
TAKEDOWN_POINTS = [(steps.TAKEDOWN_RECORDED, ""), (steps.TAKEDOWN_BEFORE_RENAME, ""),
                   (steps.TAKEDOWN_AFTER_RENAME, ""), (steps.PAGE_UPLOADED, "index.html"),
                   (steps.PAGE_UPLOADED, "feed.xml"), (steps.TAKEDOWN_BEFORE_COMMIT, ""),
                   (steps.TAKEDOWN_AFTER_COMMIT, "")]
# SQLite twice killed at every boundary, PostgreSQL once: 60 + 45 = 105 runs in all.
MODES = {"sqlite": ("kill", "fail", "cut", "kill"), "postgresql": ("kill", "fail", "cut")}
# What a publish that failed (and was not retried) must say, by where it broke.
TRUTH = {steps.PUBLISH_RECORDED: "publish_failed_nothing_live",
         steps.PUBLISH_BEFORE_RENAME: "publish_failed_nothing_live",
         steps.PUBLISH_AFTER_COMMIT: "publish_done_with_error"}


class Pool:
    """Requests to break things with: approved ones (a rolled-back publish leaves its request
    approved, so it is used again) and published ones for the takedowns."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.made = 0

    def approved(self) -> int:
        for rid in self.world.approved:
            if self.world.state(rid) == RequestState.APPROVED:
                return rid
        self.made += 1
        rid = self.world.approved_request()
        self.world.approved.append(rid)
        return rid

    def published(self) -> int:
        for rid in self.world.approved:
            if self.world.state(rid) == RequestState.PUBLISHED:
                return rid
        rid = self.approved()
        publish_request(self.world.ctx, self.world.webmaster, rid, self.world.profile,
                        self.world.credentials())
        return rid


@pytest.fixture
def world(sshd: SshdServer, tmp_path: Path, database_url: str) -> Iterator[World]:
    built = make_world(sshd, tmp_path, database_url)
    try:
        yield built
    finally:
        built.close()


def reconcile(world: World) -> ReconcileReport:
    """What ``webdesk reconcile`` does, under the site lock, on one connection kept for the
    whole test (a reconnect per run would only add time)."""
    if world.connection is None:
        world.connection = connect(world.profile, host_key_store(world.ctx),
                                   world.credentials())
    with site_lock(world.ctx, world.profile.site_id):
        return reconcile_connection(world.ctx, world.connection, world.profile, "test")


def _break_in_process(world: World, operation: str, rid: int, step: str, detail: str,
                      mode: str) -> BaseException | None:
    fired: list[str] = []

    def hook(reached: str, what: str) -> None:
        if not fired and reached == step and (not detail or what.endswith(detail)):
            fired.append(reached)
            if mode == "cut":
                raise ConnectionLostError("sftp_connection_lost", host="127.0.0.1",
                                          detail="injected")
            raise PublishError("sftp_write_failed", path=what or step, detail="injected")

    remove = steps.install(hook)
    try:
        if operation == "publish":
            publish_request(world.ctx, world.webmaster, rid, world.profile, world.credentials())
        else:
            take_down_request(world.ctx, world.webmaster, rid, world.profile,
                              world.credentials(), "ทดสอบ")
        caught: BaseException | None = None
    except UserError as error:
        caught = error
    finally:
        remove()
    assert fired, f"{operation} never reached {step} {detail}"
    return caught


def test_every_step_boundary_broken_then_reconciled(world: World) -> None:
    pool = Pool(world)
    worker = KillingWorker(str(world.home), world.database_url, world.profile.to_dict(),
                           world.webmaster, pool.approved())
    modes = MODES["sqlite" if world.database_url.startswith("sqlite") else "postgresql"]
    try:
        runs = _break_everything(world, pool, worker, modes)
    finally:
        worker.close()
    assert runs == len(modes) * (len(PUBLISH_POINTS) + len(TAKEDOWN_POINTS)) in (60, 45)
    assert not list(world.web_root.rglob(".*")) and not list(world.web_root.rglob("*.tmp"))


def _break_everything(world: World, pool: Pool, worker: KillingWorker,
                      modes: tuple[str, ...]) -> int:
    site = world.profile.site_id
    runs = 0
    for operation, points in (("publish", PUBLISH_POINTS), ("takedown", TAKEDOWN_POINTS)):
        for step, detail in points:
            for mode in modes:
                rid = pool.approved() if operation == "publish" else pool.published()
                where = f"{operation} {mode} at {step} {detail} (request {rid})"
                if mode == "kill":
                    code = worker.kill_at(Run(rid, operation, step, detail))
                    assert code == -9, f"{where}: exit code {code}"
                else:
                    error = _break_in_process(world, operation, rid, step, detail, mode)
                    assert (error is None) == (mode == "cut"), f"{where}: {error}"
                    if operation == "publish" and mode == "fail":
                        assert error is not None and error.code == TRUTH.get(  # type: ignore[attr-defined]
                            step, "publish_failed_rolled_back"), f"{where}: {error}"
                    # the process lived: it completed or rolled back by itself
                    assert site_problems(world.ctx, world.web_root, site) == [], where
                report = reconcile(world)
                problems = site_problems(world.ctx, world.web_root, site)
                assert problems == [], f"{where}: {problems}; reconcile: {report.lines()}"
                runs += 1
    return runs


@pytest.mark.parametrize("when", ["uploading", steps.PUBLISH_AFTER_RENAME])
def test_request_edited_while_it_uploads(world: World, when: str) -> None:
    """Someone edits the request while it uploads (the sign-off is void, it goes back to
    review): nothing stays on the site, the error says so, the session is logged with the
    bytes it sent."""
    from dataclasses import replace

    from sqlalchemy import select

    from desktop.publish.transfer import FileProgress
    from desktop.services import requests as rq
    from desktop.services.publishing import PublishControls
    from desktop.store.models import AuditRow

    rid = world.approved_request()
    edited: list[str] = []

    def edit(reached: str, _what: str = "") -> None:
        if reached == when and not edited:
            edited.append(reached)
            current = rq.get_request(world.ctx, world.webmaster, rid).request
            rq.update_request(world.ctx, world.webmaster, rid,
                              replace(current, summary="แก้ไขระหว่างอัปโหลด"))

    def progress(done: FileProgress) -> None:
        edit(done.state)

    remove = steps.install(edit)
    try:
        with pytest.raises(UserError) as refused:
            publish_request(world.ctx, world.webmaster, rid, world.profile,
                            world.credentials(), PublishControls(on_progress=progress))
    finally:
        remove()
    assert edited == [when]
    expected = ("publish_request_changed" if when == "uploading"
                else "publish_failed_rolled_back")
    assert refused.value.code == expected
    assert world.state(rid) != RequestState.PUBLISHED
    assert not (world.web_root / "news" / "wd-2569-00001").exists()
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []
    with world.ctx.db.read() as session:
        logged = session.execute(select(AuditRow.details).where(
            AuditRow.action == "sftp_session")).scalars().all()
    assert len(logged) == 1 and '"result": "failed"' in logged[0]
    assert '"bytes": 0,' not in logged[0]
