"""The signed-in person and what is held only while they are signed in.

A :class:`UserSession` starts when someone signs in and ends when they sign out, the shared PC
locks or the app closes: the server secrets given meanwhile are forgotten then.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.domain.errors import AuthenticationFailed, UserError
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
    # A start ahead of the database layer (desktop/services/early_start.py): the hash the
    # password was verified against, and the password, until record_sign_in has run.
    _unrecorded: tuple[str, str] | None = field(default=None, repr=False)

    @classmethod
    def sign_in(cls, ctx: AppContext, username: str, password: str) -> UserSession:
        """Check the password (argon2: call it off the GUI thread) and start a session.

        Before the context's database layer is loaded (an early start), a sure success is
        decided without it and the session starts *unrecorded*: its window must run
        :meth:`record_sign_in` as its first database job after the first page.  Anything
        else is decided, counted and audited by the ordinary sign-in."""
        if not ctx.loaded:
            from desktop.services.early_start import check_password_early

            early = check_password_early(ctx, username, password)
            if early is not None:
                user, verified_hash = early
                return cls(ctx, user, _unrecorded=(verified_hash, password))
        from desktop.services import auth

        return cls(ctx, auth.sign_in(ctx, username, password))

    @property
    def unrecorded(self) -> bool:
        """Signed in ahead of the database layer; :meth:`record_sign_in` has not run yet."""
        return self._unrecorded is not None

    def record_sign_in(self) -> User:
        """The audited sign-in of an unrecorded session (the database worker): the ordinary
        ``auth.sign_in``, which checks the account again.  A refusal ends the session (there
        is nothing to sign out of) and raises its :class:`UserError`; so does an account
        that changed in between (its window was made for the account as it was)."""
        from desktop.services import auth
        from desktop.services.actors import ActorsMessage

        if self._unrecorded is None:
            return self.user
        verified_hash, password = self._unrecorded
        self._unrecorded = None          # the password is not kept
        try:
            user = auth.sign_in(self.ctx, self.user.username, password,
                                verified_hash=verified_hash)
        except UserError:
            self.ended = True
            self.secrets.end()
            raise
        if user != self.user:
            raise AuthenticationFailed(ActorsMessage.SESSION_USER_CHANGED,
                                       name=self.user.username)
        return user

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
