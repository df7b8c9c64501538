"""Crash safety (issue 15): a process doing real work — register, attach, check, sign, publish
to a real OpenSSH sshd — is killed with SIGKILL at a random moment, 100 times on SQLite (and
20 on PostgreSQL).  After every kill: the database passes its integrity check, ``audit
verify`` passes, nothing the process had committed is lost (each request, file and sign-off it
reported is there, the file's bytes verify against their SHA-256), and once the reconcile step
has run the site and the records agree (an interrupted upload finished or rolled back).
The random moments are drawn from a seeded generator over one measured cycle: half over the
whole cycle, half inside each of its steps in turn, counted from the moment the step before
it reported its commit (:func:`kill_moments`) — so a loaded machine that stretches the steps
moves the kills later, never before the step they aim at.  What is asserted holds wherever
the kill lands; which step each kill interrupted depends on the machine's speed, so it is
not asserted."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.attachments import read_blob
from desktop.services.audit_log import verify_all
from desktop.services.demo import DEMO_USERS
from desktop.services.reconcile import reconcile_server
from desktop.store import publication_records as records
from desktop.store.models import AttachmentRow, SignoffRow
from tests.publish.conftest import sshd  # noqa: F401  (the real OpenSSH server fixture)
from tests.publish.sshd_server import SshdServer
from tests.publish.txn_world import World, make_world, site_problems
from tests.scale.crash_worker import CrashWorker, Fact

pytestmark = pytest.mark.sshd
KILLS = {"sqlite": 100, "postgresql": 20}


@pytest.fixture
def world(sshd: SshdServer, tmp_path: Path, database_url: str) -> Iterator[World]:  # noqa: F811
    built = make_world(sshd, tmp_path, database_url)
    try:
        yield built
    finally:
        built.ctx.close()


def _integrity(world: World) -> str:
    """SQLite's own check of the whole file ("ok"); PostgreSQL keeps its files itself."""
    if not world.ctx.db.is_sqlite:
        return "ok"
    path = make_url(world.ctx.paths.database_url).database
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _lost(world: World, facts: list[Fact]) -> list[str]:
    """What the killed process had reported as committed and is no longer so."""
    ctx, web = world.ctx, world.webmaster
    lost = []
    for fact in facts:
        kind, rid = fact[0], fact[1]
        detail = rq.get_request(ctx, web, rid)          # raises if the request is gone
        if kind == "attached":
            with ctx.db.read() as session:
                sha = session.execute(select(AttachmentRow.sha256)
                                      .where(AttachmentRow.id == fact[2])).scalar()
            if sha is None or len(read_blob(ctx, sha)) == 0:    # read_blob verifies the hash
                lost.append(f"file {fact[2]} of request {rid}")
        elif kind == "signed":
            with ctx.db.read() as session:
                if session.get(SignoffRow, fact[2]) is None:
                    lost.append(f"sign-off {fact[2]} of request {rid}")
        elif kind == "published":
            with ctx.db.read() as session:
                live = records.live_for_request(session, rid)
            if detail.request.state != RequestState.PUBLISHED or not live:
                lost.append(f"publication of request {rid}")
        elif kind == "state" and detail.request.state == RequestState.DRAFT:
            lost.append(f"state {fact[2]} of request {rid}")
    return lost


def kill_moments(rng: random.Random, steps: list[tuple[str, float]], cycle: float,
                 kills: int) -> list[tuple[int, float]]:
    """When to kill: (committed steps to wait for, then seconds).  Every other kill at a
    random moment of the whole measured cycle from the child's start (most land where most
    time goes: publishing), the others at a random moment inside each step in turn, after
    the step before it has committed (registering, attaching, each state change, signing,
    publishing, and the next cycle's start after a publish) — so the short steps are aimed
    at however the load stretches the long ones."""
    ends = [at for _fact, at in steps]
    widths = [end - start for start, end in
              zip([0.0, *ends], [*ends, ends[-1] + ends[0]], strict=True)]
    moments = []
    for run in range(kills):
        if run % 2 == 0:
            moments.append((0, rng.uniform(0.0, cycle)))
        else:
            step = (run // 2) % len(widths)
            moments.append((step, rng.uniform(0.0, widths[step])))
    return moments


def test_kill_nine_at_random_moments_loses_nothing_committed(world: World) -> None:
    kind = "sqlite" if world.ctx.db.is_sqlite else "postgresql"
    passwords = {name: password for name, password, *_ in DEMO_USERS}
    worker = CrashWorker(str(world.home), world.database_url, world.profile.to_dict(),
                         world.people, passwords, world.pdf)
    rng = random.Random(15)
    site = world.profile.site_id
    try:
        moments = kill_moments(rng, worker.steps, worker.cycle_seconds, KILLS[kind])
        # every step of the cycle, and the next cycle's start, has a kill aimed at it
        assert {after for after, _delay in moments} == set(range(len(worker.steps) + 1))
        for run, (after, delay) in enumerate(moments):
            result = worker.run(after, delay)
            where = (f"run {run}, killed {delay:.3f} s after {after} steps committed, "
                     f"facts {result.facts[-3:]}")
            assert result.status == -9, (where, worker.steps)   # killed, not failed
            assert len(result.facts) >= after, where            # not before its step
            assert _integrity(world) == "ok", where
            report = verify_all(world.ctx)
            assert report.ok, (where, asdict(report))
            assert _lost(world, result.facts) == [], where
            if result.facts and result.facts[-1][0] == "signed":   # killed while publishing
                reconcile_server(world.ctx, world.webmaster, world.profile,
                                 world.credentials())
                assert site_problems(world.ctx, world.web_root, site) == [], where
        reconcile_server(world.ctx, world.webmaster, world.profile, world.credentials())
        assert site_problems(world.ctx, world.web_root, site) == []
        assert verify_all(world.ctx).ok
    finally:
        worker.close()
