"""desktop.services.signature_check: before anything is published, every step of the chain
needs a live approval whose signature verifies over exactly the content and bytes about to go
out; ``signoff verify`` reports the same, naming what does not hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop.domain.errors import UserError
from desktop.domain.messages import Localized
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Action
from desktop.services import requests as rq
from desktop.services.approval_chain import ApprovalStep, set_chain
from desktop.services.context import AppContext
from desktop.services.signature_check import ensure_publishable_in, verify_request
from desktop.services.signoff import Decision, decide
from desktop.store.models import RequestRow
from tests.unit.services.support import assert_refusal, sqlite_only, to_approval, with_files

Sample = Callable[..., PublicationRequest]


def _published_bytes(ctx: AppContext, people, rid: int) -> dict[str, str]:  # noqa: ANN001
    request = rq.get_request(ctx, people["web1"], rid).request
    return {a.web_name: a.published_sha256 or a.sha256 for a in request.attachments}


def test_an_approval_verifies_for_exactly_the_approved_bytes(ctx: AppContext, people,  # noqa: ANN001
                                                             sample_request: Sample) -> None:
    rid = with_files(ctx, people, sample_request)
    report = verify_request(ctx, rid)
    assert report.ok and report.total_steps == 1 and report.problems() == []
    assert [(c.step, c.signer, c.ok) for c in report.checks] == [(1, "ผู้อำนวยการ", True)]
    published = _published_bytes(ctx, people, rid)
    with ctx.db.read() as session:
        row = session.get(RequestRow, rid)
        assert row is not None
        assert ensure_publishable_in(session, ctx, row, published).ok
        name = next(iter(published))
        with pytest.raises(UserError) as swapped:
            ensure_publishable_in(session, ctx, row, {**published, name: "0" * 64})
        assert_refusal(swapped.value, "signoff_not_verified")
        assert "SHA-256" in swapped.value.text("en")
        with pytest.raises(UserError) as extra:
            ensure_publishable_in(session, ctx, row, {**published, "extra.pdf": "1" * 64})
        assert "not signed" in extra.value.text("en")


@sqlite_only
def test_nothing_signed_and_missing_steps_are_named(ctx: AppContext, people,  # noqa: ANN001
                                                    sample_request: Sample) -> None:
    draft = rq.register_request(ctx, people["web1"], sample_request())
    report = verify_request(ctx, draft)
    assert not report.ok and report.checks == () and report.missing_steps == (1,)
    assert report.problems() == ["step 1: no valid approval"]
    set_chain(ctx, people["admin"], "news",
              [ApprovalStep(1, Localized("หัวหน้า", "Head"), ("both",)),
               ApprovalStep(2, Localized("ผู้อำนวยการ", "Director"), ("boss",))])
    rid = to_approval(ctx, people, sample_request)
    decide(ctx, people["both"], rid, Decision.APPROVE, "both-pass-1")
    halfway = verify_request(ctx, rid)
    assert not halfway.ok and halfway.missing_steps == (2,) and halfway.total_steps == 2


@sqlite_only
def test_content_changed_behind_the_app_is_named(ctx: AppContext, people,  # noqa: ANN001
                                                 sample_request: Sample) -> None:
    rid = with_files(ctx, people, sample_request)
    with ctx.db.write() as session:
        row = session.get(RequestRow, rid)
        assert row is not None
        row.body = "ข้อความที่ไม่ได้รับอนุมัติ"
    report = verify_request(ctx, rid)
    assert not report.ok and "body" in " ".join(report.problems())


@sqlite_only
def test_a_published_items_changed_period_still_verifies(ctx: AppContext, people,  # noqa: ANN001
                                                        sample_request: Sample) -> None:
    rid = with_files(ctx, people, sample_request, publish_date=date(2026, 11, 23),
                     expiry_date=date(2026, 12, 31))
    rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    rq.change_publication_period(ctx, people["web1"], rid, date(2027, 3, 31), "ขยายเวลา")
    assert verify_request(ctx, rid).ok
