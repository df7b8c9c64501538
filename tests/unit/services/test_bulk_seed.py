"""desktop.services.bulk_seed: years of requests in one transaction for tests and benchmarks —
real files stored once, every request with its audit row in the chain, mostly archived,
some open; a count outside the limits is refused."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop.domain.errors import UserError
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.attachments import list_files, read_blob
from desktop.services.audit_log import verify_all
from desktop.services.bulk_seed import MAX_REQUESTS, SEARCH_WORD, seed_bulk
from desktop.services.context import AppContext
from tests.unit.services.support import assert_refusal, audit_actions, sqlite_only


def test_a_load_of_requests_with_files_whose_chain_verifies(ctx: AppContext) -> None:
    seen: list[int] = []
    result = seed_bulk(ctx, 60, files_per_request=2, years=2, progress=seen.append)
    assert (result.requests, result.files) == (60, 120) and seen == [60]
    assert result.last_id - result.first_id + 1 == 60
    assert rq.count_requests(ctx, rq.RequestQuery()) == 60
    states = Counter(r.state for r in rq.list_requests(ctx, rq.RequestQuery(limit=100)))
    assert states[RequestState.ARCHIVED] > states[RequestState.DRAFT]
    files = list_files(ctx, result.first_id)
    assert len(files) == 2 and all(read_blob(ctx, f.info.sha256) for f in files)
    assert audit_actions(ctx).count("request_registered") == 60
    assert verify_all(ctx).ok
    found = rq.count_requests(ctx, rq.RequestQuery(text=SEARCH_WORD))
    assert 0 < found < 60


def test_the_same_seed_gives_the_same_queue(ctx: AppContext) -> None:
    seed_bulk(ctx, 10, files_per_request=1, seed=3)
    titles = sorted(r.title for r in rq.list_requests(ctx, rq.RequestQuery()))
    seed_bulk(ctx, 10, files_per_request=1, seed=3)
    twice = Counter(r.title for r in rq.list_requests(ctx, rq.RequestQuery()))
    assert all(twice[title] >= 2 for title in titles)


@sqlite_only
@pytest.mark.parametrize("count", [0, MAX_REQUESTS + 1])
def test_a_count_outside_the_limits_is_refused(ctx: AppContext, count: int) -> None:
    with pytest.raises(UserError) as caught:
        seed_bulk(ctx, count)
    assert_refusal(caught.value, "bulk_count")
    assert rq.count_requests(ctx, rq.RequestQuery()) == 0
