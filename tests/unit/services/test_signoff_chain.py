"""Multi-step approval, delegation, the inbox, signatures and tampering — SQLite and PostgreSQL."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import func, select, text

from desktop import cli
from desktop.domain.errors import AuthenticationFailed, PermissionDenied, UserError
from desktop.domain.messages import Localized
from desktop.domain.workflow import Action, RequestState, Role
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.approval_chain import ApprovalStep, chain_for, set_chain
from desktop.services.delegation import create_delegation, revoke_delegation
from desktop.services.inbox import approver_inbox, inbox_detail
from desktop.services.official_form import request_form_pdf
from desktop.services.signoff import (
    SIGNATURE_SETTING,
    Decision,
    decide,
    signoff_options,
    trim_signature_png,
)
from desktop.store.models import SignoffRow
from tests.support.components import require

TWO_STEPS = [ApprovalStep(1, Localized("หัวหน้ากลุ่มงาน", "Head of group"), ("head",)),
             ApprovalStep(2, Localized("ผู้อำนวยการ", "Director"), ("boss",))]


@pytest.fixture
def chain_people(ctx, people):  # noqa: ANN001, ANN201
    make = lambda name, roles, full: auth.create_user(  # noqa: E731
        ctx, auth.NewUser(name, f"{name}-pass-1", frozenset(roles), full, "ตำแหน่ง"),
        people["admin"], actor_password="admin-pass-1")
    people["head"] = make("head", {Role.APPROVER}, "นางหัวหน้า กลุ่มงาน")
    people["deputy"] = make("deputy", {Role.APPROVER}, "นายรอง ผู้อำนวยการ")
    people["clerk"] = make("clerk", {Role.WEBMASTER}, "นายเสมียน ทั่วไป")
    return people


def _to_approval(ctx, people, sample_request, registrar="web1", checker="web2"):  # noqa: ANN001
    rid = rq.register_request(ctx, people[registrar], sample_request())
    rq.perform_action(ctx, people[registrar], rid, Action.SUBMIT)
    rq.perform_action(ctx, people[checker], rid, Action.START_REVIEW)
    rq.perform_action(ctx, people[checker], rid, Action.SEND_FOR_APPROVAL)
    return rid


def _signoffs(ctx, rid):  # noqa: ANN001, ANN202
    with ctx.db.read() as s:
        return s.execute(select(SignoffRow.step, SignoffRow.approver_id,
                                SignoffRow.on_behalf_of_id, SignoffRow.decision,
                                SignoffRow.voided_at.is_(None))
                         .where(SignoffRow.request_id == rid).order_by(SignoffRow.id)).all()


def test_default_chain_is_one_step(ctx, chain_people) -> None:
    chain = chain_for(ctx, "news", "general_news")
    assert len(chain) == 1 and chain[0].usernames == ()


def test_two_step_chain_approves_only_after_the_last_step(ctx, chain_people,
                                                          sample_request) -> None:
    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    # The director may not sign step 1 (it is the head of group's step).
    with pytest.raises(PermissionDenied) as caught:
        decide(ctx, p["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert caught.value.code == "not_your_step"
    first = decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    assert (first.state, first.step, first.total_steps) == (RequestState.AWAITING_APPROVAL, 1, 2)
    assert rq.get_request(ctx, p["web1"], rid).request.state == RequestState.AWAITING_APPROVAL
    with pytest.raises(UserError):  # not approved yet: publishing is refused
        rq.perform_action(ctx, p["web1"], rid, Action.PUBLISH)
    # The head signed step 1 and may not sign step 2.
    with pytest.raises(PermissionDenied):
        decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    second = decide(ctx, p["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert (second.state, second.step) == (RequestState.APPROVED, 2)
    assert [(r[0], r[3]) for r in _signoffs(ctx, rid)] == [(1, "approve"), (2, "approve")]
    assert rq.perform_action(ctx, p["web1"], rid, Action.PUBLISH) == RequestState.PUBLISHED
    assert cli.main(["--home", str(ctx.paths.home), "--database", ctx.db.url,
                     "audit", "verify"], stdout=io.StringIO()) == 0


def test_separation_of_duties_holds_at_every_step(ctx, chain_people, sample_request) -> None:
    p = chain_people
    steps = [ApprovalStep(1, Localized("ขั้น 1", "Step 1")),
             ApprovalStep(2, Localized("ขั้น 2", "Step 2"))]
    set_chain(ctx, p["admin"], "news", steps)
    rid = _to_approval(ctx, p, sample_request, registrar="both")
    with pytest.raises(PermissionDenied) as caught:
        decide(ctx, p["both"], rid, Decision.APPROVE, "both-pass-1")
    assert caught.value.code == "separation_of_duties"
    decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    with pytest.raises(PermissionDenied) as caught:  # step 2: the registrar still may not
        decide(ctx, p["both"], rid, Decision.APPROVE, "both-pass-1")
    assert caught.value.code == "separation_of_duties"
    assert len(_signoffs(ctx, rid)) == 1


def test_wrong_password_at_step_two_records_nothing_and_five_lock(ctx, chain_people,
                                                                  sample_request) -> None:
    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    codes = []
    for _attempt in range(5):
        with pytest.raises(AuthenticationFailed) as caught:
            decide(ctx, p["boss"], rid, Decision.APPROVE, "wrong-password")
        codes.append(caught.value.code)
    assert codes == ["bad_credentials"] * 4 + ["account_locked"]
    with pytest.raises(AuthenticationFailed):
        decide(ctx, p["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert len(_signoffs(ctx, rid)) == 1
    assert rq.get_request(ctx, p["web1"], rid).request.state == RequestState.AWAITING_APPROVAL


def test_return_for_changes_ends_the_round(ctx, chain_people, sample_request) -> None:
    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    decide(ctx, p["boss"], rid, Decision.REQUEST_CHANGES, "boss-pass-1", "ขอแก้คำผิด")
    assert [r[4] for r in _signoffs(ctx, rid)] == [False, True]  # step-1 approval voided
    rq.perform_action(ctx, p["web1"], rid, Action.RESUBMIT)
    rq.perform_action(ctx, p["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, p["web2"], rid, Action.SEND_FOR_APPROVAL)
    assert signoff_options(ctx, p["head"], rid).step == 1


def test_edit_after_step_one_voids_it(ctx, chain_people, sample_request) -> None:
    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    after = rq.update_request(ctx, p["web1"], rid, sample_request(title="แก้หัวข้อหลังลงนาม"))
    assert after.state == RequestState.IN_REVIEW
    assert [r[4] for r in _signoffs(ctx, rid)] == [False]


def test_delegation_window_and_on_behalf_of(ctx, chain_people, sample_request, clock) -> None:
    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    today = clock.now.date()
    with pytest.raises(PermissionDenied):  # only the director (or an admin) may delegate
        create_delegation(ctx, p["deputy"], p["boss"].id, p["deputy"].id, today, today)
    create_delegation(ctx, p["boss"], p["boss"].id, p["deputy"].id,
                      today + timedelta(days=1), today + timedelta(days=3), "ไปราชการ")
    # Before the range: refused, and the deputy is not the director's step by themselves.
    with pytest.raises(PermissionDenied) as caught:
        decide(ctx, p["deputy"], rid, Decision.APPROVE, "deputy-pass-1", on_behalf_of=p["boss"].id)
    assert caught.value.code == "delegation_not_active"
    assert approver_inbox(ctx, p["deputy"]) == []
    clock.now += timedelta(days=4)  # after the range: refused too
    with pytest.raises(PermissionDenied):
        decide(ctx, p["deputy"], rid, Decision.APPROVE, "deputy-pass-1", on_behalf_of=p["boss"].id)
    clock.now -= timedelta(days=2)  # inside the range
    inbox = approver_inbox(ctx, p["deputy"])
    assert [i.request_id for i in inbox] == [rid]
    assert inbox[0].on_behalf_of == ("ผู้อำนวยการ",) and not inbox[0].may_sign_self
    result = decide(ctx, p["deputy"], rid, Decision.APPROVE, "deputy-pass-1",
                    on_behalf_of=p["boss"].id)
    assert result.state == RequestState.APPROVED
    last = _signoffs(ctx, rid)[-1]
    assert (last[1], last[2]) == (p["deputy"].id, p["boss"].id)
    pdf = request_form_pdf(ctx, rid)
    assert pdf.startswith(b"%PDF")


def test_delegate_may_not_sign_what_they_checked(ctx, chain_people, sample_request,
                                                 clock) -> None:
    p = chain_people
    today = clock.now.date()
    create_delegation(ctx, p["admin"], p["boss"].id, p["clerk"].id, today, today)
    rid = _to_approval(ctx, p, sample_request, checker="clerk")
    with pytest.raises(PermissionDenied) as caught:
        decide(ctx, p["clerk"], rid, Decision.APPROVE, "clerk-pass-1", on_behalf_of=p["boss"].id)
    assert caught.value.code == "separation_of_duties"
    assert approver_inbox(ctx, p["clerk"]) == []


def test_revoked_delegation_is_refused(ctx, chain_people, sample_request, clock) -> None:
    p = chain_people
    today = clock.now.date()
    d = create_delegation(ctx, p["boss"], p["boss"].id, p["deputy"].id, today, today)
    revoke_delegation(ctx, p["boss"], d.id)
    rid = _to_approval(ctx, p, sample_request)
    with pytest.raises(PermissionDenied):
        decide(ctx, p["deputy"], rid, Decision.REJECT, "deputy-pass-1", "x",
               on_behalf_of=p["boss"].id)


def test_inbox_most_urgent_first_with_notes(ctx, chain_people, sample_request) -> None:
    p = chain_people
    from datetime import datetime

    late = _to_approval(ctx, p, lambda: sample_request(received_at=datetime(2026, 11, 23, 8)))
    early = _to_approval(ctx, p, lambda: sample_request(received_at=datetime(2026, 11, 16, 8)))
    rq.perform_action(ctx, p["web1"], late, Action.WITHDRAW, "ยกเลิก")
    again = _to_approval(ctx, p, lambda: sample_request(received_at=datetime(2026, 11, 18, 8)))
    inbox = approver_inbox(ctx, p["boss"])
    assert [i.request_id for i in inbox] == [early, again]
    assert inbox[0].due is not None and inbox[0].due <= inbox[1].due  # type: ignore[operator]
    assert approver_inbox(ctx, p["web2"]) == []  # a webmaster who checked has nothing to sign
    rid = rq.register_request(ctx, p["web1"], sample_request())
    rq.perform_action(ctx, p["web1"], rid, Action.SUBMIT)
    rq.perform_action(ctx, p["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, p["web2"], rid, Action.RETURN_FOR_CORRECTION, "ขอไฟล์ต้นฉบับ")
    rq.perform_action(ctx, p["web1"], rid, Action.RESUBMIT)
    rq.perform_action(ctx, p["web2"], rid, Action.START_REVIEW)
    rq.perform_action(ctx, p["web2"], rid, Action.SEND_FOR_APPROVAL)
    detail = inbox_detail(ctx, p["boss"], rid)
    assert [n.details["reason"] for n in detail.notes] == ["ขอไฟล์ต้นฉบับ"]
    assert detail.options.may_sign_self and detail.options.step == 1


def _signature_png() -> bytes:
    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(100, 100), (200, 60), (300, 120)], fill=(0, 0, 0, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_signature_required_trimmed_and_stored(ctx, chain_people, sample_request) -> None:
    p = chain_people
    ctx.set_setting(SIGNATURE_SETTING, True)
    rid = _to_approval(ctx, p, sample_request)
    with pytest.raises(UserError) as caught:
        decide(ctx, p["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert caught.value.code == "signature_required"
    blank = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(blank, format="PNG")
    with pytest.raises(UserError):
        trim_signature_png(blank.getvalue())
    decide(ctx, p["boss"], rid, Decision.APPROVE, "boss-pass-1",
           signature_png=_signature_png())
    with ctx.db.read() as s:
        sha = s.execute(select(SignoffRow.signature_sha256)).scalar_one()
        from desktop.store import blobs
        stored = blobs.read_bytes(s, sha)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size[0] < 260 and image.size[1] < 110  # cropped to the ink


def test_tampered_signoff_row_is_named_by_audit_verify(ctx, chain_people, sample_request) -> None:
    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    decide(ctx, p["head"], rid, Decision.APPROVE, "head-pass-1")
    argv = ["--home", str(ctx.paths.home), "--database", ctx.db.url, "audit", "verify"]
    assert cli.main(argv, stdout=io.StringIO()) == 0
    with ctx.db.write() as s:
        signoff_id = s.execute(select(func.max(SignoffRow.id))).scalar_one()
        s.execute(text("update signoffs set approver_name = 'คนอื่น' where id = :i"),
                  {"i": signoff_id})
    out = io.StringIO()
    assert cli.main(argv, stdout=out) == 1
    assert f"signoffs id={signoff_id}" in out.getvalue()


def test_form_command_writes_a_pdf_with_the_approver(ctx, chain_people, sample_request,
                                                     tmp_path) -> None:
    p = chain_people
    rid = _to_approval(ctx, p, sample_request)
    decide(ctx, p["boss"], rid, Decision.APPROVE, "boss-pass-1")
    target = tmp_path / "form.pdf"
    out = io.StringIO()
    assert cli.main(["--home", str(ctx.paths.home), "--database", ctx.db.url, "form", str(rid),
                     "--out", str(target)], stdout=out) == 0
    assert target.read_bytes().startswith(b"%PDF")
    require(shutil.which("pdftotext") is not None, "pdftotext (Debian: poppler-utils)")
    extracted = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                               text=True, check=True).stdout
    squeezed = "".join(extracted.split())  # shaping may split sara am ("อำ นวย") in extraction
    assert "ผู้อำนวยการ" in squeezed  # the approver
    assert "นักวิชาการคอมพิวเตอร์" in squeezed  # from the Thai title


def test_delegation_dates_are_checked(ctx, chain_people) -> None:
    p = chain_people
    with pytest.raises(UserError):
        create_delegation(ctx, p["boss"], p["boss"].id, p["deputy"].id, date(2026, 12, 2),
                          date(2026, 12, 1))
    with pytest.raises(UserError):
        create_delegation(ctx, p["boss"], p["boss"].id, p["boss"].id, date(2026, 12, 1),
                          date(2026, 12, 1))
    with pytest.raises(UserError):  # a webmaster has no sign-off to delegate
        create_delegation(ctx, p["admin"], p["web1"].id, p["deputy"].id, date(2026, 12, 1),
                          date(2026, 12, 1))


def test_approval_cli_sets_and_shows_a_chain_and_the_signature_rule(ctx, chain_people) -> None:
    base = ["--lang", "th", "--home", str(ctx.paths.home), "--database", ctx.db.url, "approval"]
    out = io.StringIO()
    assert cli.main([*base, "set-chain", "news", "--step", "หัวหน้ากลุ่มงาน|Head of group|head",
                     "--step", "ผู้อำนวยการ|Director|boss", "--admin", "admin"],
                    stdin=io.StringIO("admin-pass-1\n"), stdout=out) == 0
    assert [s.usernames for s in chain_for(ctx, "news", "jobs")] == [("head",), ("boss",)]
    assert cli.main([*base, "signature", "on", "--admin", "admin"],
                    stdin=io.StringIO("admin-pass-1\n"), stdout=io.StringIO()) == 0
    assert ctx.setting(SIGNATURE_SETTING) is True
    # Not an admin: refused, nothing changes.
    assert cli.main([*base, "signature", "off", "--admin", "boss"],
                    stdin=io.StringIO("boss-pass-1\n"), stdout=io.StringIO()) == 2
    shown = io.StringIO()
    assert cli.main([*base, "show", "--category", "news"], stdout=shown) == 0
    assert "หัวหน้ากลุ่มงาน (head) → 2. ผู้อำนวยการ (boss)" in shown.getvalue()
    assert "signature_required=on" in shown.getvalue()


def test_workstation_command_keeps_other_settings(ctx, tmp_path) -> None:
    import json

    from desktop.services.workstation import load_workstation_settings

    ctx.paths.settings_file.write_text(json.dumps({"lang": "th"}), encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["--home", str(ctx.paths.home), "workstation", "--shared-pc", "on",
                     "--idle-minutes", "2"], stdout=out) == 0
    assert out.getvalue().strip() == "shared_pc=on idle_minutes=2"
    settings = load_workstation_settings(ctx.paths)
    assert settings.shared_pc and settings.idle_lock_seconds == 120
    assert json.loads(ctx.paths.settings_file.read_text(encoding="utf-8"))["lang"] == "th"


def test_someone_not_on_the_step_is_refused_before_the_password(ctx, chain_people,
                                                               sample_request) -> None:
    from desktop.domain.audit_labels import audit_label
    from desktop.services.signoff import require_may_sign

    p = chain_people
    set_chain(ctx, p["admin"], "news", TWO_STEPS)
    rid = _to_approval(ctx, p, sample_request)
    options = signoff_options(ctx, p["boss"], rid)
    assert (options.step, options.may_sign) == (1, False)
    with pytest.raises(PermissionDenied) as caught:
        require_may_sign(options)
    assert "หัวหน้ากลุ่มงาน" in caught.value.text("th")
    require_may_sign(signoff_options(ctx, p["head"], rid))
    assert audit_label("signoff_step", "th") == "ลงนามอนุมัติตามลำดับขั้น"
