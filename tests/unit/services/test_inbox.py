"""desktop.services.inbox: what awaits this person's signature, most urgent first, with what
they need to decide (content, notes, earlier sign-offs)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import Action
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.inbox import approver_inbox, inbox_detail
from desktop.services.signoff import Decision, decide
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import to_approval

Sample = Callable[..., PublicationRequest]


def test_the_inbox_holds_what_this_person_may_sign_most_urgent_first(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    later = to_approval(ctx, people, sample_request,
                        received_at=datetime(2026, 11, 23, 8, 0))
    sooner = to_approval(ctx, people, sample_request,
                         received_at=datetime(2026, 11, 19, 8, 0))
    own = to_approval(ctx, people, sample_request, registrar="both")
    boss = [i.request_id for i in approver_inbox(ctx, people["boss"])]
    assert boss == [sooner, later, own]
    assert [i.request_id for i in approver_inbox(ctx, people["both"])] == [sooner, later]
    assert approver_inbox(ctx, people["web1"]) == []
    first = approver_inbox(ctx, people["boss"])[0]
    assert (first.step, first.total_steps, first.may_sign_self) == (1, 1, True)
    assert not first.needs_resign


def test_overdue_items_are_flagged_by_working_days(ctx: AppContext, people,  # noqa: ANN001
                                                   sample_request: Sample,
                                                   clock: FakeClock) -> None:
    to_approval(ctx, people, sample_request, received_at=datetime(2026, 11, 23, 8, 0))
    (item,) = approver_inbox(ctx, people["boss"])
    assert item.due is not None and not item.overdue
    clock.now = datetime.combine(item.due, datetime.min.time()) + timedelta(days=1, hours=9)
    (item,) = approver_inbox(ctx, people["boss"])
    assert item.overdue


def test_a_decided_request_leaves_the_inbox(ctx: AppContext, people,  # noqa: ANN001
                                            sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert approver_inbox(ctx, people["boss"]) == []


def test_the_detail_carries_notes_and_earlier_decisions(ctx: AppContext, people,  # noqa: ANN001
                                                        sample_request: Sample) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, people["boss"], rid, Decision.REQUEST_CHANGES, "boss-pass-1", "ขอภาพประกอบ")
    rq.perform_action(ctx, people["web1"], rid, Action.RESUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL)
    detail = inbox_detail(ctx, people["boss"], rid)
    assert detail.options.may_sign_self
    assert [n.details["reason"] for n in detail.notes] == ["ขอภาพประกอบ"]
    (earlier,) = detail.signoffs
    assert (earlier.decision, earlier.name, earlier.reason, earlier.voided) == (
        "request_changes", "ผู้อำนวยการ", "ขอภาพประกอบ", False)
    assert detail.detail.request.id == rid
