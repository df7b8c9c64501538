"""Signing keys: the agency key that certifies people's keys, each person's key sealed under
their password, and the pin of the agency key on this workstation.

- The agency key is made with the first admin.  Its private half exists only sealed under an
  admin's password (each admin holds a copy), so only an admin, at the moment they type their
  password, can certify a key.  Its fingerprint is pinned on each workstation the first time
  the workstation sees it (like an SSH host key) and shown so people can compare it; a
  database that later shows another agency key is refused.
- A person's key is made when their account is made (or at their first sign-in after an
  upgrade) and sealed under their password; the certificate (agency signature over the public
  key, the name and the roles) is issued by an admin.  A password change re-seals the key; an
  admin's reset makes a new key.  Old keys and certificates stay, so old signatures verify.
"""

from __future__ import annotations

import contextlib
import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.signed_records import certificate, record_bytes
from desktop.domain.users import parse_roles
from desktop.keys.sealing import WrongPassword, seal, unseal
from desktop.keys.signatures import KeyPair, fingerprint, new_key_pair, sign, verify
from desktop.services.context import AppContext
from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from desktop.store import keys_repo
from desktop.store.database import Session
from desktop.store.models import (
    AgencyKeyRow,
    KeyCertificateRow,
    UserKeyRow,
    UserRow,
)

PIN_SETTING = "agency_keys"

class KeysMessage(MessageCode):
    AGENCY_KEY_CHANGED = (
        "agency_key_changed",
        "กุญแจรับรองของหน่วยงานในฐานข้อมูล ({found}) ไม่ใช่กุญแจที่เครื่องนี้เชื่อถือ ({pinned}) "
        "อาจมีผู้แก้ไขฐานข้อมูล กรุณาแจ้งผู้ดูแลระบบ หากเปลี่ยนกุญแจจริง ให้ผู้ดูแลระบบยืนยันด้วยคำสั่ง "
        "webdesk keys trust-agency --fingerprint {found}",
        "The agency key in the database ({found}) is not the one this PC trusts ({pinned}). "
        "Someone may have changed the database: tell your admin. If the key really changed, "
        "an admin confirms it with: webdesk keys trust-agency --fingerprint {found}",
    )
    NO_AGENCY_KEY = (
        "no_agency_key",
        "ยังไม่มีกุญแจรับรองของหน่วยงาน (ผู้ดูแลระบบต้องเข้าสู่ระบบหนึ่งครั้งเพื่อสร้าง)",
        "There is no agency key yet (an admin must sign in once to make it).",
    )
    NO_SIGNING_KEY = (
        "no_signing_key",
        "บัญชี {name} ยังไม่มีกุญแจลงนามที่ผู้ดูแลระบบรับรอง กรุณาให้ผู้ดูแลระบบรับรอง "
        "(webdesk user certify {name})",
        "The account {name} has no signing key certified by an admin yet; ask an admin to "
        "certify it (webdesk user certify {name}).",
    )
    NO_AGENCY_COPY = (
        "no_agency_copy",
        "บัญชีผู้ดูแลระบบ {name} ยังไม่ได้รับกุญแจรับรองของหน่วยงาน "
        "ให้ผู้ดูแลระบบคนอื่นตั้งรหัสผ่านใหม่ให้",
        "The admin account {name} does not hold the agency key yet; another admin gives it "
        "by resetting the password.",
    )
    FINGERPRINT_DIFFERS = (
        "fingerprint_differs",
        "ลายนิ้วมือที่ระบุ ({given}) ไม่ตรงกับกุญแจในฐานข้อมูล ({found})",
        "The fingerprint given ({given}) is not the database's key ({found}).",
    )



@dataclass(frozen=True)
class Signer:
    """A person's private key, unlocked by the password they just typed, for one action.
    Never stored; dropped when the action ends."""

    user_id: int
    username: str
    user_key_id: int
    certificate_id: int
    private: bytes

    def sign(self, record: dict[str, Any]) -> str:
        return sign(self.private, record_bytes(record))


def _hex(data: bytes) -> str:
    return data.hex()


# -- the pin on this workstation -------------------------------------------------------------

def _database_identity(ctx: AppContext) -> str:
    """The database URL without its password (the pin is per database)."""
    url = ctx.paths.database_url
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def pinned_fingerprint(ctx: AppContext) -> str | None:
    pins = read_pc_settings(ctx.paths.settings_file).get(PIN_SETTING)
    if isinstance(pins, dict):
        value = pins.get(_database_identity(ctx))
        return str(value) if value else None
    return None


def _pin(ctx: AppContext, found: str) -> None:
    pins = read_pc_settings(ctx.paths.settings_file).get(PIN_SETTING)
    table = dict(pins) if isinstance(pins, dict) else {}
    table[_database_identity(ctx)] = found
    write_pc_setting(ctx.paths, PIN_SETTING, table)


@dataclass(frozen=True)
class AgencyKeyStatus:
    fingerprint: str | None   # the database's agency key
    pinned: str | None        # what this PC trusts
    newly_pinned: bool = False

    @property
    def trusted(self) -> bool:
        return self.fingerprint is not None and self.fingerprint == self.pinned


def trusted_agency_key(session: Session, ctx: AppContext) -> AgencyKeyRow:
    """The database's agency key if this PC trusts it (pinned at first sight), else refused.
    Looked up once per session (a publish checks many signatures in one)."""
    cached = session.info.get(_AGENCY_KEY)
    if isinstance(cached, AgencyKeyRow):
        return cached
    row = keys_repo.agency_key(session)
    if row is None:
        raise UserError(KeysMessage.NO_AGENCY_KEY)
    pinned = pinned_fingerprint(ctx)
    if pinned is None:
        _pin(ctx, row.fingerprint)
    elif pinned != row.fingerprint or fingerprint(bytes.fromhex(row.public_key)) != pinned:
        raise UserError(KeysMessage.AGENCY_KEY_CHANGED, found=row.fingerprint, pinned=pinned)
    session.info[_AGENCY_KEY] = row
    return row


_AGENCY_KEY = "webdesk_agency_key"


def agency_key_status(ctx: AppContext) -> AgencyKeyStatus:
    """For the wizard, the admin screen and ``webdesk keys show``: pins at first sight."""
    with ctx.db.read() as session:
        row = keys_repo.agency_key(session)
    if row is None:
        return AgencyKeyStatus(None, pinned_fingerprint(ctx))
    pinned = pinned_fingerprint(ctx)
    if pinned is None:
        _pin(ctx, row.fingerprint)
        return AgencyKeyStatus(row.fingerprint, row.fingerprint, newly_pinned=True)
    return AgencyKeyStatus(row.fingerprint, pinned)


def trust_agency_key(ctx: AppContext, expected: str) -> str:
    """Re-pin this PC to the database's agency key when its fingerprint is ``expected``
    (read to the admin over the phone, or from the admin's screen)."""
    with ctx.db.read() as session:
        row = keys_repo.agency_key(session)
    if row is None:
        raise UserError(KeysMessage.NO_AGENCY_KEY)
    if expected.strip() != row.fingerprint:
        raise UserError(KeysMessage.FINGERPRINT_DIFFERS, given=expected.strip(),
                        found=row.fingerprint)
    _pin(ctx, row.fingerprint)
    return row.fingerprint


# -- making and opening keys -----------------------------------------------------------------

def make_agency_key_in(session: Session, ctx: AppContext, admin: UserRow, password: str) -> bytes:
    """The first admin makes the agency key (on an empty or just-upgraded database); returns
    its private half for the rest of this transaction."""
    pair = new_key_pair()
    row = AgencyKeyRow(public_key=_hex(pair.public), fingerprint=fingerprint(pair.public),
                       created_at=ctx.now(), created_by=admin.id)
    session.add(row)
    session.flush()
    keys_repo.put_agency_copy(session, row.id, admin.id, seal(pair.private, password,
                                                              pair.public), ctx.now())
    _pin(ctx, row.fingerprint)
    return pair.private


def give_agency_copy_in(session: Session, ctx: AppContext, agency_private: bytes, admin: UserRow,
                        password: str) -> None:
    agency = trusted_agency_key(session, ctx)
    keys_repo.put_agency_copy(session, agency.id, admin.id,
                              seal(agency_private, password, bytes.fromhex(agency.public_key)),
                              ctx.now())


def open_agency_key_in(session: Session, ctx: AppContext, admin: UserRow, password: str) -> bytes:
    """The agency private key from this admin's sealed copy (the password just checked)."""
    agency = trusted_agency_key(session, ctx)
    copy = keys_repo.agency_copy(session, agency.id, admin.id)
    if copy is None:
        raise UserError(KeysMessage.NO_AGENCY_COPY, name=admin.username)
    try:
        return unseal(copy.sealed, password, bytes.fromhex(agency.public_key))
    except WrongPassword:
        raise UserError(KeysMessage.NO_AGENCY_COPY, name=admin.username) from None


def new_user_key_in(session: Session, ctx: AppContext, user: UserRow, password: str) -> UserKeyRow:
    """A new key pair for ``user``, sealed under ``password``; earlier keys are retired."""
    keys_repo.retire_user_keys(session, user.id, ctx.now())
    pair: KeyPair = new_key_pair()
    row = UserKeyRow(user_id=user.id, public_key=_hex(pair.public),
                     sealed=seal(pair.private, password, pair.public), created_at=ctx.now())
    session.add(row)
    session.flush()
    return row


def certify_in(session: Session, ctx: AppContext, agency_private: bytes, user: UserRow,
               key: UserKeyRow, issued_by: str) -> KeyCertificateRow:
    """The agency key signs ``key`` as ``user`` with the roles the user has now."""
    agency = trusted_agency_key(session, ctx)
    keys_repo.supersede_certificates(session, key.id, ctx.now())
    content = certificate(agency_fingerprint=agency.fingerprint, user_id=user.id,
                          username=user.username, full_name=user.full_name,
                          roles={r.value for r in parse_roles(user.roles)},
                          public_key_hex=key.public_key, user_key_id=key.id,
                          issued_at=ctx.now(), issued_by=issued_by)
    row = KeyCertificateRow(user_key_id=key.id, agency_key_id=agency.id,
                            content=json.dumps(content, ensure_ascii=False, sort_keys=True),
                            signature=sign(agency_private, record_bytes(content)),
                            issued_at=ctx.now())
    session.add(row)
    session.flush()
    return row


def reseal_in(session: Session, ctx: AppContext, user: UserRow, old: str, new: str) -> None:
    """A password change: the same keys, sealed under the new password."""
    key = keys_repo.current_user_key(session, user.id)
    if key is not None:
        try:
            private = unseal(key.sealed, old, bytes.fromhex(key.public_key))
        except WrongPassword:
            private = None
        if private is not None:
            key.sealed = seal(private, new, bytes.fromhex(key.public_key))
    agency = keys_repo.agency_key(session)
    if agency is not None:
        copy = keys_repo.agency_copy(session, agency.id, user.id)
        if copy is not None:
            public = bytes.fromhex(agency.public_key)
            with contextlib.suppress(WrongPassword):
                copy.sealed = seal(unseal(copy.sealed, old, public), new, public)


def signer_in(session: Session, ctx: AppContext, user: UserRow, password: str) -> Signer:
    """Unlock ``user``'s certified key with the password just checked, for one signature."""
    key = keys_repo.current_user_key(session, user.id)
    cert = keys_repo.current_certificate(session, key.id) if key is not None else None
    if key is None or cert is None:
        raise UserError(KeysMessage.NO_SIGNING_KEY, name=user.username)
    try:
        private = unseal(key.sealed, password, bytes.fromhex(key.public_key))
    except WrongPassword:
        raise UserError(KeysMessage.NO_SIGNING_KEY, name=user.username) from None
    return Signer(user.id, user.username, key.id, cert.id, private)


def enrol_at_sign_in(session: Session, ctx: AppContext, user: UserRow, password: str) -> None:
    """At a sign-in with the right password: a person without a key gets one (certified by
    an admin later); the first admin of a database without an agency key makes it."""
    key = keys_repo.current_user_key(session, user.id)
    if key is None:
        key = new_user_key_in(session, ctx, user, password)
    if "admin" in {r.value for r in parse_roles(user.roles)} \
            and keys_repo.agency_key(session) is None:
        agency_private = make_agency_key_in(session, ctx, user, password)
        certify_in(session, ctx, agency_private, user, key, user.username)


# -- checking -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CertifiedKey:
    public: bytes
    content: dict[str, Any]

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.content.get("roles", ()))


def certified_key_in(session: Session, ctx: AppContext, user_key_id: int | None,
                     certificate_id: int | None) -> CertifiedKey | str:
    """The public key named by a signature, if the agency key this PC trusts certified it;
    otherwise the reason (English, for the report)."""
    if user_key_id is None or certificate_id is None:
        return "not signed"
    found = keys_repo.key_and_certificate(session, user_key_id, certificate_id)
    if found is None:
        return "signing key or certificate missing"
    key, cert = found
    agency = trusted_agency_key(session, ctx)
    if cert.agency_key_id != agency.id:
        return "certificate not issued by the agency key"
    return _check_certificate(agency.public_key, agency.fingerprint, key.id, key.public_key,
                              cert.content, cert.signature)


@functools.lru_cache(maxsize=4096)
def _check_certificate(agency_public: str, agency_fingerprint: str, key_id: int,
                       public_key: str, content_text: str, signature: str
                       ) -> CertifiedKey | str:
    """A pure function of every byte involved, so its answers can be remembered."""
    try:
        content = json.loads(content_text)
    except ValueError:
        return "certificate unreadable"
    if content.get("agency_key") != agency_fingerprint:
        return "certificate not issued by the agency key"
    if not verify(bytes.fromhex(agency_public), signature, record_bytes(content)):
        return "certificate signature does not verify"
    if content.get("public_key") != public_key or content.get("user_key_id") != key_id:
        return "certificate is for another key"
    return CertifiedKey(bytes.fromhex(public_key), content)


def verify_record(key: CertifiedKey, record: dict[str, Any], signature: str) -> bool:
    return verify(key.public, signature, record_bytes(record))


def when(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
