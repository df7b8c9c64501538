"""desktop.services.next_actor: who must act next on a request, in words — the approval step
and the people who may sign it, or the role that works on it now; nobody when it is over."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.messages import Localized
from desktop.domain.request import PublicationRequest
from desktop.services import requests as rq
from desktop.services.approval_chain import ApprovalStep, set_chain
from desktop.services.context import AppContext
from desktop.services.next_actor import who_acts_next
from desktop.services.signoff import Decision, decide
from tests.unit.services.support import sqlite_only, to_approval

Sample = Callable[..., PublicationRequest]


def _next(ctx: AppContext, people, rid: int) -> Localized | None:  # noqa: ANN001
    found = who_acts_next(ctx, people["web1"], rq.get_request(ctx, people["web1"], rid))
    return None if found is None else found.text


@sqlite_only
def test_the_role_that_works_on_it_now(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    draft = rq.register_request(ctx, people["web1"], sample_request())
    text = _next(ctx, people, draft)
    assert text is not None and "ส่งคำขอ" in text.th and "submit" in text.en
    rejected = to_approval(ctx, people, sample_request)
    decide(ctx, people["boss"], rejected, Decision.REJECT, "boss-pass-1", "ไม่เกี่ยวข้อง")
    assert _next(ctx, people, rejected) is None                     # nothing more happens


@sqlite_only
def test_any_approver_by_default(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = to_approval(ctx, people, sample_request)
    text = _next(ctx, people, rid)
    assert text is not None
    assert text.th.startswith("ขั้นที่ 1 จาก 1") and "ผู้อนุมัติคนใดก็ได้" in text.th
    assert "any approver" in text.en


@sqlite_only
def test_a_named_step_names_its_signers_by_their_full_names(ctx: AppContext, people,  # noqa: ANN001
                                                            sample_request: Sample) -> None:
    set_chain(ctx, people["admin"], "news",
              [ApprovalStep(1, Localized("หัวหน้ากลุ่มงาน", "Head of group"), ("both",)),
               ApprovalStep(2, Localized("ผู้อำนวยการ", "Director"), ("boss",))])
    rid = to_approval(ctx, people, sample_request)
    first = _next(ctx, people, rid)
    assert first is not None and "ขั้นที่ 1 จาก 2 — หัวหน้ากลุ่มงาน (หัวหน้ากลุ่มงาน)" in first.th
    decide(ctx, people["both"], rid, Decision.APPROVE, "both-pass-1")
    second = _next(ctx, people, rid)
    assert second is not None and second.en == "Step 2 of 2 — Director (ผู้อำนวยการ) to sign"
