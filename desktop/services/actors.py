"""Who is acting, re-read from the database inside the transaction that acts.

A session's :class:`User` is a snapshot taken at sign-in.  Every service that changes
something passes it through :func:`acting_in` in its own transaction, so that an account
disabled, locked or stripped of a role since then can do nothing more, whatever the caller's
copy says (anyone who can reach the database could hand a service a made-up ``User``).
"""

from __future__ import annotations

from desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied
from desktop.domain.messages import MessageCode
from desktop.domain.users import LockoutState, User, parse_roles
from desktop.domain.workflow import Role, localized
from desktop.store.database import Session
from desktop.store.models import UserRow


class ActorsMessage(MessageCode):
    ROLE_MISSING = (
        "role_missing",
        "ต้องใช้สิทธิ์ {roles}", "This needs the role: {roles}.",
    )
    SESSION_USER_CHANGED = (
        "session_user_changed",
        "บัญชีผู้ใช้ {name} ถูกเปลี่ยนแปลงหลังจากเข้าสู่ระบบ กรุณาเข้าสู่ระบบใหม่",
        "The account {name} changed after it signed in; please sign in again.",
    )



def user_of(row: UserRow) -> User:
    return User(id=row.id, username=row.username, full_name=row.full_name,
                position=row.position, roles=parse_roles(row.roles), active=row.active)


def acting_in(session: Session, user: User, *any_of: Role, now: object = None) -> User:
    """The actor as the database has them now; refuses a disabled or locked account, a
    renamed one (a made-up ``User``), or one without any of ``any_of`` (when given)."""
    row = session.get(UserRow, user.id) if user.id else None
    if row is None:
        raise NotFound("user_not_found", name=user.username)
    if row.username != user.username:
        raise AuthenticationFailed(ActorsMessage.SESSION_USER_CHANGED, name=user.username)
    if not row.active:
        raise AuthenticationFailed("account_disabled")
    from datetime import datetime

    moment = now if isinstance(now, datetime) else datetime.now()
    lock = LockoutState(row.failed_count, row.locked_until)
    if lock.is_locked(moment):
        assert lock.locked_until is not None
        raise AuthenticationFailed("account_locked", until=lock.locked_until.strftime("%H:%M"))
    fresh = user_of(row)
    if any_of and not (fresh.roles & set(any_of)):
        if any_of == (Role.ADMIN,):
            raise PermissionDenied("admin_required")
        raise PermissionDenied(ActorsMessage.ROLE_MISSING,
                               roles=[localized(role) for role in any_of])
    return fresh
