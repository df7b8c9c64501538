"""The fast send/receive paths against a real OpenSSH sshd, AES-GCM (preferred) and AES-CTR
(a server without GCM: WebDesk's fallback), with key exchanges forced in the middle of the
upload: OpenSSH decrypts and checks every packet, and the file arrives byte for byte.
Packets are counted through the instrumented transport, never timed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.publish import fast_path, fast_send
from desktop.publish.connection import SftpConnection
from desktop.publish.profiles import ServerProfile
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import make_profile, settled, trust_port
from tests.publish.sshd_server import SshdServer
from tests.support.packet_counts import Counts, count_packets

pytestmark = pytest.mark.sshd
Opener = Callable[[ServerProfile], SftpConnection]
MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def fresh_policy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(fast_path.ENVIRONMENT, raising=False)
    fast_path.reset_for_tests()
    fast_path.self_check()
    yield
    fast_path.reset_for_tests()


@pytest.fixture(scope="module")
def ctr_port(sshd: SshdServer) -> int:
    """A sibling sshd that offers only AES-CTR (with an encrypt-then-MAC)."""
    sibling = sshd.start_sibling(extra_config=("Ciphers aes256-ctr",
                                               "MACs hmac-sha2-256-etm@openssh.com"))
    return sibling.port


@pytest.mark.parametrize("cipher", ["aes128-gcm@openssh.com", "aes256-ctr"])
def test_uploads_through_the_fast_path_across_re_keys(
        sshd: SshdServer, folders: tuple[Path, Path], known_hosts: Path,
        open_connection: Opener, ctr_port: int, cipher: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    web_root, archive = folders
    port = sshd.port
    if cipher.endswith("-ctr"):
        trust_port(known_hosts, sshd, ctr_port)
        port = ctr_port
    counts: Counts = count_packets(monkeypatch)
    data = os.urandom(12 * MiB + 5)
    with open_connection(make_profile(sshd, web_root, archive, port=port)) as connection:
        assert connection.transport.local_cipher == cipher
        assert fast_send.usable(connection.transport)
        packetizer = connection.transport.packetizer
        packetizer.REKEY_BYTES = 2 * MiB                     # a new key every 2 MiB sent
        new_keys: list[object] = []
        original = packetizer.set_outbound_cipher

        def set_outbound_cipher(*args, **kwargs):  # type: ignore[no-untyped-def]
            new_keys.append(args or kwargs)
            return original(*args, **kwargs)
        monkeypatch.setattr(packetizer, "set_outbound_cipher", set_outbound_cipher)
        ItemUploader(connection).publish_item("item", "news", [PublishFile("big.bin", data)])
        settled(connection)
        connection.transport.renegotiate_keys()     # a new key, after any exchange running
        assert fast_send.usable(connection.transport)        # same mode after the re-keys
    assert (web_root / "news/item/big.bin").read_bytes() == data
    assert counts.fast_bytes >= MiB          # (the rest depends on when the re-key ran)
    assert len(new_keys) >= 1
