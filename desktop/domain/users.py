"""People, their roles, the sign-in lockout rule and the password rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain.errors import UserError
from desktop.domain.workflow import Role

MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class User:
    id: int
    username: str
    full_name: str
    position: str
    roles: frozenset[Role]
    active: bool = True

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class LockoutState:
    failed_count: int
    locked_until: datetime | None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> LockoutState:
        count = self.failed_count + 1
        if count >= MAX_FAILED_SIGN_INS:
            return LockoutState(0, now + LOCKOUT)
        return LockoutState(count, self.locked_until)

    @staticmethod
    def cleared() -> LockoutState:
        return LockoutState(0, None)


def check_password_rule(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("weak_password", min_length=MIN_PASSWORD_LENGTH)


def parse_roles(text: str) -> frozenset[Role]:
    roles = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip().lower()
        if part:
            roles.add(Role(part))
    return frozenset(roles)
