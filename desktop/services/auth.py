"""Users, sign-in with lockout, re-authentication at sign-off.  Passwords: argon2id."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied, UserError
from desktop.domain.users import LockoutState, User, check_password_rule, parse_roles
from desktop.domain.workflow import Role
from desktop.services.context import AppContext
from desktop.store import audit
from desktop.store.models import UserRow

# OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32,
                         salt_len=16)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def to_user(row: UserRow) -> User:
    return User(id=row.id, username=row.username, full_name=row.full_name,
                position=row.position, roles=parse_roles(row.roles), active=row.active)


def count_users(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        return int(session.execute(select(func.count()).select_from(UserRow)).scalar_one())


@dataclass(frozen=True)
class NewUser:
    username: str
    password: str
    roles: frozenset[Role]
    full_name: str = ""
    position: str = ""


def create_user(ctx: AppContext, new: NewUser, actor: User | None, *,
                trusted_cli: bool = False) -> User:
    """Add a user.  Only an admin may, except for the very first user (who becomes admin).

    ``trusted_cli``: the local ``webdesk user add`` command, run by whoever holds the profile
    (IT staff setting up a PC), is allowed without a signed-in admin.
    """
    username = new.username.strip()
    if not username:
        raise UserError("missing_fields", fields=["username"])
    check_password_rule(new.password)
    password_hash = hash_password(new.password)
    with ctx.db.write() as session:
        first = session.execute(select(func.count()).select_from(UserRow)).scalar_one() == 0
        roles = set(new.roles) | ({Role.ADMIN} if first else set())
        if not first and not trusted_cli and (actor is None or Role.ADMIN not in actor.roles):
            raise PermissionDenied("admin_required")
        if session.execute(select(UserRow).where(UserRow.username == username)).scalar():
            raise UserError("user_exists", name=username)
        row = UserRow(username=username, full_name=new.full_name or username,
                      position=new.position, password_hash=password_hash,
                      roles=",".join(sorted(r.value for r in roles)), active=True,
                      failed_count=0, created_at=ctx.now())
        session.add(row)
        session.flush()
        audit.append(session, action="user_created", actor_id=actor.id if actor else None,
                     actor_name=(actor.username if actor
                                 else "(cli)" if trusted_cli else "(first run)"),
                     workstation=ctx.workstation,
                     details={"user": username, "roles": sorted(r.value for r in roles)})
        return to_user(row)


def _find(session: Session, username: str) -> UserRow | None:
    return session.execute(select(UserRow).where(UserRow.username == username.strip())).scalar()


def sign_in(ctx: AppContext, username: str, password: str) -> User:
    """Check the password; 5 failures lock the account for 15 minutes.  Always audited."""
    error: UserError | None = None
    user: User | None = None
    with ctx.db.write() as session:
        row = _find(session, username)
        if row is None:
            audit.append(session, action="sign_in_failed", actor_name=username[:200],
                         workstation=ctx.workstation, details={"reason": "unknown user"})
            error = AuthenticationFailed("bad_credentials")
        else:
            error = _check(session, ctx, row, password, "sign_in")
            if error is None:
                user = to_user(row)
                audit.append(session, action="sign_in", actor_id=row.id,
                             actor_name=row.username, workstation=ctx.workstation)
    if error is not None:
        raise error
    assert user is not None
    return user


def _check(session: Session, ctx: AppContext, row: UserRow, password: str,
           purpose: str) -> UserError | None:
    now = ctx.now()
    state = LockoutState(row.failed_count, row.locked_until)
    if not row.active:
        audit.append(session, action=f"{purpose}_failed", actor_id=row.id,
                     actor_name=row.username, workstation=ctx.workstation,
                     details={"reason": "disabled"})
        return AuthenticationFailed("account_disabled")
    if state.is_locked(now):
        audit.append(session, action=f"{purpose}_failed", actor_id=row.id,
                     actor_name=row.username, workstation=ctx.workstation,
                     details={"reason": "locked"})
        assert state.locked_until is not None
        return AuthenticationFailed("account_locked",
                                    until=state.locked_until.strftime("%H:%M"))
    if not _verify(row.password_hash, password):
        after = state.after_failure(now)
        row.failed_count, row.locked_until = after.failed_count, after.locked_until
        locked = after.is_locked(now)
        audit.append(session, action=f"{purpose}_failed", actor_id=row.id,
                     actor_name=row.username, workstation=ctx.workstation,
                     details={"reason": "wrong password", "locked": locked})
        if locked:
            assert after.locked_until is not None
            return AuthenticationFailed("account_locked",
                                        until=after.locked_until.strftime("%H:%M"))
        return AuthenticationFailed("bad_credentials")
    row.failed_count, row.locked_until = 0, None
    return None


def reauthenticate_in(session: Session, ctx: AppContext, user: User,
                      password: str) -> UserError | None:
    """Inside a caller's transaction: check the password again (for sign-off).

    Returns the error instead of raising so the caller can commit the failure count and audit
    row and record nothing else.
    """
    row = session.get(UserRow, user.id)
    if row is None:
        return NotFound("user_not_found", name=user.username)
    return _check(session, ctx, row, password, "reauth")


def sign_out(ctx: AppContext, user: User, reason: str = "sign_out") -> None:
    """Audit the end of a session and why: "sign_out" (asked for), "idle", "decision" (a
    shared PC locks after each sign-off), "closed" or "quit"."""
    with ctx.db.write() as session:
        audit.append(session, action="sign_out", actor_id=user.id, actor_name=user.username,
                     workstation=ctx.workstation, details={"reason": reason})


def get_user(ctx: AppContext, user_id: int) -> User:
    with ctx.db.read() as session:
        row = session.get(UserRow, user_id)
        if row is None:
            raise NotFound("user_not_found", name=str(user_id))
        return to_user(row)


def list_users(ctx: AppContext) -> list[User]:
    with ctx.db.read() as session:
        return [to_user(r) for r in session.execute(select(UserRow).order_by(UserRow.username))
                .scalars()]
