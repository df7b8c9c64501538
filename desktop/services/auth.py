"""Users, sign-in with lockout, the password check before a signature.  Passwords: argon2id.

Wrong passwords are counted under a row lock on the account, so several PCs guessing at once
queue: exactly five tries are checked before the account locks.  A sign-in with the right
password also enrols the person's signing key when they have none (see :mod:`keys`).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied, UserError
from desktop.domain.field_limits import USER_FIELD_LIMITS, USER_LABELS, check_lengths
from desktop.domain.messages import Localized, MessageCode
from desktop.domain.users import LockoutState, User, check_password_rule
from desktop.domain.workflow import Role
from desktop.keys.passwords import hash_password, verify_password
from desktop.services import keys
from desktop.services.actors import acting_in, user_of
from desktop.services.context import AppContext
from desktop.store import audit, users_repo
from desktop.store.database import Session
from desktop.store.models import UserRow


class AuthMessage(MessageCode):
    FIRST_RUN_TAKEN = (
        "first_run_taken",
        "อีกเครื่องหนึ่งเพิ่งตั้งค่าฐานข้อมูลนี้และสร้างผู้ดูแลระบบคนแรกแล้ว "
        "กรุณาเข้าสู่ระบบ หรือขอให้ผู้ดูแลระบบเพิ่มชื่อของท่าน",
        "Another PC has just set up this database and made its first admin. Sign in, or ask "
        "that admin to add you.",
    )
    ADMIN_PASSWORD_REQUIRED = (
        "admin_password_required",
        "การเพิ่มผู้ใช้ต้องยืนยันด้วยรหัสผ่านของผู้ดูแลระบบ",
        "Adding a user needs an admin's password.",
    )
    USERNAME_CHARACTERS = (
        "username_characters",
        "ชื่อผู้ใช้ใช้ได้เฉพาะตัวอักษร ตัวเลข และเครื่องหมายที่มองเห็นได้ "
        "โดยไม่มีช่องว่าง อักขระควบคุม หรืออักขระกำหนดทิศทางข้อความ",
        "A user name may hold only visible letters, digits and marks: no spaces, control "
        "characters or text-direction characters.",
    )


to_user = user_of


def count_users(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        return users_repo.count(session)


@dataclass(frozen=True)
class NewUser:
    username: str
    password: str
    roles: frozenset[Role]
    full_name: str = ""
    position: str = ""


def create_user(ctx: AppContext, new: NewUser, actor: User | None = None, *,
                actor_password: str | None = None) -> User:
    """Add a user.  On an empty database the first user needs no sign-in and becomes admin
    (and makes the agency key); after that only an admin may, typing their password, which
    unlocks the agency key that certifies the new person's signing key."""
    from desktop.services.users import add_user_in

    username = new.username.strip()
    if not username:
        raise UserError("missing_fields", fields=[Localized(*USER_LABELS["username"])],
                        names=["username"])
    if not is_login_name(username):
        raise UserError(AuthMessage.USERNAME_CHARACTERS)
    check_lengths({"username": username, "full_name": new.full_name or username,
                   "position": new.position}, USER_FIELD_LIMITS, USER_LABELS)
    check_password_rule(new.password)
    password_hash = hash_password(new.password)
    error: UserError | None = None
    with ctx.db.write() as session:
        first_run = users_repo.count(session) == 0
        if first_run and not users_repo.claim_first_run(session):
            raise UserError(AuthMessage.FIRST_RUN_TAKEN)
        if first_run:
            row = _add_row(session, ctx, new, password_hash, first=True)
            keys.enrol_at_sign_in(session, ctx, row, new.password)
            audit.append(session, action="user_created", actor_name="(first run)",
                         workstation=ctx.workstation, at=ctx.now(),
                         details={"user": username, "roles": _role_names(row),
                                  "agency_key": keys.pinned_fingerprint(ctx)})
            return to_user(row)
        if actor is None:
            raise PermissionDenied("admin_required")
        if actor_password is None:
            raise PermissionDenied(AuthMessage.ADMIN_PASSWORD_REQUIRED)
        admin = acting_in(session, actor, Role.ADMIN, now=ctx.now())
        admin_row = users_repo.by_id(session, admin.id, lock=True)
        assert admin_row is not None
        error = check_password_in(session, ctx, admin_row, actor_password, "reauth")
        if error is None:
            if users_repo.by_name(session, username) is not None:
                raise UserError("user_exists", name=username)
            row = _add_row(session, ctx, new, password_hash, first=False)
            add_user_in(session, ctx, admin_row, actor_password, row, new.password)
            return to_user(row)
    assert error is not None
    raise error


def is_login_name(name: str) -> bool:
    """Only characters that show as themselves: no spaces, control characters, bidi or
    zero-width characters (``'adm\\x1b[8min'`` or ``'adm\\u200bin'`` must not pass for
    ``admin``).  Thai letters with their vowels and tone marks are fine."""
    return name.isprintable() and not any(char.isspace() for char in name)


def _role_names(row: UserRow) -> list[str]:
    return sorted(r.value for r in to_user(row).roles)


def _add_row(session: Session, ctx: AppContext, new: NewUser, password_hash: str, *,
             first: bool) -> UserRow:
    roles = set(new.roles) | ({Role.ADMIN} if first else set())
    row = UserRow(username=new.username.strip(), full_name=new.full_name or new.username.strip(),
                  position=new.position, password_hash=password_hash,
                  roles=",".join(sorted(r.value for r in roles)), active=True,
                  failed_count=0, created_at=ctx.now())
    if not users_repo.add_new(session, row):
        raise UserError("user_exists", name=row.username)
    return row


def sign_in(ctx: AppContext, username: str, password: str, *,
            verified_hash: str | None = None) -> User:
    """Check the password; 5 failures lock the account for 15 minutes.  Always audited.

    ``verified_hash``: the stored hash this password was checked against a moment ago
    (desktop/services/early_start.py); while the account still has that hash, argon2 is not
    run again.  Everything else (disabled, locked, the audit row, the keys) is as ever."""
    error: UserError | None = None
    user: User | None = None
    with ctx.db.write() as session:
        row = users_repo.by_name(session, username, lock=True)
        if row is None:
            audit.append(session, action="sign_in_failed", actor_name=username[:200],
                         workstation=ctx.workstation, at=ctx.now(),
                         details={"reason": "unknown user"})
            error = AuthenticationFailed("bad_credentials")
        else:
            error = check_password_in(session, ctx, row, password, "sign_in",
                                      verified_hash=verified_hash)
            if error is None:
                keys.enrol_at_sign_in(session, ctx, row, password)
                user = to_user(row)
                audit.append(session, action="sign_in", actor_id=row.id,
                             actor_name=row.username, workstation=ctx.workstation,
                             at=ctx.now())
    if error is not None:
        raise error
    assert user is not None
    return user


def check_password_in(session: Session, ctx: AppContext, row: UserRow, password: str,
                      purpose: str, *, verified_hash: str | None = None) -> UserError | None:
    """Inside the caller's transaction, with ``row`` locked: the lockout rule and the
    password.  Returns the error instead of raising, so that the caller commits the failure
    count and its audit row and records nothing else."""
    now = ctx.now()
    state = LockoutState(row.failed_count, row.locked_until)

    def failed(reason: str, **extra: object) -> None:
        audit.append(session, action=f"{purpose}_failed", actor_id=row.id,
                     actor_name=row.username, workstation=ctx.workstation, at=now,
                     details={"reason": reason, **extra})

    if not row.active:
        failed("disabled")
        return AuthenticationFailed("account_disabled")
    if state.is_locked(now):
        failed("locked")
        assert state.locked_until is not None
        return AuthenticationFailed("account_locked",
                                    until=state.locked_until.strftime("%H:%M"))
    verified = verified_hash is not None and verified_hash == row.password_hash
    if not verified and not verify_password(row.password_hash, password):
        after = state.after_failure(now)
        row.failed_count, row.locked_until = after.failed_count, after.locked_until
        locked = after.is_locked(now)
        failed("wrong password", locked=locked)
        if locked:
            assert after.locked_until is not None
            return AuthenticationFailed("account_locked",
                                        until=after.locked_until.strftime("%H:%M"))
        return AuthenticationFailed("bad_credentials")
    row.failed_count, row.locked_until = 0, None
    return None


def reauthenticate_in(session: Session, ctx: AppContext, user: User,
                      password: str) -> UserError | None:
    """Inside a caller's transaction: check the password again (before a signature), with the
    account row locked."""
    row = users_repo.by_id(session, user.id, lock=True)
    if row is None:
        return NotFound("user_not_found", name=user.username)
    return check_password_in(session, ctx, row, password, "reauth")


def sign_out(ctx: AppContext, user: User, reason: str = "sign_out") -> None:
    """Audit the end of a session and why: "sign_out" (asked for), "idle", "decision" (a
    shared PC locks after each sign-off), "closed" or "quit"."""
    with ctx.db.write() as session:
        audit.append(session, action="sign_out", actor_id=user.id, actor_name=user.username,
                     workstation=ctx.workstation, at=ctx.now(), details={"reason": reason})


def get_user(ctx: AppContext, user_id: int) -> User:
    with ctx.db.read() as session:
        row = users_repo.by_id(session, user_id)
        if row is None:
            raise NotFound("user_not_found", name=str(user_id))
        return to_user(row)


def list_users(ctx: AppContext) -> list[User]:
    with ctx.db.read() as session:
        return [to_user(r) for r in users_repo.all_users(session)]
