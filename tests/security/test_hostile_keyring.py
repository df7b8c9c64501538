"""A keyring backend that keeps secrets in a file is refused like the plaintext one: the file
is as good as plain text to whoever copies the profile, whatever the backend is called.

The file backends are the real ones of ``keyrings.alt`` (a test dependency); one of them is
given an innocent class name, to show that the refusal does not depend on the name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from keyring.backends.chainer import ChainerBackend
from keyrings.alt import file as alt_file
from keyrings.alt.file_base import Keyring as FileBackedKeyring

from desktop.publish.credentials import (
    CredentialStore,
    SecretKind,
    backend_is_usable,
    stores_in_a_file,
)
from desktop.publish.profiles import ServerProfile
from tests.publish.conftest import MemoryKeyring  # the OS keyring's stand-in (no D-Bus here)

PROFILE = ServerProfile(name="site", host="www.agency.go.th", user="deploy",
                        web_root="/var/www/html", archive_dir="/var/www/archive")


class AgencyVault(FileBackedKeyring):
    """A third-party backend with a reassuring name that writes secrets to a file (base64)."""

    priority = 5  # type: ignore[assignment]
    filename = "agency_vault.cfg"
    scheme = "none"
    version = "1.0"

    def encrypt(self, password: bytes, assoc: Any = None) -> bytes:
        return password

    def decrypt(self, password_encrypted: bytes, assoc: Any = None) -> bytes:
        return password_encrypted


def _vault(tmp_path: Path) -> AgencyVault:
    vault = AgencyVault()
    vault.file_path = str(tmp_path / "vault" / "agency_vault.cfg")  # type: ignore[misc]
    return vault


def test_the_innocently_named_backend_really_keeps_secrets_in_a_file(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    vault.set_password("WebDesk SFTP", "password:deploy@host:22", "S3cret-ฟ้า")
    assert Path(vault.file_path).is_file()
    assert vault.get_password("WebDesk SFTP", "password:deploy@host:22") == "S3cret-ฟ้า"


@pytest.mark.parametrize("make", [alt_file.PlaintextKeyring, AgencyVault],
                         ids=["plaintext", "innocent-name"])
def test_file_backends_are_refused(make: type) -> None:
    backend = make()
    assert stores_in_a_file(backend) and not backend_is_usable(backend)


def test_a_credential_store_on_a_file_backend_never_writes_the_file(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    store = CredentialStore(backend=vault, ask=lambda profile, kind: "typed-once")
    assert not store.has_keyring
    assert store.save(PROFILE, SecretKind.PASSWORD, "S3cret") is False  # session only
    assert store.secret(PROFILE, SecretKind.PASSWORD) == "S3cret"
    assert not Path(vault.file_path).exists()


def test_a_chain_that_includes_a_file_backend_is_refused() -> None:
    chain = ChainerBackend()
    links = chain.backends
    assert any(stores_in_a_file(link) for link in links)  # keyrings.alt is installed
    assert not backend_is_usable(chain)


def test_an_os_keyring_is_still_used() -> None:
    os_keyring = MemoryKeyring()
    assert backend_is_usable(os_keyring) and not stores_in_a_file(os_keyring)
    store = CredentialStore(backend=os_keyring)
    assert store.save(PROFILE, SecretKind.PASSPHRASE, "pass-phrase") is True
    assert os_keyring.secrets
