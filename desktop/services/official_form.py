"""The printable official request form, filled from the record and its sign-offs.

The layout and the PDF writer belong to :mod:`desktop.reports.request_form`; this use case
gathers the data: the request, the valid sign-offs (with "on behalf of" and the drawn
signature), and who published it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.os_reasons import os_reason
from desktop.services.context import AppContext
from desktop.store import audit, blobs, requests_repo, signoffs_repo, users_repo
from desktop.store.database import Session
from desktop.store.mapping import to_request

AGENCY_SETTING = "agency_name"  # shared (per agency) setting

class OfficialFormMessage(MessageCode):
    FORM_NEEDS_PDF = (
        "form_needs_pdf",
        "แบบฟอร์มบันทึกเป็นไฟล์ .pdf เท่านั้น (ระบุไว้ “{name}”)",
        "The form is written as a .pdf file only (given “{name}”).",
    )
    FORM_UNWRITABLE = (
        "form_unwritable",
        "บันทึกแบบฟอร์มลงไฟล์ {path} ไม่ได้: {detail}",
        "Could not write the form to {path}: {detail}.",
    )



def _signoffs_in(session: Session, request_id: int) -> list:  # list[SignoffInfo]
    from desktop.reports.request_form import SignoffInfo

    infos = []
    for s in signoffs_repo.of_request(session, request_id):
        behalf = users_repo.by_id(session, s.on_behalf_of_id) if s.on_behalf_of_id else None
        picture = blobs.read_bytes(session, s.signature_sha256) if s.signature_sha256 else None
        infos.append(SignoffInfo(name=s.approver_name, position=s.approver_position,
                                 decided_at=s.decided_at, decision=s.decision, step=s.step,
                                 on_behalf_of=behalf.full_name if behalf else "",
                                 signature_png=picture, voided=s.voided_at is not None))
    return infos


def _publisher_in(session: Session, request_id: int):  # noqa: ANN202 - SignatureBlock | None
    from desktop.reports.request_form import SignatureBlock

    entry = audit.last_of(session, request_id, "state:publish")
    if entry is None or entry.actor_id is None:
        return None
    user = users_repo.by_id(session, entry.actor_id)
    if user is None:
        return None
    return SignatureBlock(user.full_name, user.position, entry.at.date())


def request_form_pdf(ctx: AppContext, request_id: int) -> bytes:
    """The filled-in form as PDF bytes (the agency's own template when it has one)."""
    from desktop.reports.form_template import template_for_profile
    from desktop.reports.request_form import form_data_from, render_request_form

    agency = str(ctx.setting(AGENCY_SETTING, "") or "")
    with ctx.db.read() as session:
        row = requests_repo.load(session, request_id)
        request = to_request(row)
        signoffs = _signoffs_in(session, request_id)
        publisher = _publisher_in(session, request_id)
    data = form_data_from(request, signoffs, agency_name=agency, publisher=publisher)
    return render_request_form(data, template_for_profile(ctx.paths.home))


def write_request_form(ctx: AppContext, request_id: int, out: str | Path) -> Path:
    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise UserError(OfficialFormMessage.FORM_NEEDS_PDF, name=target.name)
    data = request_form_pdf(ctx, request_id)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:           # no folder, a folder of that name, full or read-only
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise UserError(OfficialFormMessage.FORM_UNWRITABLE,
                        path=str(target), detail=os_reason(exc)) from None
    return target
