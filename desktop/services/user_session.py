"""The signed-in person and what is held only while they are signed in.

A :class:`UserSession` starts when someone signs in and ends when they sign out, the shared PC
locks or the app closes: the server secrets given meanwhile are forgotten then.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.services.server_access import ServerSecrets

if TYPE_CHECKING:     # (the window imports this module; it is built before the database layer)
    from desktop.services.context import AppContext


@dataclass
class UserSession:
    ctx: AppContext
    user: User
    secrets: ServerSecrets = field(default_factory=ServerSecrets)
    ended: bool = False

    @classmethod
    def sign_in(cls, ctx: AppContext, username: str, password: str) -> UserSession:
        """Check the password (argon2: call it off the GUI thread) and start a session."""
        from desktop.services import auth

        return cls(ctx, auth.sign_in(ctx, username, password))

    def end(self, why: str = "sign_out") -> None:
        """Sign out (audited, on the database: call it off the GUI thread) and forget the
        session's secrets.  Ending twice does nothing."""
        if self.ended:
            return
        self.ended = True
        self.secrets.end()
        from desktop.services import auth

        with contextlib.suppress(UserError):
            auth.sign_out(self.ctx, self.user, why)
