"""desktop.services.requests: register, edit (no lost update), the workflow's transitions,
the published period, finding and listing requests.  (The long workflow walks are in
test_workflow_services.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from desktop.domain.errors import NotFound, PermissionDenied, UserError, ValidationFailed
from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.workflow import Action, RequestState
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.signoff import Decision, decide
from tests.unit.services.conftest import FakeClock
from tests.unit.services.support import (
    approved,
    assert_refusal,
    audit_actions,
    audit_count,
    to_approval,
)

Sample = Callable[..., PublicationRequest]


def test_a_registered_request_is_a_numbered_draft(ctx: AppContext, people,  # noqa: ANN001
                                                  sample_request: Sample) -> None:
    first = rq.register_request(ctx, people["web1"], sample_request(received_at=None))
    second = rq.register_request(ctx, people["web2"], sample_request(title="ข่าวที่สอง"))
    detail = rq.get_request(ctx, people["web1"], first)
    assert detail.request.state == RequestState.DRAFT
    assert detail.request.reference == "WD-2569-00001"          # Buddhist Era year
    assert detail.request.received_at == ctx.now()               # none given: now
    assert rq.get_request(ctx, people["web1"], second).request.reference == "WD-2569-00002"
    assert rq.find_request_id(ctx, "WD-2569-00002") == second
    assert rq.find_request_id(ctx, " wd-2569-00001 ") == first
    assert rq.find_request_id(ctx, "7") == 7                      # a number is taken as it is
    with pytest.raises(NotFound) as caught:
        rq.find_request_id(ctx, "WD-2569-09999")
    assert_refusal(caught.value, "request_not_found")
    assert [h.action for h in detail.history] == ["request_registered"]
    assert Action.SUBMIT in detail.allowed


@pytest.mark.parametrize(("changes", "code"), [
    ({"title": "   "}, "missing_fields"),
    ({"external_link": "not a link"}, "invalid_fields"),
    ({"publish_date": date(2026, 12, 1), "expiry_date": date(2026, 11, 1)}, "invalid_fields"),
    ({"title": "ก" * 5000}, "fields_too_long"),
])
def test_bad_content_is_refused_and_nothing_is_saved(ctx: AppContext, people,  # noqa: ANN001
                                                     sample_request: Sample,
                                                     changes: dict[str, object],
                                                     code: str) -> None:
    before = audit_count(ctx)
    with pytest.raises(ValidationFailed) as caught:
        rq.register_request(ctx, people["web1"], sample_request(**changes))
    assert_refusal(caught.value, code)
    assert rq.count_requests(ctx, rq.RequestQuery()) == 0 and audit_count(ctx) == before


def test_only_webmasters_register(ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied) as caught:
        rq.register_request(ctx, people["boss"], sample_request())
    assert_refusal(caught.value, "role_missing")


def test_an_edit_from_an_older_version_is_refused_naming_who_changed_it(
        ctx: AppContext, people, sample_request: Sample) -> None:  # noqa: ANN001
    rid = rq.register_request(ctx, people["web1"], sample_request())
    opened_by_web1 = rq.get_request(ctx, people["web1"], rid).request
    opened_by_web2 = rq.get_request(ctx, people["web2"], rid).request
    saved = rq.update_request(ctx, people["web2"], rid,
                              opened_by_web2.with_changes(summary="สรุปใหม่จากคนที่สอง"))
    assert saved.version == opened_by_web2.version + 1
    with pytest.raises(UserError) as caught:
        rq.update_request(ctx, people["web1"], rid,
                          opened_by_web1.with_changes(summary="สรุปที่จะทับ"))
    assert_refusal(caught.value, "stale_edit")
    assert "สมศรี" in caught.value.text("th") or "web2" in caught.value.text("th")
    assert "/2569 " in caught.value.text("th")                    # when, in the BE year
    assert rq.get_request(ctx, people["web1"], rid).request.summary == "สรุปใหม่จากคนที่สอง"
    again = rq.update_request(ctx, people["web1"], rid, saved.with_changes(summary="ต่อจากล่าสุด"))
    assert again.summary == "ต่อจากล่าสุด"


def test_an_edit_that_changes_nothing_is_not_a_new_version(ctx: AppContext, people,  # noqa: ANN001
                                                           sample_request: Sample) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    current = rq.get_request(ctx, people["web1"], rid).request
    same = rq.update_request(ctx, people["web1"], rid, current)
    assert same.version == current.version
    assert audit_actions(ctx, rid) == ["request_registered"]


def test_a_published_request_cannot_be_edited(ctx: AppContext, people,  # noqa: ANN001
                                              sample_request: Sample) -> None:
    rid = approved(ctx, people, sample_request)
    rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    current = rq.get_request(ctx, people["web1"], rid).request
    with pytest.raises(UserError) as caught:
        rq.update_request(ctx, people["web1"], rid, current.with_changes(title="แก้หลังเผยแพร่"))
    assert_refusal(caught.value, "illegal_transition")


def test_sign_off_actions_need_the_decision_service(ctx: AppContext, people,  # noqa: ANN001
                                                   sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    for action, code in ((Action.APPROVE, "reauth_required"),
                         (Action.REJECT, "reauth_required"),
                         (Action.VOID_SIGNOFF, "role_required")):
        with pytest.raises(PermissionDenied) as caught:
            rq.perform_action(ctx, people["boss"], rid, action, "เหตุผล")
        assert_refusal(caught.value, code)
    assert rq.get_request(ctx, people["boss"], rid).request.state == \
        RequestState.AWAITING_APPROVAL


def test_a_returned_request_needs_a_reason(ctx: AppContext, people,  # noqa: ANN001
                                          sample_request: Sample) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    with pytest.raises(UserError) as caught:
        rq.perform_action(ctx, people["web2"], rid, Action.RETURN_FOR_CORRECTION)
    assert_refusal(caught.value, "reason_required")
    assert rq.perform_action(ctx, people["web2"], rid, Action.RETURN_FOR_CORRECTION,
                             "ขอไฟล์ต้นฉบับ") == RequestState.RETURNED
    last = rq.get_request(ctx, people["web1"], rid).history[-1]
    assert last.details["reason"] == "ขอไฟล์ต้นฉบับ"


def test_the_period_of_a_published_item_can_move_within_limits(
        ctx: AppContext, people, sample_request: Sample, clock: FakeClock) -> None:  # noqa: ANN001
    rid = approved(ctx, people, sample_request, publish_date=date(2026, 11, 23),
                   expiry_date=date(2026, 12, 31))
    with pytest.raises(UserError) as early:
        rq.change_publication_period(ctx, people["web1"], rid, date(2027, 1, 31))
    assert_refusal(early.value, "period_not_published")
    rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    clock.now = datetime(2026, 11, 25, 10, 0)
    with pytest.raises(UserError) as past:
        rq.change_publication_period(ctx, people["web1"], rid, date(2026, 11, 24))
    assert_refusal(past.value, "period_in_past")
    old = rq.change_publication_period(ctx, people["web1"], rid, date(2027, 3, 31), "ขยายตามคำขอ")
    assert old == date(2026, 12, 31)
    detail = rq.get_request(ctx, people["web1"], rid)
    assert detail.request.expiry_date == date(2027, 3, 31)
    change = detail.history[-1]
    assert (change.action, change.details) == ("publication_period_changed", {
        "from": "2026-12-31", "to": "2027-03-31", "reason": "ขยายตามคำขอ"})
    with pytest.raises(PermissionDenied):
        rq.change_publication_period(ctx, people["boss"], rid, date(2027, 4, 30))


def test_a_period_cannot_end_before_it_was_published(ctx: AppContext, people,  # noqa: ANN001
                                                    sample_request: Sample) -> None:
    rid = approved(ctx, people, sample_request, publish_date=date(2026, 12, 10),
                   expiry_date=date(2026, 12, 31))
    rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    with pytest.raises(UserError) as caught:
        rq.change_publication_period(ctx, people["web1"], rid, date(2026, 12, 1))
    assert_refusal(caught.value, "period_before_publish")


def test_the_queue_sorts_searches_thai_and_counts(ctx: AppContext, people,  # noqa: ANN001
                                                  sample_request: Sample,
                                                  clock: FakeClock) -> None:
    titles = ["ข่าวประชาสัมพันธ์กิจกรรม", "ประกาศรับสมัครงาน", "งานประชาสัมพันธ์โครงการ"]
    for index, title in enumerate(titles):
        clock.now += timedelta(minutes=1)
        rq.register_request(ctx, people["web1"], sample_request(
            title=title, requester=Requester(name="ผู้ขอ", unit=f"หน่วย {index}")))
    newest_first = [r.title for r in rq.list_requests(ctx, rq.RequestQuery())]
    assert newest_first == list(reversed(titles))
    by_title = rq.list_requests(ctx, rq.RequestQuery(sort="title", descending=False))
    assert [r.title for r in by_title] == sorted(titles)
    found = rq.list_requests(ctx, rq.RequestQuery(text="ประชาสัมพันธ์"))
    assert sorted(r.title for r in found) == sorted([titles[0], titles[2]])
    assert rq.count_requests(ctx, rq.RequestQuery(text="ประชาสัมพันธ์")) == 2
    assert rq.count_requests(ctx, rq.RequestQuery(text="100%_")) == 0   # LIKE signs are text
    row = found[0]
    assert row.due is not None and row.received_at is not None
    assert row.due > row.received_at.date()                             # SLA working days
    assert row.attachment_count == 0


def test_due_for_takedown_lists_published_items_by_expiry(ctx: AppContext, people,  # noqa: ANN001
                                                         sample_request: Sample) -> None:
    rid = approved(ctx, people, sample_request, publish_date=date(2026, 11, 23),
                   expiry_date=date(2026, 11, 30))
    rq.perform_action(ctx, people["web1"], rid, Action.PUBLISH)
    assert rq.count_requests(ctx, rq.RequestQuery(due_by=date(2026, 11, 29))) == 0
    due = rq.list_requests(ctx, rq.RequestQuery(due_by=date(2026, 11, 30)))
    assert [r.id for r in due] == [rid] and due[0].expiry_date == date(2026, 11, 30)


def test_rejecting_needs_no_publish_and_records_the_reason(ctx: AppContext, people,  # noqa: ANN001
                                                          sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    decide(ctx, people["boss"], rid, Decision.REJECT, "boss-pass-1", "ไม่เกี่ยวข้อง")
    detail = rq.get_request(ctx, people["web1"], rid)
    assert detail.request.state == RequestState.REJECTED and detail.allowed == ()
