"""Races (issue 15): two processes on one database — a SQLite file, and PostgreSQL — each doing
500 random actions (edits, moving requests on, the director's decisions, publishes to a real
SFTP server, takedowns), often on the same request at the same moment.  Whatever the
interleaving, the invariants hold: nothing published twice, nothing published without valid
signatures, no lost update, the audit chain intact, and no "database is locked" (or any other
failure that is not a clear refusal) reaching a user.

The SFTP server is the in-process asyncssh one (desktop/publish/embedded_sftp.py), both
processes publishing to it over TCP: the races under test are the database's.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.audit_log import verify_all
from desktop.services.demo_files import sample_pdf
from desktop.services.signature_check import verify_request
from desktop.store.models import AuditRow, PublicationRow, SignoffRow
from tests.publish.txn_world import site_problems
from tests.scale import race_actors
from tests.security.trust_fixtures import PASSWORDS, Office, make_office
from tests.support.embedded_site import EmbeddedSite, embedded_site

SPAWN = multiprocessing.get_context("spawn")
ACTIONS = 500
UNEXPECTED = {"database_locked", "database_unreachable", "database_corrupt"}


@pytest.fixture
def office(tmp_path: Path, database_url: str) -> Iterator[Office]:
    made = make_office(tmp_path / "profile", database_url)
    yield made
    made.ctx.close()


@pytest.fixture
def site(tmp_path: Path, office: Office) -> Iterator[EmbeddedSite]:
    with embedded_site(tmp_path) as made:
        office.ctx.paths.known_hosts.write_text(made.server.known_hosts_line() + "\n")
        yield made


def _race(office: Office, site: EmbeddedSite, clash: dict[str, int]
          ) -> list[race_actors.Outcomes]:
    ctx = office.ctx
    profile = site.profile(retry_first_delay=0.0).to_dict()
    manager = SPAWN.Manager()
    try:
        barrier = manager.Barrier(2)
        with ProcessPoolExecutor(2, mp_context=SPAWN) as pool:
            futures = [pool.submit(race_actors.run, str(ctx.paths.home),
                                   ctx.paths.database_url, worker, ("web1", "web2")[worker],
                                   PASSWORDS, profile, sample_pdf("ประกาศแข่งกัน"), ACTIONS,
                                   1500 + worker, barrier, clash)
                       for worker in range(2)]
            return [f.result(timeout=1800) for f in futures]
    finally:
        manager.shutdown()


def test_two_processes_racing_on_one_queue_keep_every_invariant(
        office: Office, site: EmbeddedSite) -> None:
    for _ in range(4):                  # something to work on from the first action
        office.approved("ประกาศเริ่มต้น")
    clash = {"edit": office.new_request("ประกาศแก้พร้อมกัน"),
             "decide": office.awaiting("ประกาศลงนามพร้อมกัน"),
             "publish": office.approved("ประกาศเผยแพร่พร้อมกัน")}
    outcomes = _race(office, site, clash)
    ctx = office.ctx
    counts: Counter[str] = sum((o.counts for o in outcomes), Counter())
    # nothing but clear refusals reached the user: no bug, no "database is locked"
    assert [bug for o in outcomes for bug in o.bugs] == []
    assert {key for key in counts if key.split(": ")[1] in UNEXPECTED} == set(), counts
    assert sum(counts.values()) == 2 * ACTIONS
    # both processes did every kind of action (the scripted part, each on its own request)
    for o in outcomes:
        assert o.scripted == Counter({"advance: done": 4, "edit: done": 1, "decide: done": 1,
                                      "publish: done": 1, "take_down: done": 1}), o.scripted
    # they really raced: in each clash on one request, one was done and one was refused
    for kind in clash:
        seen = sorted(o.clashes[kind] for o in outcomes)
        assert seen[0] == "done" and seen[1] not in ("done", *UNEXPECTED), (kind, seen)
        assert not seen[1].startswith("bug"), seen[1]
    # no lost update: every accepted edit's token is in its request
    remarks = {rid: rq.get_request(ctx, office["web1"], rid).request.remarks
               for rid, _token in (e for o in outcomes for e in o.edits)}
    lost = [(rid, token) for o in outcomes for rid, token in o.edits
            if f"{token};" not in remarks[rid]]
    assert lost == []
    with ctx.db.read() as session:
        actions = session.execute(select(AuditRow.request_id, AuditRow.action)
                                  .where(AuditRow.action.in_(("publish", "take_down")))
                                  .order_by(AuditRow.id)).all()
        publications = session.execute(select(PublicationRow)).scalars().all()
        approvals = session.execute(select(SignoffRow).where(SignoffRow.decision == "approve")
                                    ).scalars().all()
    # nothing published twice: per request, publish and take_down alternate
    sequence: dict[int, list[str]] = defaultdict(list)
    for rid, action in actions:
        sequence[rid or 0].append(action)
    twice = {rid: seen for rid, seen in sequence.items()
             if any(a == b for a, b in zip(seen, seen[1:], strict=False)) or seen[0] != "publish"}
    assert twice == {}
    live = Counter(p.request_id for p in publications if p.status == "published")
    assert [rid for rid, n in live.items() if n > 1] == []
    # nothing published without a valid signature over exactly what went out
    signed = {(s.request_id, s.manifest_hash) for s in approvals if s.signature}
    unsigned = [p.id for p in publications if p.status in ("published", "taken_down")
                and (p.request_id, p.manifest_hash) not in signed]
    assert unsigned == []
    for rid in live:
        assert rq.get_request(ctx, office["web1"], rid).request.state == RequestState.PUBLISHED
        signatures = verify_request(ctx, rid)
        assert signatures.ok, signatures.problems()
    # the site and the records agree; the audit chain holds
    assert site_problems(ctx, site.web_root, site.profile().site_id) == []
    report = verify_all(ctx)
    assert report.ok, report
