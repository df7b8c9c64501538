"""Races between real processes on one database (SQLite file and PostgreSQL): wrong
passwords counted exactly, no lost update, distinct request numbers."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from sqlalchemy import select

from desktop.domain.users import MAX_FAILED_SIGN_INS
from desktop.services import requests as rq
from desktop.store.models import AuditRow, RequestRow
from tests.security import race_workers
from tests.security.trust_fixtures import PASSWORDS, Office

SPAWN = multiprocessing.get_context("spawn")


def _race(workers: int, job: Callable[..., Any], *args: Any) -> list[Any]:
    """Run ``job(*args, barrier)`` in ``workers`` fresh processes that start together."""
    manager = SPAWN.Manager()
    try:
        barrier = manager.Barrier(workers)
        with ProcessPoolExecutor(workers, mp_context=SPAWN) as pool:
            futures = [pool.submit(job, *[a(i) if callable(a) else a for a in args], barrier)
                       for i in range(workers)]
            return [f.result(timeout=600) for f in futures]
    finally:
        manager.shutdown()


def _where(office: Office) -> tuple[str, str]:
    return str(office.ctx.paths.home), office.ctx.paths.database_url


def test_sixteen_processes_guessing_one_password_get_exactly_five_tries(office: Office) -> None:
    home, url = _where(office)
    results = _race(16, race_workers.guess_password, home, url, "boss")
    assert results.count("bad_credentials") == MAX_FAILED_SIGN_INS - 1
    assert results.count("account_locked") == 16 - (MAX_FAILED_SIGN_INS - 1)
    with office.ctx.db.read() as s:
        details = s.execute(select(AuditRow.details).where(
            AuditRow.action == "sign_in_failed", AuditRow.actor_name == "boss")).scalars().all()
    checked = [d for d in details if '"wrong password"' in d]
    assert len(checked) == MAX_FAILED_SIGN_INS          # exactly five passwords were checked
    assert len(details) == 16


def test_two_processes_editing_one_request_lose_no_update(office: Office) -> None:
    rid = office.new_request()
    home, url = _where(office)
    times = 100
    _race(2, race_workers.edit_many, home, url,
                    lambda i: ("web1", "web2")[i], lambda i: PASSWORDS[("web1", "web2")[i]],
                    rid, lambda i: f"p{i}", times)
    remarks = rq.get_request(office.ctx, office["web1"], rid).request.remarks
    tokens = [t for t in remarks.split(";") if t]
    assert sorted(tokens) == sorted(f"p{i}-{n}" for i in range(2) for n in range(times))


def test_two_processes_registering_at_once_get_distinct_numbers(office: Office) -> None:
    home, url = _where(office)
    made = _race(2, race_workers.register_many, home, url,
                 lambda i: ("web1", "web2")[i], lambda i: PASSWORDS[("web1", "web2")[i]], 25)
    ids = [rid for batch in made for rid in batch]
    with office.ctx.db.read() as s:
        references = s.execute(select(RequestRow.reference).where(RequestRow.id.in_(ids))
                               ).scalars().all()
    assert len(ids) == 50 and len(set(references)) == 50
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in references)
    assert numbers == list(range(numbers[0], numbers[0] + 50))   # no gaps, no repeats

