"""SFTP passwords and key passphrases: the OS keyring, or asked once per session.

Never a backend that keeps secrets in a file (keyrings.alt's plaintext or "encrypted" files,
keyrings.cryptfile, ...): when the keyring has no real backend (``keyring``'s ``fail`` backend
on a headless machine), secrets are asked through a callback and kept only in memory for the
session.

The keyring is imported and its backend looked up on first use, not when the store is made
(at sign-in): that lookup loads every backend keyring knows (~0.2 s of the window's start).
"""

from __future__ import annotations

import contextlib
import enum
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.publish.profiles import ServerProfile

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "WebDesk SFTP"


class SecretKind(enum.StrEnum):
    PASSWORD = "password"
    PASSPHRASE = "passphrase"


AskSecret = Callable[[ServerProfile, SecretKind], "str | None"]

_NO_KEYRING = ("fail", "null")  # keyring's stand-ins when there is no real backend
_FILE_BACKENDS = ("plaintext", "encryptedkeyring", "uncryptedfile", "file", "pyfs")


def stores_in_a_file(backend: KeyringBackend) -> bool:
    """True for a backend that keeps secrets in a file of its own (keyrings.alt's file and
    PyFilesystem backends, keyrings.cryptfile, anything built on keyrings.alt's FileBacked):
    the file is as good as plain text to whoever copies it, whatever the class is called."""
    kind = type(backend)
    if hasattr(kind, "file_path") or any(base.__name__ == "FileBacked" for base in kind.__mro__):
        return True
    return _named(backend, _FILE_BACKENDS)


def _named(backend: KeyringBackend, words: tuple[str, ...]) -> bool:
    return any(word in f"{base.__module__}.{base.__name__}".lower()
               for base in type(backend).__mro__ for word in words)


def backend_is_usable(backend: KeyringBackend | None) -> bool:
    """False for keyring's ``fail``/``null`` backends and any backend that keeps secrets in a
    file (plaintext or "encrypted"); a chain of backends only when every link is usable."""
    if backend is None or _named(backend, _NO_KEYRING) or stores_in_a_file(backend):
        return False
    links = getattr(backend, "backends", None)
    if type(backend).__name__ == "ChainerBackend" and links is not None:
        return bool(links) and all(backend_is_usable(link) for link in links)
    try:
        return float(backend.priority) > 0  # type: ignore[arg-type]
    except Exception:  # a backend whose priority check raises is not usable
        return False


def _default_backend() -> KeyringBackend | None:
    try:
        import keyring

        return keyring.get_keyring()
    except Exception:
        return None


def _keyring_error() -> type[Exception]:
    """keyring's error class (keyring is loaded by then: a backend is in use)."""
    from keyring.errors import KeyringError

    return KeyringError


_LOOKUP = threading.Lock()


class CredentialStore:
    """Where the connection gets its secrets from; one instance per app session."""

    def __init__(self, backend: KeyringBackend | None = None, ask: AskSecret | None = None,
                 *, use_default_backend: bool = True) -> None:
        self._look_up = backend is None and use_default_backend    # on first use
        self._backend = backend if backend_is_usable(backend) else None
        self.ask = ask
        self._session: dict[tuple[str, str], str] = {}

    def without_asking(self) -> CredentialStore:
        """The same keyring and session secrets, but never asks (for background threads)."""
        quiet = CredentialStore(self.backend, None, use_default_backend=False)
        quiet._session = self._session
        return quiet

    @property
    def backend(self) -> KeyringBackend | None:
        """The OS keyring's backend, or None when there is no usable one."""
        if self._look_up:
            with _LOOKUP:
                if self._look_up:
                    chosen = _default_backend()
                    self._backend = chosen if backend_is_usable(chosen) else None
                    self._look_up = False
        return self._backend

    @backend.setter
    def backend(self, backend: KeyringBackend | None) -> None:
        self._look_up = False
        self._backend = backend

    @property
    def has_keyring(self) -> bool:
        return self.backend is not None

    @staticmethod
    def account(profile: ServerProfile, kind: SecretKind) -> str:
        return f"{kind.value}:{profile.user}@{profile.host}:{profile.port}"

    def secret(self, profile: ServerProfile, kind: SecretKind) -> str | None:
        """The stored secret, else the one given this session, else ask (None: not given)."""
        account = self.account(profile, kind)
        backend = self.backend
        if backend is not None:
            try:
                stored = backend.get_password(SERVICE, account)
            except _keyring_error():
                stored = None
            if stored:
                return stored
        cached = self._session.get((SERVICE, account))
        if cached is not None:
            return cached
        if self.ask is None:
            return None
        answer = self.ask(profile, kind)
        if answer:
            self._session[(SERVICE, account)] = answer
        return answer or None

    def save(self, profile: ServerProfile, kind: SecretKind, secret: str) -> bool:
        """Store in the OS keyring; without one, keep it for this session only (False)."""
        account = self.account(profile, kind)
        backend = self.backend
        if backend is not None:
            try:
                backend.set_password(SERVICE, account, secret)
                return True
            except _keyring_error():
                pass
        self._session[(SERVICE, account)] = secret
        return False

    def forget_session(self, profile: ServerProfile, kind: SecretKind) -> None:
        """Drop a secret given this session (it turned out wrong); the keyring is untouched."""
        self._session.pop((SERVICE, self.account(profile, kind)), None)

    def forget(self, profile: ServerProfile, kind: SecretKind) -> None:
        """Remove a secret from the keyring and the session (the admin's "forget password")."""
        account = self.account(profile, kind)
        self._session.pop((SERVICE, account), None)
        backend = self.backend
        if backend is not None:
            with contextlib.suppress(_keyring_error()):
                backend.delete_password(SERVICE, account)
