"""Sign-offs as signatures: a database writer cannot make the app publish what no approver
signed, nor sign in someone's name.  SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.errors import UserError
from desktop.domain.manifest import manifest_hash
from desktop.domain.signed_records import record_bytes
from desktop.keys.signatures import fingerprint, new_key_pair, sign
from desktop.services import keys, publishing
from desktop.services.signature_check import verify_request
from desktop.store.mapping import to_request
from desktop.store.models import (
    AgencyKeyRow,
    AttachmentRow,
    KeyCertificateRow,
    RequestRow,
    SignoffRow,
    UserKeyRow,
)
from tests.security.trust_fixtures import Office
from tests.support.embedded_site import embedded_site


def _rehash_signoffs(office: Office, rid: int) -> None:
    """What an attacker does after changing content: recompute the manifest hash with the
    project's own function and write it into the sign-off rows."""
    with office.ctx.db.write() as s:
        row = s.get(RequestRow, rid)
        assert row is not None
        s.refresh(row)
        digest = manifest_hash(to_request(row))
        for signoff in s.execute(select(SignoffRow).where(SignoffRow.request_id == rid)
                                 ).scalars():
            signoff.manifest_hash = digest


def test_a_clean_approval_verifies(office: Office) -> None:
    rid = office.approved()
    report = verify_request(office.ctx, rid)
    assert report.ok, report.problems()
    assert [c.step for c in report.checks] == [1]


def test_injected_blob_with_rewritten_hash_is_refused_and_nothing_reaches_the_site(
        office: Office, tmp_path: Path) -> None:
    rid = office.approved()
    other = office.new_request("ไฟล์อื่นที่ไม่ได้รับอนุมัติ")
    with office.ctx.db.write() as s:
        target = s.execute(select(AttachmentRow).where(AttachmentRow.request_id == rid,
                                                       AttachmentRow.kind == "pdf")).scalar_one()
        injected = s.execute(select(AttachmentRow).where(AttachmentRow.request_id == other,
                                                         AttachmentRow.kind == "pdf")
                             ).scalar_one()
        target.sha256, target.size = injected.sha256, injected.size
    _rehash_signoffs(office, rid)
    report = verify_request(office.ctx, rid)
    assert not report.ok
    assert "differs from the signed one" in " ".join(report.problems())
    with embedded_site(tmp_path / "site") as site:
        with pytest.raises(UserError) as refused:
            publishing.publish_request(office.ctx, office["web1"], rid, site.profile(),
                                       site.credentials())
        assert refused.value.code == "signoff_not_verified"
        assert "SHA-256" in refused.value.text("en")
        assert not any(p.is_file() for p in site.web_root.rglob("*"))


def test_changed_text_with_rewritten_hash_is_refused(office: Office) -> None:
    rid = office.approved()
    with office.ctx.db.write() as s:
        row = s.get(RequestRow, rid)
        assert row is not None
        row.body = "ข้อความที่ไม่ได้รับอนุมัติ"
    _rehash_signoffs(office, rid)
    report = verify_request(office.ctx, rid)
    assert not report.ok and "body" in " ".join(report.problems())


def _forge_certified_key(office: Office, user_id: int, username: str,
                         agency_private: bytes, agency_id: int) -> tuple[bytes, int, int]:
    """A key pair with a certificate signed by ``agency_private``; returns (private, key id,
    certificate id)."""
    pair = new_key_pair()
    with office.ctx.db.write() as s:
        agency = s.get(AgencyKeyRow, agency_id)
        assert agency is not None
        key = UserKeyRow(user_id=user_id, public_key=pair.public.hex(), sealed="{}",
                         created_at=datetime.now())
        s.add(key)
        s.flush()
        content = {"type": "webdesk/certificate/1", "agency_key": agency.fingerprint,
                   "user_id": user_id, "username": username, "full_name": username,
                   "roles": ["approver"], "public_key": pair.public.hex(),
                   "user_key_id": key.id, "issued_at": datetime.now().isoformat(),
                   "issued_by": "mallory"}
        cert = KeyCertificateRow(user_key_id=key.id, agency_key_id=agency_id,
                                 content=json.dumps(content), issued_at=datetime.now(),
                                 signature=sign(agency_private, record_bytes(content)))
        s.add(cert)
        s.flush()
        return pair.private, key.id, cert.id


def _forge_signoff(office: Office, rid: int, private: bytes, key_id: int, cert_id: int,
                   signer: int) -> None:
    """Replace the sign-off's signature with one made by the forged key over a valid record."""
    with office.ctx.db.write() as s:
        signoff = s.execute(select(SignoffRow).where(SignoffRow.request_id == rid)).scalar_one()
        record = json.loads(signoff.record)
        record["signer_id"] = signer
        signoff.approver_id = signer
        signoff.record = json.dumps(record)
        signoff.signature = sign(private, record_bytes(record))
        signoff.user_key_id, signoff.certificate_id = key_id, cert_id


def test_a_forged_signoff_under_a_made_up_agency_key_is_refused(office: Office) -> None:
    rid = office.approved()
    mallory = office["web1"].id
    fake_agency = new_key_pair()
    with office.ctx.db.write() as s:
        row = AgencyKeyRow(public_key=fake_agency.public.hex(),
                           fingerprint=fingerprint(fake_agency.public), created_at=datetime.now())
        s.add(row)
        s.flush()
        fake_id = row.id
    private, key_id, cert_id = _forge_certified_key(office, mallory, "web1",
                                                    fake_agency.private, fake_id)
    _forge_signoff(office, rid, private, key_id, cert_id, mallory)
    report = verify_request(office.ctx, rid)
    assert not report.ok
    assert "not issued by the agency key" in " ".join(report.problems())


def test_replacing_the_agency_key_itself_is_caught_by_the_pin(office: Office) -> None:
    rid = office.approved()
    fake = new_key_pair()
    with office.ctx.db.write() as s:
        agency = s.execute(select(AgencyKeyRow)).scalar_one()
        agency.public_key, agency.fingerprint = fake.public.hex(), fingerprint(fake.public)
    with pytest.raises(UserError) as refused:
        verify_request(office.ctx, rid)
    assert refused.value.code == "agency_key_changed"


def test_a_signature_by_a_real_but_uncertified_key_is_refused(office: Office) -> None:
    """A key row the attacker made (no agency signature on it)."""
    rid = office.approved()
    pair = new_key_pair()
    with office.ctx.db.write() as s:
        real_cert = s.execute(select(KeyCertificateRow)).scalars().first()
        assert real_cert is not None
        key = UserKeyRow(user_id=office["web1"].id, public_key=pair.public.hex(), sealed="{}",
                         created_at=datetime.now())
        s.add(key)
        s.flush()
        key_id, cert_id = key.id, real_cert.id   # someone else's certificate
    _forge_signoff(office, rid, pair.private, key_id, cert_id, office["web1"].id)
    report = verify_request(office.ctx, rid)
    assert not report.ok
    assert "certificate" in " ".join(report.problems())


def test_unsigned_signoffs_from_before_keys_ask_for_a_new_signature(office: Office) -> None:
    from desktop.services.signoff import resign

    rid = office.approved()
    with office.ctx.db.write() as s:      # as a pre-upgrade sign-off looks
        signoff = s.execute(select(SignoffRow).where(SignoffRow.request_id == rid)).scalar_one()
        signoff.record, signoff.signature = "", ""
        signoff.user_key_id = signoff.certificate_id = None
    report = verify_request(office.ctx, rid)
    assert not report.ok and "must sign again" in " ".join(report.problems())
    with pytest.raises(UserError):
        resign(office.ctx, office["head"], rid, "head-pass-1")     # not their approval
    assert resign(office.ctx, office["boss"], rid, "boss-pass-1") == 1
    assert verify_request(office.ctx, rid).ok


def test_password_change_keeps_old_signatures_and_reset_makes_a_new_key(office: Office) -> None:
    from desktop.services.signoff import Decision, decide
    from desktop.services.users import change_own_password, reset_password

    first = office.approved("ข่าวที่หนึ่ง")
    change_own_password(office.ctx, office["boss"], "boss-pass-1", "boss-pass-2")
    rid2 = office.awaiting("ข่าวที่สอง")
    decide(office.ctx, office["boss"], rid2, Decision.APPROVE, "boss-pass-2")
    reset_password(office.ctx, office["admin"], "admin-pass-1", "boss", "boss-pass-3")
    rid3 = office.awaiting("ข่าวที่สาม")
    decide(office.ctx, office["boss"], rid3, Decision.APPROVE, "boss-pass-3")
    with office.ctx.db.read() as s:
        keys_of_boss = s.execute(select(UserKeyRow).where(
            UserKeyRow.user_id == office["boss"].id)).scalars().all()
    assert len(keys_of_boss) == 2 and sum(k.retired_at is None for k in keys_of_boss) == 1
    for rid in (first, rid2, rid3):
        assert verify_request(office.ctx, rid).ok


def test_agency_key_status_pins_at_first_sight(office: Office) -> None:
    status = keys.agency_key_status(office.ctx)
    assert status.trusted and status.fingerprint and status.fingerprint.startswith("SHA256:")
