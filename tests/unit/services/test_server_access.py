"""desktop.services.server_access: the server secrets of one signed-in session — asked once,
kept in the OS keyring only when asked to, dropped when refused, all forgotten at the end —
and used for a real SFTP login."""

from __future__ import annotations

import pytest

from desktop.publish.connection import connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.hostkeys import HostKeyStore
from desktop.services.server_access import (
    AuthKind,
    SecretKind,
    ServerSecrets,
    SessionEnded,
)
from tests.publish.conftest import MemoryKeyring
from tests.support.embedded_site import EmbeddedSite


def test_only_a_password_profile_asks_for_a_secret(site: EmbeddedSite) -> None:
    secrets = ServerSecrets(CredentialStore(backend=MemoryKeyring()))
    assert ServerSecrets.kind_for(site.profile()) is None
    assert not secrets.needs_secret(site.profile())
    password = site.profile(auth=AuthKind.PASSWORD)
    assert ServerSecrets.kind_for(password) is SecretKind.PASSWORD
    assert secrets.needs_secret(password)


def test_a_secret_for_this_session_only_logs_in_and_is_forgotten(site: EmbeddedSite) -> None:
    keyring = MemoryKeyring()
    secrets = ServerSecrets(CredentialStore(backend=keyring))
    profile = site.profile(auth=AuthKind.PASSWORD)
    assert secrets.give(profile, site.password, keep=False) is False
    assert keyring.secrets == {} and not secrets.needs_secret(profile)
    with connect(profile, HostKeyStore(site.known_hosts, use_user_file=False),
                 secrets.store) as connection:
        assert connection.sftp.stat("/www") is not None
    secrets.end()
    with pytest.raises(SessionEnded):
        secrets.store  # noqa: B018 - the property refuses after the end
    assert keyring.secrets == {}


def test_a_kept_secret_goes_to_the_keyring_and_a_refused_one_is_asked_again(
        site: EmbeddedSite) -> None:
    keyring = MemoryKeyring()
    secrets = ServerSecrets(CredentialStore(backend=keyring))
    profile = site.profile(auth=AuthKind.PASSWORD)
    assert secrets.has_keyring
    assert secrets.give(profile, "kept-password", keep=True) is True
    assert list(keyring.secrets.values()) == ["kept-password"]
    other = site.profile(auth=AuthKind.PASSWORD, user="someone")
    secrets.give(other, "typo-password", keep=False)
    assert not secrets.needs_secret(other)
    secrets.forget_wrong(other)                     # the server said no
    assert secrets.needs_secret(other)
    secrets.end()
    assert list(keyring.secrets.values()) == ["kept-password"]   # the keyring keeps its own


def test_without_a_keyring_keep_means_this_session(site: EmbeddedSite) -> None:
    secrets = ServerSecrets(CredentialStore(use_default_backend=False))
    profile = site.profile(auth=AuthKind.PASSWORD)
    assert not secrets.has_keyring
    assert secrets.give(profile, site.password, keep=True) is False
    assert not secrets.needs_secret(profile)
