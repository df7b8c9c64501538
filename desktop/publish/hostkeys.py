"""Server identity like OpenSSH: the app's own known_hosts plus the user's ~/.ssh/known_hosts.

An unknown key raises :class:`HostKeyUnknownError` (type + SHA256 fingerprint) which the caller must
show and have confirmed before calling :func:`trust`; a key other than the recorded one raises
:class:`HostKeyChangedError` naming old and new fingerprints.  Nothing is ever added silently.

Trusting a key *replaces* whatever the app's file held for that host (a rotated server key must
not leave the old line behind to be found first), and once the app's file names a host, the
user's file is no longer consulted for it: the app's confirmed key is the authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import paramiko

from desktop.publish.errors import HostKeyChangedError, HostKeyUnknownError, PublishError


def known_hosts_name(host: str, port: int) -> str:
    return host if port == 22 else f"[{host}]:{port}"


def fingerprint(key: paramiko.PKey) -> str:
    """OpenSSH's SHA256 fingerprint, e.g. ``SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s``."""
    return str(key.fingerprint)


def default_user_known_hosts() -> Path:
    return Path.home() / ".ssh" / "known_hosts"


class HostKeyStore:
    """Looks keys up in the app's file (written by :meth:`trust`) and the user's (read only)."""

    def __init__(self, app_known_hosts: Path, user_known_hosts: Path | None = None,
                 *, use_user_file: bool = True) -> None:
        self.app_known_hosts = Path(app_known_hosts)
        self.user_known_hosts = (user_known_hosts or default_user_known_hosts()
                                 if use_user_file else None)

    def _files(self) -> Iterable[Path]:
        yield self.app_known_hosts
        if self.user_known_hosts is not None:
            yield self.user_known_hosts

    def known_keys(self, host: str, port: int) -> list[paramiko.PKey]:
        name = known_hosts_name(host, port)
        keys: list[paramiko.PKey] = []
        for path in self._files():
            if keys:
                break                    # the app's file decides for the hosts it names
            if not path.is_file():
                continue
            table = paramiko.HostKeys()
            try:
                table.load(str(path))
            except (OSError, UnicodeDecodeError, paramiko.SSHException):
                continue
            entry = table.lookup(name)
            if entry is None:
                continue
            for key_type in list(entry):
                key = entry[key_type]
                if all(key != seen for seen in keys):
                    keys.append(key)
        return keys

    def preferred_key_types(self, host: str, port: int) -> list[str]:
        """Key algorithms recorded for this host, so that the server presents a known one."""
        names: list[str] = []
        for key in self.known_keys(host, port):
            for algorithm in _algorithms_for(key.get_name()):
                if algorithm not in names:
                    names.append(algorithm)
        return names

    def check(self, host: str, port: int, key: paramiko.PKey) -> None:
        """Return if ``key`` is recorded for the host; raise Unknown or Changed otherwise."""
        known = self.known_keys(host, port)
        if any(key == recorded for recorded in known):
            return
        if known:
            raise HostKeyChangedError(host, port, key.get_name(), [
                f"{recorded.get_name()} {fingerprint(recorded)}" for recorded in known
            ], fingerprint(key), host_key=key)
        raise HostKeyUnknownError(host, port, key, key.get_name(), fingerprint(key))

    def trust(self, host: str, port: int, key: paramiko.PKey,
              expected_fingerprint: str | None = None) -> list[str]:
        """Record a key the user confirmed (or whose fingerprint was pinned) in the app's file,
        replacing the keys recorded for the host before; returns their fingerprints."""
        previous = [f"{k.get_name()} {fingerprint(k)}" for k in self.known_keys(host, port)
                    if k != key]
        trust(self.app_known_hosts, host, port, key, expected_fingerprint)
        return previous


def trust(known_hosts: Path, host: str, port: int, key: paramiko.PKey,
          expected_fingerprint: str | None = None) -> None:
    """Record ``key`` for ``host:port`` in ``known_hosts`` (OpenSSH format), removing the
    lines that named the host before (plain or hashed).  The file is replaced atomically.

    With ``expected_fingerprint`` (as ``webdesk server trust --fingerprint``), a key whose
    fingerprint differs is refused.
    """
    actual = fingerprint(key)
    if expected_fingerprint is not None and _normal(expected_fingerprint) != _normal(actual):
        raise PublishError("sftp_fingerprint_mismatch", actual=actual,
                           expected=expected_fingerprint)
    known_hosts = Path(known_hosts)
    known_hosts.parent.mkdir(parents=True, exist_ok=True)
    name = known_hosts_name(host, port)
    existing = known_hosts.read_text(encoding="utf-8") if known_hosts.exists() else ""
    kept = [line for line in existing.splitlines() if not _names_host(line, name)]
    kept.append(f"{name} {key.get_name()} {key.get_base64()}")
    temporary = known_hosts.with_name(known_hosts.name + ".new")
    temporary.write_text("\n".join(kept) + "\n", encoding="utf-8")
    temporary.replace(known_hosts)


def _names_host(line: str, name: str) -> bool:
    """Does this known_hosts line list ``name`` (plainly, in a list, or hashed)?"""
    fields = line.split()
    if not fields or line.lstrip().startswith("#"):
        return False
    hosts = fields[1] if fields[0].startswith("@") and len(fields) > 1 else fields[0]
    for entry in hosts.split(","):
        if entry == name:
            return True
        if entry.startswith("|1|"):
            salt = entry.split("|")[2] if entry.count("|") >= 3 else ""
            if salt and paramiko.HostKeys.hash_host(name, salt) == entry:
                return True
    return False


def _normal(text: str) -> str:
    text = text.strip()
    if not text.upper().startswith("SHA256:"):
        text = "SHA256:" + text
    return "SHA256:" + text.split(":", 1)[1].rstrip("=")


def _algorithms_for(key_name: str) -> list[str]:
    if key_name == "ssh-rsa":
        return ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"]
    return [key_name]


def as_host_key(value: object) -> paramiko.PKey:
    """A key handed through the services (from a HostKey*Error) back as a paramiko key."""
    if not isinstance(value, paramiko.PKey):
        raise TypeError(f"not a host key: {type(value).__name__}")
    return value
