"""The fast SSH send/receive paths: what they send is what stock paramiko and other SSH
servers read, byte for byte, in every mode, across re-keys; and they switch off (never on)
when the self-check, the environment or this PC's setting says so.

Nothing here depends on timing: the packets counted are those the fast path *must* take (the
channel had window and no key exchange was running when the send began; a server's window
adjustments only add room, and this client starts every key exchange itself).  Uploads run
against the in-process asyncssh server (an independent SSH implementation that decrypts and
checks every packet); ``test_fast_send_sshd.py`` does the same against OpenSSH.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import paramiko
import pytest

from desktop.paths import AppPaths
from desktop.publish import fast_path, fast_send
from desktop.publish.fast_path_check import run_self_check
from desktop.publish.uploader import ItemUploader, PublishFile
from desktop.services.context import AppContext
from desktop.services.fast_path_settings import fast_path_enabled, set_fast_path_enabled
from tests.publish.conftest import settled
from tests.support.embedded_site import EmbeddedSite, embedded_site
from tests.support.packet_counts import Counts, count_packets

MiB = 1024 * 1024
MODES = [("aes128-gcm@openssh.com", None), ("aes256-gcm@openssh.com", None),
         ("aes128-ctr", "hmac-sha2-256"), ("aes256-ctr", "hmac-sha2-512-etm@openssh.com"),
         ("aes192-ctr", "hmac-sha1")]


@pytest.fixture(autouse=True)
def fresh_policy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(fast_path.ENVIRONMENT, raising=False)
    fast_path.reset_for_tests()
    fast_path.self_check()         # now, before the packets of a test are counted
    yield
    fast_path.reset_for_tests()


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    return count_packets(monkeypatch)


def upload(site: EmbeddedSite, files: list[PublishFile], item: str = "item") -> None:
    with site.connect() as connection:
        ItemUploader(connection).publish_item(item, "news", files)


# -- the self-check ------------------------------------------------------------------------------

def test_self_check_passes_for_every_mode_paramiko_offers() -> None:
    result = run_self_check()
    assert result.passed, result.problem
    assert "aes256-gcm@openssh.com" in result.checked
    assert "aes128-ctr+hmac-sha2-256-etm@openssh.com" in result.checked
    kinds = {(mode[0], mode[3] if mode[0] == "ctr" else None) for mode in result.modes}
    assert kinds == {("aead", None), ("ctr", False), ("ctr", True)}


def _no_counter_advance(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paramiko change the fast path does not follow: the GCM nonce is reused."""
    original = fast_send._gcm_packets

    def reused(state, channel_id, pieces):  # type: ignore[no-untyped-def]
        iv = state[fast_send.P + "iv_out"]
        out = original(state, channel_id, pieces)
        state[fast_send.P + "iv_out"] = iv
        return out
    monkeypatch.setattr(fast_send, "_gcm_packets", reused)


def _mac_over_wrong_sequence(monkeypatch: pytest.MonkeyPatch) -> None:
    original = fast_send._ctr_packets

    def shifted(state, channel_id, pieces):  # type: ignore[no-untyped-def]
        state[fast_send.P + "sequence_number_out"] ^= 1
        out = original(state, channel_id, pieces)
        state[fast_send.P + "sequence_number_out"] ^= 1
        return out
    monkeypatch.setattr(fast_send, "_ctr_packets", shifted)


@pytest.mark.parametrize("breakage", [_no_counter_advance, _mac_over_wrong_sequence])
def test_a_fast_path_that_stock_paramiko_cannot_read_is_switched_off(
        breakage, tmp_path: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        caplog: pytest.LogCaptureFixture) -> None:
    breakage(monkeypatch)
    fast_path.reset_for_tests()
    result = fast_path.self_check()
    counts.reset()
    assert not result.passed
    assert "could not decrypt" in result.problem or "refused a packet" in result.problem
    data = os.urandom(MiB + 1)
    with caplog.at_level(logging.WARNING, logger="desktop.publish.fast_path"), \
            embedded_site(tmp_path) as site:
        upload(site, [PublishFile("a.bin", data)])
    assert (site.web_root / "news/item/a.bin").read_bytes() == data
    assert counts.fast_packets == 0 and counts.stock_data_packets > 0
    assert any("SSH fast path off: self-check failed" in r.getMessage() for r in caplog.records)


# -- every mode, through the fast path, read by asyncssh ----------------------------------------

@pytest.mark.parametrize(("cipher", "mac"), MODES)
def test_every_channel_data_packet_takes_the_fast_path_and_arrives_intact(
        tmp_path: Path, counts: Counts, cipher: str, mac: str | None) -> None:
    """Less than the server's first window (2 MiB) goes out, and no key exchange runs:
    every send must take the fast path; asyncssh checks every tag/MAC."""
    files = [PublishFile("a.bin", os.urandom(MiB + 3)), PublishFile("b.txt", b"small"),
             PublishFile("empty", b"")]
    with embedded_site(tmp_path, ciphers=[cipher], macs=[mac] if mac else None) as site:
        with site.connect() as connection:
            assert connection.transport.local_cipher == cipher
            assert mac is None or connection.transport.local_mac == mac
            assert fast_send.usable(connection.transport)
            reader = connection.transport.packetizer.read_all
            assert reader.__func__.__module__ == "desktop.publish.fast_receive"
            ItemUploader(connection).publish_item("item", "news", files)
        for spec in files:
            assert (site.web_root / "news/item" / spec.name).read_bytes() == spec.source
        assert site.server.operations["read"] > 0            # read back through fast reads
    assert counts.stock_data_packets == 0
    assert counts.refused == 0 and counts.must_take > 0
    assert counts.fast_bytes >= MiB + 3


@pytest.mark.parametrize(("cipher", "mac"), [MODES[0], MODES[3]])
def test_more_than_a_window_uses_the_fast_path_whenever_it_can(
        tmp_path: Path, counts: Counts, cipher: str, mac: str | None) -> None:
    data = os.urandom(5 * MiB + 17)
    with embedded_site(tmp_path, ciphers=[cipher], macs=[mac] if mac else None) as site:
        upload(site, [PublishFile("big.bin", data)])
        assert (site.web_root / "news/item/big.bin").read_bytes() == data
    assert counts.refused == 0
    assert counts.fast_bytes >= 2 * MiB       # at least the server's whole first window


# -- re-keying -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("cipher", "mac"), [MODES[1], MODES[3]])
def test_fast_path_carries_on_under_each_new_key(tmp_path: Path, counts: Counts,
                                                 cipher: str, mac: str | None) -> None:
    """Keys renegotiated between uploads (paramiko waits for each exchange to finish): the
    next upload goes through the fast path under the new key, and arrives intact."""
    pieces = [os.urandom(300_000 + n) for n in range(4)]
    with embedded_site(tmp_path, ciphers=[cipher], macs=[mac] if mac else None) as site:
        with site.connect() as connection:
            uploader = ItemUploader(connection)
            for number, data in enumerate(pieces):
                if number:
                    connection.transport.renegotiate_keys()
                uploader.publish_item(f"item{number}", "news", [PublishFile("f.bin", data)])
            assert connection.transport.local_cipher == cipher
        for number, data in enumerate(pieces):
            assert (site.web_root / f"news/item{number}/f.bin").read_bytes() == data
    assert len(counts.engines) == len(pieces)        # one new outbound key per exchange
    assert counts.refused == 0 and counts.stock_data_packets == 0


@pytest.mark.parametrize(("cipher", "mac"), [MODES[0], MODES[2]])
def test_keys_renegotiated_in_the_middle_of_an_upload(
        tmp_path: Path, counts: Counts, cipher: str, mac: str | None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """paramiko re-keys after REKEY_BYTES; the fast path counts its bytes, asks for the
    re-key itself, and steps aside while it runs — the file still arrives byte for byte."""
    data = os.urandom(6 * MiB)
    with embedded_site(tmp_path, ciphers=[cipher], macs=[mac] if mac else None) as site:
        with site.connect() as connection:
            packetizer = connection.transport.packetizer
            packetizer.REKEY_BYTES = 256 * 1024
            new_keys: list[object] = []
            original = packetizer.set_outbound_cipher

            def set_outbound_cipher(*args, **kwargs):  # type: ignore[no-untyped-def]
                new_keys.append(args or kwargs)
                return original(*args, **kwargs)
            monkeypatch.setattr(packetizer, "set_outbound_cipher", set_outbound_cipher)
            ItemUploader(connection).publish_item("item", "news",
                                                  [PublishFile("big.bin", data)])
            settled(connection)
            connection.transport.renegotiate_keys()   # a new key, after any exchange running
        assert (site.web_root / "news/item/big.bin").read_bytes() == data
    assert counts.fast_bytes >= 192 * 1024     # the bytes before the first re-key went fast
    # (which path crosses REKEY_BYTES first depends on what else is sent: the self-check
    # proves that the fast path asks for the re-key when it does)
    assert len(new_keys) >= 1


# -- switched off ----------------------------------------------------------------------------------

def test_environment_switches_the_fast_path_off(tmp_path: Path, counts: Counts,
                                                monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv(fast_path.ENVIRONMENT, "0")
    data = os.urandom(MiB)
    with caplog.at_level(logging.WARNING, logger="desktop.publish"), \
            embedded_site(tmp_path) as site:
        with site.connect() as connection:
            assert not fast_send.usable(connection.transport)
            reader = connection.transport.packetizer.read_all
            assert getattr(reader, "__func__", reader).__module__ == "paramiko.packet"
            assert type(connection.sftp.sock.in_buffer).__name__ == "BufferedPipe"
            ItemUploader(connection).publish_item("item", "news", [PublishFile("a", data)])
        assert (site.web_root / "news/item/a").read_bytes() == data
    assert counts.fast_packets == 0 and counts.stock_data_packets > 0
    assert [r.getMessage() for r in caplog.records if "fast path off" in r.getMessage()] == [
        "SSH fast path off: switched off by WEBDESK_FAST_PATH=0"]


def test_this_pcs_setting_switches_it_off_when_the_profile_opens(tmp_path: Path) -> None:
    paths = AppPaths.resolve(home=tmp_path / "profile")
    assert fast_path_enabled(paths) and fast_path.why_off() is None
    set_fast_path_enabled(paths, False)
    fast_path.reset_for_tests()                       # a new process: setting not applied
    assert fast_path.why_off() is None
    ctx = AppContext.open(paths)
    try:
        assert "this PC's settings" in (fast_path.why_off() or "")
        assert not fast_path.mode_verified(("aead", "AESGCM", 16))
    finally:
        ctx.close()
    set_fast_path_enabled(paths, True)
    assert fast_path.why_off() is None and fast_path.mode_verified(("aead", "AESGCM", 16))


def test_an_untested_paramiko_version_gets_paramikos_own_path(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paramiko, "__version__", "5.9.0")
    assert "not a tested version" in (fast_path.why_off() or "")
    monkeypatch.setattr(paramiko, "__version__", fast_path.TESTED_PARAMIKO[0] + ".7")
    assert fast_path.why_off() is None


def test_the_pin_names_the_tested_version() -> None:
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    low = fast_path.TESTED_PARAMIKO[0]
    major, minor = low.split(".")
    assert f'"paramiko>={low},<{major}.{int(minor) + 1}"' in pyproject
    assert ".".join(paramiko.__version__.split(".")[:2]) in fast_path.TESTED_PARAMIKO


def test_the_paramiko_internals_webdesk_relies_on_are_there(tmp_path: Path) -> None:
    """A paramiko upgrade inside the pin that renames one of these fails here, loudly
    (the packetizer state is checked by the self-check, at run time too)."""
    with embedded_site(tmp_path) as site, site.connect() as connection:
        client, channel, transport = connection.sftp, connection.sftp.sock, connection.transport
        for name in ("_async_request", "_read_response", "_send_packet", "_read_packet",
                     "_write_all", "_expecting", "request_number", "_lock"):
            assert hasattr(client, name), f"SFTPClient.{name}"
        for name in ("in_buffer", "out_window_size", "out_max_packet_size", "remote_chanid",
                     "lock", "closed", "eof_sent"):
            assert hasattr(channel, name), f"Channel.{name}"
        for name in ("clear_to_send", "clear_to_send_lock", "packetizer", "active"):
            assert hasattr(transport, name), f"Transport.{name}"
        assert type(channel.in_buffer).__name__ == "ChunkedPipe"
        assert fast_send.outbound_mode(transport.packetizer) == ("aead", "AESGCM", 16)
