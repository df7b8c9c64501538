"""The batched AES-GCM send path and buffered reads against a real sshd: byte-exact, and
correct across key re-exchanges in the middle of an upload."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.publish import connection as connection_module
from desktop.publish import fast_send
from desktop.publish.connection import SftpConnection
from desktop.publish.profiles import ServerProfile
from desktop.publish.uploader import ItemUploader, PublishFile
from tests.publish.conftest import make_profile

pytestmark = pytest.mark.sshd
Opener = Callable[[ServerProfile], SftpConnection]


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sent: list[int] = []
    original = fast_send.send_channel_data

    def count(channel, data):  # type: ignore[no-untyped-def]
        done = original(channel, data)
        sent.append(done)
        return done
    monkeypatch.setattr(connection_module, "send_channel_data", count)
    return sent


def test_uploads_take_the_fast_path_and_arrive_intact(
        sshd, folders: tuple[Path, Path], open_connection: Opener,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    web_root, archive = folders
    sent = counting(monkeypatch)
    data = os.urandom(5 * 1024 * 1024 + 3)
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        assert fast_send.usable(connection.transport)       # AES-GCM was negotiated
        assert "gcm" in connection.transport.remote_cipher
        reader = connection.transport.packetizer.read_all
        assert reader.__func__.__module__ == "desktop.publish.fast_receive"  # buffered reads
        ItemUploader(connection).publish_item("item", "news", [PublishFile("v.mp4", data)])
    assert sum(sent) >= 0.8 * len(data)          # the rest waited for the server's window
    assert (web_root / "news/item/v.mp4").read_bytes() == data


def test_keys_renegotiated_in_the_middle_of_an_upload(
        sshd, folders: tuple[Path, Path], open_connection: Opener,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """paramiko re-keys after REKEY_BYTES; the fast path counts its bytes, triggers it, and
    waits for it like paramiko does — the file still arrives byte for byte."""
    web_root, archive = folders
    sent = counting(monkeypatch)
    data = os.urandom(12 * 1024 * 1024)
    with open_connection(make_profile(sshd, web_root, archive)) as connection:
        packetizer = connection.transport.packetizer
        packetizer.REKEY_BYTES = 2 * 1024 * 1024            # a new key every 2 MiB
        new_keys: list[object] = []
        original = packetizer.set_outbound_cipher

        def set_outbound_cipher(*args, **kwargs):  # type: ignore[no-untyped-def]
            new_keys.append(kwargs or args)
            return original(*args, **kwargs)
        monkeypatch.setattr(packetizer, "set_outbound_cipher", set_outbound_cipher)
        ItemUploader(connection).publish_item("item", "news", [PublishFile("big.bin", data)])
        assert fast_send.usable(connection.transport)       # still GCM after the re-keys
    assert len(new_keys) >= 4                               # about one per 2 MiB sent
    assert sum(sent) >= 0.8 * len(data)
    assert (web_root / "news/item/big.bin").read_bytes() == data
