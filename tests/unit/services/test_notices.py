"""desktop.services.notices: the notice to the information owner, prepared from the record in
Thai, English or both, the agency's SMTP setting, and the log of every copy or e-mail.
(Sending through a real SMTP server: test_notices_service.py.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.notices import NoticeKind
from desktop.domain.request import PublicationRequest, Requester
from desktop.domain.workflow import Action
from desktop.reports.mailer import SmtpSecurity
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.notices import (
    CONTACT_SETTING,
    SMTP_SETTING,
    log_notice,
    prepare_notice,
    smtp_settings,
)
from desktop.services.official_form import AGENCY_SETTING
from tests.unit.services.support import assert_refusal, audit_actions, sqlite_only

Sample = Callable[..., PublicationRequest]


def _returned(ctx: AppContext, people, sample_request: Sample) -> int:  # noqa: ANN001
    owner = Requester(name="นางสาวทดสอบ ระบบ", unit="กลุ่มงานบริหารทั่วไป",
                      email="owner@example.go.th")
    rid = rq.register_request(ctx, people["web1"], sample_request(requester=owner))
    rq.perform_action(ctx, people["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, people["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people["web2"], rid, Action.RETURN_FOR_CORRECTION,
                      "ขอไฟล์ต้นฉบับที่มีลายมือชื่อ")
    return rid


@sqlite_only
def test_smtp_settings_come_from_the_shared_setting_without_a_password(
        ctx: AppContext) -> None:
    assert not smtp_settings(ctx).configured
    ctx.set_setting(SMTP_SETTING, {"host": "mail.example.go.th", "port": 465,
                                   "security": "tls", "from_address": "web@example.go.th",
                                   "username": "web", "password": "never-stored",
                                   "unknown_key": 1})
    settings = smtp_settings(ctx, password="typed-now")
    assert settings.configured and settings.security is SmtpSecurity.TLS
    assert (settings.host, settings.port, settings.password) == ("mail.example.go.th", 465,
                                                                 "typed-now")


@sqlite_only
@pytest.mark.parametrize("damaged", [{"security": "ssl", "host": "mail.example.go.th"},
                                     {"port": "abc"}, ["not", "a", "table"], "text"])
def test_a_damaged_smtp_setting_reads_as_defaults(ctx: AppContext, damaged: object) -> None:
    """Written behind the app's back: a notice must still be prepared (and copied)."""
    ctx.set_setting(SMTP_SETTING, damaged)
    settings = smtp_settings(ctx)
    assert settings.security is SmtpSecurity.STARTTLS and settings.port == 587


@sqlite_only
def test_a_returned_request_gives_a_notice_with_the_reason(ctx: AppContext, people,  # noqa: ANN001
                                                           sample_request: Sample) -> None:
    ctx.set_setting(AGENCY_SETTING, "สำนักงานสาธารณสุขอำเภอบ้านหลวง")
    ctx.set_setting(CONTACT_SETTING, "โทร 054-123456")
    rid = _returned(ctx, people, sample_request)
    thai = prepare_notice(ctx, people["web2"], rid, lang="th")
    assert thai.notice.kind == NoticeKind.RETURNED and thai.notice.lang == "th"
    assert "ขอไฟล์ต้นฉบับที่มีลายมือชื่อ" in thai.notice.body
    assert "สำนักงานสาธารณสุขอำเภอบ้านหลวง" in thai.notice.body + thai.notice.subject
    assert thai.notice.to == "owner@example.go.th"
    assert not thai.smtp_configured and not thai.smtp_needs_password
    both = prepare_notice(ctx, people["web2"], rid)
    assert "ขอไฟล์ต้นฉบับที่มีลายมือชื่อ" in both.notice.body
    assert len(both.notice.body) > len(thai.notice.body)              # English added


@sqlite_only
def test_no_notice_while_the_request_is_still_open(ctx: AppContext, people,  # noqa: ANN001
                                                   sample_request: Sample) -> None:
    rid = rq.register_request(ctx, people["web1"], sample_request())
    with pytest.raises(UserError) as caught:
        prepare_notice(ctx, people["web1"], rid)
    assert_refusal(caught.value, "notice_not_due")


def test_every_notice_is_logged_by_a_webmaster(ctx: AppContext, people,  # noqa: ANN001
                                               sample_request: Sample) -> None:
    rid = _returned(ctx, people, sample_request)
    prepared = prepare_notice(ctx, people["web2"], rid, lang="th")
    log_notice(ctx, people["web2"], rid, prepared.notice, "copied")
    assert audit_actions(ctx, rid)[-1] == "notice_copied"
    with pytest.raises(PermissionDenied) as caught:
        log_notice(ctx, people["boss"], rid, prepared.notice, "copied")
    assert_refusal(caught.value, "role_missing")
    assert audit_actions(ctx, rid).count("notice_copied") == 1
