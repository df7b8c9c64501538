"""Who must act next on a request, in words: the step and the people who may sign it, or the
role that works on it now — so nobody has to guess why a request is not moving."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.messages import Localized
from desktop.domain.users import User
from desktop.domain.workflow import RequestState
from desktop.services import auth
from desktop.services.approval_chain import chain_for
from desktop.services.context import AppContext
from desktop.services.requests import RequestDetail
from desktop.services.signoff import signoff_options

_BY_STATE: dict[RequestState, Localized] = {
    RequestState.DRAFT: Localized("ผู้ดูแลเว็บไซต์ที่ลงทะเบียน — ส่งคำขอ",
                                  "The webmaster who registered it — submit it"),
    RequestState.SUBMITTED: Localized("ผู้ดูแลเว็บไซต์อีกคน — ตรวจสอบ",
                                      "Another webmaster — check it"),
    RequestState.IN_REVIEW: Localized("ผู้ดูแลเว็บไซต์ที่ตรวจสอบ — ส่งขออนุมัติหรือส่งกลับ",
                                      "The checking webmaster — send it for approval or return it"),
    RequestState.RETURNED: Localized("เจ้าของข้อมูล — แก้ไขแล้วส่งใหม่",
                                     "The information owner — correct it and send it again"),
    RequestState.APPROVED: Localized("ผู้ดูแลเว็บไซต์ — เผยแพร่", "A webmaster — publish it"),
    RequestState.PUBLISHED: Localized("ผู้ดูแลเว็บไซต์ — นำลงเมื่อครบกำหนด",
                                      "A webmaster — take it down when it expires"),
}


@dataclass(frozen=True)
class NextActor:
    text: Localized


def who_acts_next(ctx: AppContext, user: User, detail: RequestDetail) -> NextActor | None:
    """For a request awaiting approval, the step and who may sign it; else the role that works
    on it now (None when nothing more happens).  Run it off the GUI thread."""
    request = detail.request
    if request.state != RequestState.AWAITING_APPROVAL or request.id is None:
        role = _BY_STATE.get(request.state)
        return NextActor(role) if role is not None else None
    options = signoff_options(ctx, user, request.id)
    steps = chain_for(ctx, request.category, request.subcategory)
    step = next((s for s in steps if s.number == options.step), None)
    names = step.usernames if step is not None else ()
    people = {u.username: u.full_name for u in auth.list_users(ctx)}
    signers_th = ", ".join(people.get(n, n) for n in names) or "ผู้อนุมัติคนใดก็ได้"
    signers_en = ", ".join(people.get(n, n) for n in names) or "any approver"
    return NextActor(Localized(
        f"ขั้นที่ {options.step} จาก {options.total_steps} — {options.step_title.th} "
        f"({signers_th}) ลงนามอนุมัติ",
        f"Step {options.step} of {options.total_steps} — {options.step_title.en} "
        f"({signers_en}) to sign"))
