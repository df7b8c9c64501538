"""Host keys like OpenSSH: unknown keys need confirmation, changed keys are blocked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop.publish.connection import connect, fetch_host_key
from desktop.publish.credentials import CredentialStore
from desktop.publish.errors import HostKeyChangedError, HostKeyUnknownError, PublishError
from desktop.publish.hostkeys import HostKeyStore, known_hosts_name
from tests.publish.conftest import make_profile
from tests.publish.sshd_server import SshdServer, write_private_key

pytestmark = pytest.mark.sshd


def openssh_fingerprint(public_key_line: str, tmp_path: Path) -> str:
    path = tmp_path / "key.pub"
    path.write_text(public_key_line + "\n")
    output = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(path)],
                            check=True, capture_output=True, text=True).stdout
    return output.split()[1]


def test_unknown_host_key_refused_until_confirmed(sshd: SshdServer, folders: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    app_known_hosts = tmp_path / "profile" / "known_hosts"
    user_known_hosts = tmp_path / "user_known_hosts"           # empty ~/.ssh/known_hosts
    store = HostKeyStore(app_known_hosts, user_known_hosts)
    profile = make_profile(sshd, *folders)
    credentials = CredentialStore(use_default_backend=False)
    with pytest.raises(HostKeyUnknownError) as raised:
        connect(profile, store, credentials)
    expected = openssh_fingerprint(sshd.host_public_key_line(), tmp_path)
    assert raised.value.fingerprint == expected
    assert raised.value.key_type == "ssh-ed25519"
    assert expected in raised.value.text("th") and expected in raised.value.text("en")
    assert not app_known_hosts.exists()                       # nothing trusted silently
    with pytest.raises(HostKeyUnknownError):
        connect(profile, store, credentials)

    store.trust(raised.value.host, raised.value.port, raised.value.host_key)
    with connect(profile, store, credentials) as connection:
        assert connection.sftp.stat(str(folders[0])).st_size is not None
    found = subprocess.run(["ssh-keygen", "-F", known_hosts_name("127.0.0.1", sshd.port),
                            "-f", str(app_known_hosts)], capture_output=True, text=True)
    assert found.returncode == 0 and "ssh-ed25519" in found.stdout   # OpenSSH reads our file


def test_user_known_hosts_is_honoured(sshd: SshdServer, folders: tuple[Path, Path],
                                      tmp_path: Path) -> None:
    user_known_hosts = tmp_path / "ssh_known_hosts"
    line = f"{known_hosts_name('127.0.0.1', sshd.port)} {sshd.host_public_key_line()}\n"
    user_known_hosts.write_text(line)
    subprocess.run(["ssh-keygen", "-H", "-f", str(user_known_hosts)], check=True,
                   capture_output=True)                      # hashed, as Debian's ssh writes
    store = HostKeyStore(tmp_path / "app_known_hosts", user_known_hosts)
    with connect(make_profile(sshd, *folders), store,
                 CredentialStore(use_default_backend=False)) as connection:
        assert connection.transport.is_authenticated()


def test_changed_host_key_is_blocked_with_both_fingerprints(
        sshd: SshdServer, folders: tuple[Path, Path], tmp_path: Path) -> None:
    impostor = write_private_key(tmp_path / "other_key")
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(f"{known_hosts_name('127.0.0.1', sshd.port)} {impostor}\n")
    store = HostKeyStore(known_hosts, use_user_file=False)
    with pytest.raises(HostKeyChangedError) as raised:
        connect(make_profile(sshd, *folders), store, CredentialStore(use_default_backend=False))
    old = openssh_fingerprint(impostor, tmp_path)
    new = openssh_fingerprint(sshd.host_public_key_line(), tmp_path)
    assert raised.value.new_fingerprint == new
    assert any(old in text for text in raised.value.old_fingerprints)
    for lang in ("th", "en"):
        assert old in raised.value.text(lang) and new in raised.value.text(lang)
    with pytest.raises(PublishError):          # and trusting it needs the right pin
        store.trust("127.0.0.1", sshd.port, fetch_host_key(make_profile(sshd, *folders), store),
                    expected_fingerprint=old)
    assert known_hosts.read_text().count("\n") == 1


def test_pinned_fingerprint_trusts_without_asking(sshd: SshdServer, folders: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    store = HostKeyStore(tmp_path / "known_hosts", use_user_file=False)
    profile = make_profile(sshd, *folders)
    key = fetch_host_key(profile, store)
    pin = openssh_fingerprint(sshd.host_public_key_line(), tmp_path)
    store.trust("127.0.0.1", sshd.port, key, expected_fingerprint=pin.removeprefix("SHA256:"))
    with connect(profile, store, CredentialStore(use_default_backend=False)) as connection:
        assert connection.transport.get_remote_server_key() == key
