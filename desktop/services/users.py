"""An admin looks after people: add, disable, enable, set roles, reset a password, unlock,
certify a key.  Each action is checked against the database as it is now, needs the admin's
password (which unlocks the admin's own key and the agency key), and is signed and audited:
the signed record also anchors the audit chain head (a checkpoint).  People change their own
password themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.domain.errors import NotFound, PermissionDenied, UserError
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.signed_records import action as action_record
from desktop.domain.users import User, check_password_rule, parse_roles
from desktop.domain.workflow import Role
from desktop.keys.passwords import hash_password
from desktop.services import keys
from desktop.services.actors import acting_in, user_of
from desktop.services.approval_chain import ApprovalStep, chain_in
from desktop.services.auth import check_password_in
from desktop.services.context import AppContext
from desktop.store import audit, keys_repo, users_repo
from desktop.store.database import Session
from desktop.store.models import AuditCheckpointRow, UserRow


class UsersMessage(MessageCode):
    LAST_ADMIN = (
        "last_admin",
        "ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน",
        "There must be at least one active admin.",
    )
    NOT_YOURSELF = (
        "not_yourself",
        "ผู้ดูแลระบบปิดใช้งานบัญชีของตนเองไม่ได้",
        "An admin cannot disable their own account.",
    )
    NO_ROLES = (
        "no_roles",
        "ต้องกำหนดสิทธิ์อย่างน้อยหนึ่งอย่าง", "Give at least one role.",
    )
    KEY_ALREADY_CERTIFIED = (
        "key_already_certified",
        "กุญแจลงนามของ {name} ได้รับการรับรองแล้ว", "{name}'s signing key is already certified.",
    )
    NO_KEY_YET = (
        "no_key_yet",
        "{name} ยังไม่มีกุญแจลงนาม (จะสร้างเมื่อเข้าสู่ระบบครั้งถัดไป)",
        "{name} has no signing key yet (it is made at their next sign-in).",
    )
    ONLY_SIGNER_OF_STEP = (
        "only_signer_of_step",
        "ถอดสิทธิ์ผู้อนุมัติหรือปิดใช้งาน {name} ไม่ได้ เพราะ {name} เป็นผู้เดียวที่ลงนามขั้นตอนที่ "
        "{step} ({label}) ในลำดับการอนุมัติของหมวด {category} ได้ — คำขอในหมวดนี้จะค้างที่ขั้นตอนนั้น "
        "กรุณาแก้ลำดับการอนุมัติของหมวดนี้หรือเพิ่มผู้อนุมัติก่อน",
        "{name} is the only one who may sign step {step} ({label}) of the approval chain for "
        "{category}: without them every request of that category would stop at that step. "
        "Change that chain or add another approver first.",
    )


AdminWork = Callable[[Session, UserRow, bytes, keys.Signer], dict[str, Any]]


def signed_action_in(session: Session, ctx: AppContext, signer: keys.Signer, kind: str,
                     details: dict[str, Any], request_id: int | None = None) -> None:
    """Sign ``details`` together with the chain head as it stands, keep the signature as a
    checkpoint, and append the audit row — all in the caller's transaction."""
    head = audit.head(session, lock=True)
    record = action_record(kind=kind, actor_id=signer.user_id, actor=signer.username,
                           details=details, at=ctx.now(), workstation=ctx.workstation,
                           audit_head=head)
    signature = signer.sign(record)
    session.add(AuditCheckpointRow(
        audit_id=head[0], audit_hash=head[1], kind=kind,
        record=json.dumps(record, ensure_ascii=False, sort_keys=True), signature=signature,
        user_key_id=signer.user_key_id, certificate_id=signer.certificate_id,
        signed_at=ctx.now()))
    audit.append(session, action=kind, actor_id=signer.user_id, actor_name=signer.username,
                 workstation=ctx.workstation, request_id=request_id, at=ctx.now(),
                 details={**details, "signature": signature})


def admin_action(ctx: AppContext, admin: User, password: str, kind: str,
                 work: AdminWork) -> dict[str, Any]:
    """Run ``work`` as ``admin`` (re-read, password checked under a row lock, keys unlocked)
    and record it signed.  A wrong password records only the failure."""
    error: UserError | None = None
    with ctx.db.write() as session:
        fresh = acting_in(session, admin, Role.ADMIN, now=ctx.now())
        row = users_repo.by_id(session, fresh.id, lock=True)
        assert row is not None
        error = check_password_in(session, ctx, row, password, "reauth")
        if error is None:
            agency_private = keys.open_agency_key_in(session, ctx, row, password)
            signer = keys.signer_in(session, ctx, row, password)
            details = work(session, row, agency_private, signer)
            signed_action_in(session, ctx, signer, kind, details)
            return details
    assert error is not None
    raise error


def add_user_in(session: Session, ctx: AppContext, admin: UserRow, admin_password: str,
                row: UserRow, password: str) -> None:
    """Inside :func:`desktop.services.auth.create_user`: key, certificate, agency copy."""
    agency_private = keys.open_agency_key_in(session, ctx, admin, admin_password)
    signer = keys.signer_in(session, ctx, admin, admin_password)
    key = keys.new_user_key_in(session, ctx, row, password)
    keys.certify_in(session, ctx, agency_private, row, key, admin.username)
    if Role.ADMIN in parse_roles(row.roles):
        keys.give_agency_copy_in(session, ctx, agency_private, row, password)
    signed_action_in(session, ctx, signer, "user_created",
                     {"user": row.username, "roles": sorted(parse_roles(row.roles)),
                      "full_name": row.full_name, "public_key": key.public_key})


def _target(session: Session, username: str) -> UserRow:
    row = users_repo.by_name(session, username, lock=True)
    if row is None:
        raise NotFound("user_not_found", name=username)
    return row


def _keep_an_admin(session: Session, losing: UserRow) -> None:
    others = [a for a in users_repo.active_admins(session) if a.id != losing.id]
    if not others:
        raise PermissionDenied(UsersMessage.LAST_ADMIN)


def _chains(ctx: AppContext, session: Session
            ) -> list[tuple[Localized, tuple[ApprovalStep, ...]]]:
    """Every chain a request can meet: each category's, then each sub-category's."""
    found = []
    for category in ctx.catalogue.categories:
        found.append((category.localized, chain_in(session, ctx.catalogue, category.code)))
        for sub in category.children:
            name = Localized(f"{category.th} / {sub.th}", f"{category.en} / {sub.en}")
            found.append((name, chain_in(session, ctx.catalogue, category.code, sub.code)))
    return found


def _keep_chain_signers(ctx: AppContext, session: Session, losing: UserRow) -> None:
    """Refuse to take away the only person who may sign a step of an approval chain (named
    in the step, or the last active approver for an any-approver step).  A delegate signs
    for a principal who must still be allowed, so delegations cannot fill the gap."""
    if not losing.active or Role.APPROVER not in parse_roles(losing.roles):
        return
    others = {u.username for u in users_repo.all_users(session)
              if u.id != losing.id and u.active and Role.APPROVER in parse_roles(u.roles)}
    for category, chain in _chains(ctx, session):
        for step in chain:
            signers = set(step.usernames) if step.usernames else others | {losing.username}
            if losing.username in signers and not signers & others:
                raise UserError(UsersMessage.ONLY_SIGNER_OF_STEP, name=losing.username,
                                step=step.number, label=step.title, category=category)


def disable_user(ctx: AppContext, admin: User, password: str, username: str) -> None:
    def work(session: Session, me: UserRow, _agency: bytes, _signer: keys.Signer
             ) -> dict[str, Any]:
        row = _target(session, username)
        if row.id == me.id:
            raise PermissionDenied(UsersMessage.NOT_YOURSELF)
        if Role.ADMIN in parse_roles(row.roles):
            _keep_an_admin(session, row)
        _keep_chain_signers(ctx, session, row)
        row.active = False
        return {"user": row.username}
    admin_action(ctx, admin, password, "user_disabled", work)


def enable_user(ctx: AppContext, admin: User, password: str, username: str) -> None:
    def work(session: Session, _me: UserRow, _agency: bytes, _signer: keys.Signer
             ) -> dict[str, Any]:
        row = _target(session, username)
        row.active = True
        return {"user": row.username}
    admin_action(ctx, admin, password, "user_enabled", work)


def unlock_user(ctx: AppContext, admin: User, password: str, username: str) -> None:
    def work(session: Session, _me: UserRow, _agency: bytes, _signer: keys.Signer
             ) -> dict[str, Any]:
        row = _target(session, username)
        row.failed_count, row.locked_until = 0, None
        return {"user": row.username}
    admin_action(ctx, admin, password, "user_unlocked", work)


def set_roles(ctx: AppContext, admin: User, password: str, username: str,
              roles: frozenset[Role]) -> None:
    """New roles, and a new certificate for the person's key saying so."""
    if not roles:
        raise UserError(UsersMessage.NO_ROLES)

    def work(session: Session, me: UserRow, agency: bytes, _signer: keys.Signer
             ) -> dict[str, Any]:
        row = _target(session, username)
        before = parse_roles(row.roles)
        if Role.ADMIN in before and Role.ADMIN not in roles and row.active:
            _keep_an_admin(session, row)
        if Role.APPROVER not in roles:
            _keep_chain_signers(ctx, session, row)
        row.roles = ",".join(sorted(r.value for r in roles))
        key = keys_repo.current_user_key(session, row.id)
        if key is not None:
            keys.certify_in(session, ctx, agency, row, key, me.username)
        return {"user": row.username, "from": sorted(before), "to": sorted(roles)}
    admin_action(ctx, admin, password, "user_roles_set", work)


def reset_password(ctx: AppContext, admin: User, password: str, username: str,
                   new_password: str) -> None:
    """A new password and a new key (the old key can no longer be opened; its signatures
    stay verifiable), certified; an admin also gets a fresh copy of the agency key."""
    check_password_rule(new_password)
    new_hash = hash_password(new_password)

    def work(session: Session, me: UserRow, agency: bytes, _signer: keys.Signer
             ) -> dict[str, Any]:
        row = _target(session, username)
        row.password_hash = new_hash
        row.failed_count, row.locked_until = 0, None
        key = keys.new_user_key_in(session, ctx, row, new_password)
        keys.certify_in(session, ctx, agency, row, key, me.username)
        if Role.ADMIN in parse_roles(row.roles):
            keys.give_agency_copy_in(session, ctx, agency, row, new_password)
        return {"user": row.username, "public_key": key.public_key}
    admin_action(ctx, admin, password, "user_password_reset", work)


def certify_user(ctx: AppContext, admin: User, password: str, username: str) -> str:
    """Certify the key a person made at their first sign-in after an upgrade."""
    def work(session: Session, me: UserRow, agency: bytes, _signer: keys.Signer
             ) -> dict[str, Any]:
        row = _target(session, username)
        key = keys_repo.current_user_key(session, row.id)
        if key is None:
            raise UserError(UsersMessage.NO_KEY_YET, name=row.username)
        if keys_repo.current_certificate(session, key.id) is not None:
            raise UserError(UsersMessage.KEY_ALREADY_CERTIFIED, name=row.username)
        keys.certify_in(session, ctx, agency, row, key, me.username)
        return {"user": row.username, "public_key": key.public_key}
    return str(admin_action(ctx, admin, password, "user_key_certified", work)["public_key"])


def change_own_password(ctx: AppContext, user: User, old: str, new: str) -> None:
    """Anyone changes their own password; their keys are re-sealed under it."""
    check_password_rule(new)
    new_hash = hash_password(new)
    error: UserError | None = None
    with ctx.db.write() as session:
        fresh = acting_in(session, user, now=ctx.now())
        row = users_repo.by_id(session, fresh.id, lock=True)
        assert row is not None
        error = check_password_in(session, ctx, row, old, "reauth")
        if error is None:
            keys.reseal_in(session, ctx, row, old, new)
            row.password_hash = new_hash
            audit.append(session, action="password_changed", actor_id=row.id,
                         actor_name=row.username, workstation=ctx.workstation, at=ctx.now(),
                         details={"user": row.username})
            return
    assert error is not None
    raise error


@dataclass(frozen=True)
class UserListing:
    user: User
    locked: bool
    key: str   # "certified", "uncertified" or "none"
    holds_agency_key: bool


def list_user_details(ctx: AppContext) -> list[UserListing]:
    with ctx.db.read() as session:
        agency = keys_repo.agency_key(session)
        result = []
        for row in users_repo.all_users(session):
            key = keys_repo.current_user_key(session, row.id)
            state = ("none" if key is None else "certified"
                     if keys_repo.current_certificate(session, key.id) else "uncertified")
            locked = row.locked_until is not None and row.locked_until > ctx.now()
            copy = agency is not None and keys_repo.agency_copy(session, agency.id,
                                                                row.id) is not None
            result.append(UserListing(user_of(row), locked, state, copy))
        return result
