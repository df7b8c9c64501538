"""Notices to the information owner: prepare from the record, copy or send, always logged.

The wording lives in :mod:`desktop.domain.notices`; sending in :mod:`desktop.reports.mailer`.
The agency's SMTP server is the shared ``smtp`` setting (no password: the sender types it
when the server wants a login; it is never stored).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.notices import (
    Notice,
    NoticeKind,
    build_bilingual_notice,
    build_notice,
    notice_facts_from,
)
from desktop.domain.users import User
from desktop.domain.workflow import RequestState, Role
from desktop.reports.mailer import SmtpSecurity, SmtpSettings, send_notice
from desktop.services import requests as rq
from desktop.services.actors import acting_in
from desktop.services.context import AppContext
from desktop.services.official_form import AGENCY_SETTING
from desktop.store import audit

SMTP_SETTING = "smtp"
CONTACT_SETTING = "webmaster_contact"

class NoticeMessage(MessageCode):
    NOTICE_NOT_DUE = (
        "notice_not_due",
        "คำขอในสถานะ {state} ยังไม่มีผลที่ต้องแจ้งเจ้าของข้อมูล",
        "A request that is {state} has no outcome to tell the owner yet.",
    )


KIND_FOR_STATE: dict[RequestState, NoticeKind] = {
    RequestState.RETURNED: NoticeKind.RETURNED,
    RequestState.REJECTED: NoticeKind.REJECTED,
    RequestState.APPROVED: NoticeKind.APPROVED,
    RequestState.PUBLISHED: NoticeKind.PUBLISHED,
}


@dataclass(frozen=True)
class PreparedNotice:
    request_id: int
    notice: Notice
    smtp_configured: bool
    smtp_needs_password: bool


def smtp_settings(ctx: AppContext, password: str = "") -> SmtpSettings:
    raw = ctx.setting(SMTP_SETTING, {}) or {}
    known = {f.name for f in fields(SmtpSettings)} - {"password"}
    values: dict[str, Any] = {k: v for k, v in raw.items() if k in known} \
        if isinstance(raw, dict) else {}
    # A value the admin's form never writes (a damaged setting) falls back to its default,
    # so a notice can still be prepared and copied.
    if values.get("security") not in {s.value for s in SmtpSecurity}:
        values.pop("security", None)
    else:
        values["security"] = SmtpSecurity(values["security"])
    if not isinstance(values.get("port", 0), int) or isinstance(values.get("port"), bool):
        values.pop("port", None)
    return SmtpSettings(**values, password=password)


def prepare_notice(ctx: AppContext, actor: User, request_id: int,
                   lang: str = "th+en") -> PreparedNotice:
    """The notice for the request's current outcome, with the reason from the history."""
    detail = rq.get_request(ctx, actor, request_id)
    request = detail.request
    kind = KIND_FOR_STATE.get(request.state)
    if kind is None:
        from desktop.domain.workflow import localized
        raise UserError(NoticeMessage.NOTICE_NOT_DUE, state=localized(request.state))
    last = next((h for h in reversed(detail.history) if h.action.startswith("state:")), None)
    reason = str(last.details.get("reason") or "") if last is not None else ""
    facts = notice_facts_from(
        request, kind, reason=reason, decided_on=last.at.date() if last else ctx.today(),
        agency_name=str(ctx.setting(AGENCY_SETTING, "") or ""), sender_name=actor.full_name,
        sender_position=actor.position, contact=str(ctx.setting(CONTACT_SETTING, "") or ""))
    notice = build_bilingual_notice(facts) if lang == "th+en" else build_notice(facts, lang)
    settings = smtp_settings(ctx)
    return PreparedNotice(request_id, notice, settings.configured, bool(settings.username))


def log_notice(ctx: AppContext, actor: User, request_id: int, notice: Notice, channel: str,
               recipient: str = "", message_id: str = "") -> None:
    with ctx.db.write() as session:
        actor = acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
        audit.append(session, action=f"notice_{channel}", actor_id=actor.id,
                     actor_name=actor.username, workstation=ctx.workstation,
                     request_id=request_id, at=ctx.now(),
                     details={"kind": notice.kind.value, "lang": notice.lang,
                              "subject": notice.subject, "to": recipient,
                              "message_id": message_id})


def send_notice_email(ctx: AppContext, actor: User, request_id: int, notice: Notice,
                      to: str, password: str = "") -> str:
    """Send through the agency's SMTP server (TLS as configured); logged when sent."""
    with ctx.db.read() as session:       # a disabled account sends nothing
        acting_in(session, actor, Role.WEBMASTER, now=ctx.now())
    message_id = send_notice(smtp_settings(ctx, password), notice, to or notice.to)
    log_notice(ctx, actor, request_id, notice, "sent", to or notice.to, message_id)
    return message_id
