"""desktop.services.signoff: a decision needs the approver's password, is signed with their
key over the manifest, stores the approved version; the agency may require a drawn
signature.  (Chains, delegation and tampering: test_signoff_chain.py.)"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from PIL import Image, ImageDraw

from desktop.domain.errors import PermissionDenied, UserError
from desktop.domain.request import PublicationRequest
from desktop.domain.workflow import RequestState
from desktop.services import signoff
from desktop.services.context import AppContext
from desktop.services.signoff import Decision
from desktop.store.models import ApprovedVersionRow, SignoffRow
from tests.unit.services.support import assert_refusal, audit_actions, to_approval

Sample = Callable[..., PublicationRequest]


def _drawn_signature() -> bytes:
    image = Image.new("RGBA", (400, 150), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(20, 100), (120, 30), (220, 110), (380, 40)],
                               fill=(0, 0, 0, 255), width=5)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_an_approval_is_signed_over_the_manifest_and_kept(ctx: AppContext, people,  # noqa: ANN001
                                                          sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    options = signoff.signoff_options(ctx, people["boss"], rid)
    assert options.may_sign and options.may_sign_self and options.step == 1
    result = signoff.decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert result.state == RequestState.APPROVED and result.manifest_hash == options.manifest_hash
    with ctx.db.read() as session:
        row = session.get(SignoffRow, result.signoff_id)
        kept = session.query(ApprovedVersionRow).filter_by(request_id=rid).one()
    assert row is not None and row.signature and row.record
    assert json.loads(row.record)["manifest_hash"] == result.manifest_hash
    assert kept.manifest_hash == result.manifest_hash
    assert audit_actions(ctx, rid)[-1] == "state:approve"


def test_a_wrong_password_or_missing_reason_records_no_decision(ctx: AppContext, people,  # noqa: ANN001
                                                                sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    with pytest.raises(UserError) as wrong:
        signoff.decide(ctx, people["boss"], rid, Decision.APPROVE, "not-it")
    assert_refusal(wrong.value, "bad_credentials")
    with pytest.raises(UserError) as reason:
        signoff.decide(ctx, people["boss"], rid, Decision.REJECT, "boss-pass-1", "  ")
    assert_refusal(reason.value, "reason_required")
    with ctx.db.read() as session:
        assert session.query(SignoffRow).count() == 0
    assert signoff.signoff_options(ctx, people["boss"], rid).may_sign


def test_those_who_may_not_sign_are_told_before_the_password(ctx: AppContext, people,  # noqa: ANN001
                                                             sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    options = signoff.signoff_options(ctx, people["web1"], rid)
    assert not options.may_sign
    with pytest.raises(PermissionDenied) as caught:
        signoff.require_may_sign(options)
    assert_refusal(caught.value, "cannot_sign_now")
    signoff.require_may_sign(signoff.signoff_options(ctx, people["boss"], rid))


def test_the_agency_may_require_a_drawn_signature(ctx: AppContext, people,  # noqa: ANN001
                                                  sample_request: Sample) -> None:
    with pytest.raises(PermissionDenied) as caught:
        signoff.set_signature_required(ctx, people["web1"], True)
    assert_refusal(caught.value, "admin_required")
    signoff.set_signature_required(ctx, people["admin"], True)
    assert signoff.signature_required(ctx)
    rid = to_approval(ctx, people, sample_request)
    with pytest.raises(UserError) as missing:
        signoff.decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    assert_refusal(missing.value, "signature_required")
    with pytest.raises(UserError) as bad:
        signoff.decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1",
                       signature_png=b"not a picture")
    assert_refusal(bad.value, "signature_invalid")
    result = signoff.decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1",
                            signature_png=_drawn_signature())
    with ctx.db.read() as session:
        row = session.get(SignoffRow, result.signoff_id)
        assert row is not None and row.signature_sha256
    assert "signature_setting" in audit_actions(ctx)


def test_only_unsigned_approvals_are_signed_again(ctx: AppContext, people,  # noqa: ANN001
                                                 sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    signoff.decide(ctx, people["boss"], rid, Decision.APPROVE, "boss-pass-1")
    with pytest.raises(UserError) as caught:
        signoff.resign(ctx, people["boss"], rid, "boss-pass-1")
    assert_refusal(caught.value, "nothing_to_resign")


def test_the_fingerprint_covers_the_rows_content(ctx: AppContext, people,  # noqa: ANN001
                                                 sample_request: Sample) -> None:
    rid = to_approval(ctx, people, sample_request)
    result = signoff.decide(ctx, people["boss"], rid, Decision.REQUEST_CHANGES, "boss-pass-1",
                            "ขอแก้ไขหัวข้อ")
    assert result.state == RequestState.RETURNED
    with ctx.db.read() as session:
        row = session.get(SignoffRow, result.signoff_id)
        assert row is not None
        before = signoff.signoff_fingerprint(row)
        assert signoff.signoff_fingerprint(row) == before
        row.reason = "อีกเหตุผลหนึ่ง"
        assert signoff.signoff_fingerprint(row) != before
        session.rollback()
