"""Who acts next, as the queue says it; and an admin's "published another way"."""

from __future__ import annotations

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.messages import Localized
from desktop.domain.workflow import RequestState
from desktop.services import requests as rq
from desktop.services.approval_chain import ApprovalStep, set_chain
from tests.security.trust_fixtures import PASSWORDS, Office


def _waiting(office: Office, rid: int) -> Localized:
    rows = rq.list_requests(office.ctx, rq.RequestQuery(limit=100))
    return next(r.waiting_for for r in rows if r.id == rid)


def test_the_queue_names_the_step_and_person_awaited(office: Office) -> None:
    set_chain(office.ctx, office["admin"], "news", [
        ApprovalStep(1, Localized("หัวหน้ากลุ่มงาน", "Head of group"), ("head",)),
        ApprovalStep(2, Localized("ผู้อำนวยการ", "Director"), ("boss",))])
    draft = office.new_request("ร่างคำขอ")
    assert "ตรวจสอบ" in _waiting(office, draft).th
    rid = office.awaiting()
    text = _waiting(office, rid)
    assert text.th == "ขั้นที่ 1/2: หัวหน้ากลุ่มงาน (หัวหน้ากลุ่มงาน)"
    assert text.en.startswith("step 1/2: Head of group")
    from desktop.services.signoff import Decision, decide

    decide(office.ctx, office["head"], rid, Decision.APPROVE, PASSWORDS["head"])
    assert _waiting(office, rid).th == "ขั้นที่ 2/2: ผู้อำนวยการ (ผู้อำนวยการ)"
    decide(office.ctx, office["boss"], rid, Decision.APPROVE, PASSWORDS["boss"])
    assert _waiting(office, rid).en == "webmaster: publish"


def test_an_admin_records_an_item_published_elsewhere(office: Office) -> None:
    rid = office.approved()
    with pytest.raises(PermissionDenied):
        rq.record_published_elsewhere(office.ctx, office["web1"], rid,
                                      "https://www.example.go.th/x", "ลงผ่านระบบ CMS")
    with pytest.raises(UserError) as refused:
        rq.record_published_elsewhere(office.ctx, office["admin"], rid, "www.example", "เหตุผล")
    assert refused.value.code == "elsewhere_url"
    with pytest.raises(UserError):
        rq.record_published_elsewhere(office.ctx, office["admin"], rid,
                                      "https://www.example.go.th/x", "  ")
    state = rq.record_published_elsewhere(office.ctx, office["admin"], rid,
                                          "https://www.example.go.th/x", "ลงผ่านระบบ CMS")
    assert state == RequestState.PUBLISHED
    detail = rq.get_request(office.ctx, office["admin"], rid)
    assert detail.request.public_url == "https://www.example.go.th/x"
    last = detail.history[-1]
    assert last.details.get("published_elsewhere") and last.details["reason"] == "ลงผ่านระบบ CMS"
    not_approved = office.awaiting("ยังไม่อนุมัติ")
    with pytest.raises(UserError) as refused:
        rq.record_published_elsewhere(office.ctx, office["admin"], not_approved,
                                      "https://www.example.go.th/y", "เหตุผล")
    assert refused.value.code == "elsewhere_not_approved"
