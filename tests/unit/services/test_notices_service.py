"""Notices prepared from the record, copied or sent through a real SMTP server, always logged."""

from __future__ import annotations

import email
import email.policy

import pytest
from sqlalchemy import select

from desktop.domain.errors import UserError
from desktop.domain.notices import NoticeKind
from desktop.domain.request import Requester
from desktop.domain.workflow import Action
from desktop.services import requests as rq
from desktop.services.notices import SMTP_SETTING, log_notice, prepare_notice, send_notice_email
from desktop.services.signoff import Decision, decide
from desktop.store.models import AuditRow
from tests.unit.reports.smtp_server import start_server


def _rejected(ctx, people, sample_request):  # noqa: ANN001, ANN202
    owner = Requester(name="นางสาวทดสอบ ระบบ", unit="กลุ่มงานบริหารทั่วไป",
                      email="owner@example.go.th")
    rid = rq.register_request(ctx, people["web1"], sample_request(requester=owner))
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], rid, Action.SEND_FOR_APPROVAL)
    decide(ctx, people["boss"], rid, Decision.REJECT, "boss-pass-1",
           "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน")
    return rid


def _audit_actions(ctx, rid):  # noqa: ANN001, ANN202
    with ctx.db.read() as s:
        return list(s.execute(select(AuditRow.action).where(AuditRow.request_id == rid)
                              .order_by(AuditRow.id)).scalars())


def test_rejection_notice_carries_the_reason_and_copy_is_logged(ctx, people,
                                                                 sample_request) -> None:
    rid = _rejected(ctx, people, sample_request)
    prepared = prepare_notice(ctx, people["web1"], rid)
    assert prepared.notice.kind == NoticeKind.REJECTED
    assert "ไม่เกี่ยวข้องกับภารกิจของหน่วยงาน" in prepared.notice.body
    assert prepared.notice.to == "owner@example.go.th" and not prepared.smtp_configured
    log_notice(ctx, people["web1"], rid, prepared.notice, "copied")
    assert _audit_actions(ctx, rid)[-1] == "notice_copied"


def test_no_notice_before_an_outcome(ctx, people, sample_request) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    with pytest.raises(UserError) as caught:
        prepare_notice(ctx, people["web1"], rid)
    assert caught.value.code == "notice_not_due"


def test_notice_sent_through_smtp_and_logged(ctx, people, sample_request) -> None:
    rid = _rejected(ctx, people, sample_request)
    controller, received, port = start_server("plain")
    try:
        ctx.set_setting(SMTP_SETTING, {"host": "127.0.0.1", "port": port, "security": "none",
                                       "from_address": "webmaster@example.go.th",
                                       "timeout_seconds": 10})
        prepared = prepare_notice(ctx, people["web1"], rid)
        assert prepared.smtp_configured
        message_id = send_notice_email(ctx, people["web1"], rid, prepared.notice, "")
    finally:
        controller.stop()
    [envelope] = received.envelopes
    message = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
    assert message["To"] == "owner@example.go.th" and message["Message-ID"] == message_id
    body = message.get_body()
    assert body is not None and "ไม่เกี่ยวข้องกับภารกิจ" in body.get_content()
    assert _audit_actions(ctx, rid)[-1] == "notice_sent"
