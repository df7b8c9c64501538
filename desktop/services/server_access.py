"""What the UI (and the CLI) use to reach a publishing server, without importing desktop.publish.

The value types of a server profile, the errors a connection can raise and the progress of a
transfer are re-exported from the publish room; :class:`ServerSecrets` holds the server
passwords and key passphrases given while one person is signed in (see
:mod:`desktop.services.user_session`): asked at most once per session, optionally kept in the
OS keyring, forgotten when the session ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.publish.credentials import CredentialStore, SecretKind
from desktop.publish.errors import (
    ConnectionLostError,
    HostKeyChangedError,
    HostKeyUnknownError,
    PublishCancelledError,
    PublishError,
)
from desktop.publish.profiles import AuthKind, PublishMode, ServerProfile

if TYPE_CHECKING:
    from desktop.publish.transfer import FileProgress

__all__ = [
    "AuthKind", "ConnectionLostError", "FileProgress", "HostKeyChangedError",
    "HostKeyUnknownError", "PublishCancelledError", "PublishError", "PublishMode",
    "SecretKind", "ServerProfile", "ServerSecrets",
]


def __getattr__(name: str) -> Any:
    """``FileProgress`` on first use: desktop.publish.transfer brings paramiko (~0.15 s), which
    the first window does not need."""
    if name == "FileProgress":
        from desktop.publish.transfer import FileProgress

        return FileProgress
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SessionEnded(RuntimeError):
    """The signed-in session that held these secrets has ended (a bug if it is ever raised)."""


class ServerSecrets:
    """Server passwords and key passphrases for one signed-in session."""

    def __init__(self, store: CredentialStore | None = None) -> None:
        self._store: CredentialStore | None = store or CredentialStore()

    @property
    def store(self) -> CredentialStore:
        """The credential store the publish services take (valid until :meth:`end`)."""
        if self._store is None:
            raise SessionEnded("the session's server secrets were already forgotten")
        return self._store

    @property
    def has_keyring(self) -> bool:
        return self.store.has_keyring

    @staticmethod
    def kind_for(profile: ServerProfile) -> SecretKind | None:
        """What this profile's sign-in needs from the person: a password, or nothing asked
        here (key files ask for their passphrase only when they are encrypted)."""
        return SecretKind.PASSWORD if profile.auth == AuthKind.PASSWORD else None

    def needs_secret(self, profile: ServerProfile) -> bool:
        """True when publishing to ``profile`` would have to ask for its password (reads the
        keyring: call it off the GUI thread)."""
        kind = self.kind_for(profile)
        return kind is not None and not self.store.without_asking().secret(profile, kind)

    def give(self, profile: ServerProfile, secret: str, *, keep: bool,
             kind: SecretKind | None = None) -> bool:
        """The secret the person typed: kept in the OS keyring when ``keep`` and one exists
        (True), else for this session only (False)."""
        kind = kind or self.kind_for(profile) or SecretKind.PASSPHRASE
        if keep:
            return self.store.save(profile, kind, secret)
        self._remember(profile, kind, secret)
        return False

    def _remember(self, profile: ServerProfile, kind: SecretKind, secret: str) -> None:
        backend = self.store.backend
        self.store.backend = None                  # save() then keeps it in the session only
        try:
            self.store.save(profile, kind, secret)
        finally:
            self.store.backend = backend

    def forget_wrong(self, profile: ServerProfile) -> None:
        """The secret given this session was refused by the server: ask again next time."""
        kind = self.kind_for(profile)
        if kind is not None:
            self.store.forget_session(profile, kind)

    def end(self) -> None:
        """Forget every secret given this session (the keyring keeps what was put there)."""
        self._store = None
