"""Host-key rotation end to end, against a real sshd whose key is replaced between two
publishes: the second publish is refused as CHANGED (both fingerprints shown, nothing
uploaded); ``webdesk server trust`` says CHANGED with both fingerprints; after the admin
confirms, the old key is gone from the app's known_hosts (its fingerprint kept in the audit
row) and publishing works again."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.domain.workflow import RequestState
from desktop.publish.errors import HostKeyChangedError
from desktop.publish.hostkeys import known_hosts_name
from desktop.services import servers
from desktop.services.publishing import publish_request
from desktop.store.models import AuditRow
from tests.publish.sshd_server import SshdServer, sshd_available, write_private_key
from tests.publish.txn_world import World, make_world, site_problems
from tests.support.components import require

pytestmark = pytest.mark.sshd


@pytest.fixture
def rotating_sshd() -> Iterator[SshdServer]:
    """A server of its own: its host key is replaced during the test."""
    available, why = sshd_available()
    require(available, f"OpenSSH sshd: {why}")
    server = SshdServer.start()
    try:
        yield server
    finally:
        server.stop()


def fingerprint_of(public_line: str, tmp_path: Path) -> str:
    path = tmp_path / "key.pub"
    path.write_text(public_line + "\n")
    return subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", str(path)], check=True,
                          capture_output=True, text=True).stdout.split()[1]


def rotate_host_key(server: SshdServer) -> str:
    """Replace the key file and have sshd re-read it (SIGHUP re-executes it); returns the new
    public key line once the server presents it."""
    write_private_key(server.host_key_path)
    new_line = server.host_public_key_line()
    assert server.process is not None
    os.kill(server.process.pid, signal.SIGHUP)
    deadline = time.monotonic() + 20
    scan = ["ssh-keyscan", "-p", str(server.port), "-t", "ed25519", "127.0.0.1"]
    while time.monotonic() < deadline:
        found = subprocess.run(scan, capture_output=True, text=True, check=False).stdout
        if new_line.split()[1] in found:
            return new_line
        with socket.socket() as probe:       # listening again after the re-exec?
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", server.port)) != 0:
                time.sleep(0.05)
    raise AssertionError("sshd did not take the new host key")


@pytest.fixture
def world(rotating_sshd: SshdServer, tmp_path: Path) -> Iterator[World]:
    built = make_world(rotating_sshd, tmp_path, f"sqlite:///{tmp_path / 'webdesk.sqlite3'}",
                       name="site")
    servers.save_server(built.ctx, built.profile, built.people["admin"], make_default=True)
    yield built
    built.ctx.close()


def test_rotated_host_key_blocks_then_trust_replaces_it(world: World,
                                                         rotating_sshd: SshdServer,
                                                         tmp_path: Path) -> None:
    first, second = world.approved_request(), world.approved_request()
    publish_request(world.ctx, world.webmaster, first, world.profile, world.credentials())
    old_line = rotating_sshd.host_public_key_line()
    old = fingerprint_of(old_line, tmp_path)

    new = fingerprint_of(rotate_host_key(rotating_sshd), tmp_path)
    assert new != old
    with pytest.raises(HostKeyChangedError) as refused:
        publish_request(world.ctx, world.webmaster, second, world.profile, world.credentials())
    for lang in ("th", "en"):
        text = refused.value.text(lang)
        assert old in text and new in text
    assert "CHANGED" in refused.value.text("en")
    assert world.state(second) == RequestState.APPROVED
    assert sorted(p.name for p in (world.web_root / "news").iterdir() if p.is_dir()) == \
        ["wd-2569-00001"]                                      # nothing of the second

    out = io.StringIO()
    code = main(["--home", str(world.home), "--database", world.database_url, "--lang", "en",
                 "server", "trust", "site", "--as", "admin"],
                stdin=io.StringIO("admin-demo-1\ny\n"), stdout=out)
    shown = out.getvalue()
    assert code == 0, shown
    assert "CHANGED" in shown and old in shown and new in shown and f"trusted {new}" in shown

    name = known_hosts_name("127.0.0.1", rotating_sshd.port)
    lines = [line for line in world.ctx.paths.known_hosts.read_text().splitlines()
             if line.split()[0] == name]
    assert lines == [f"{name} {rotating_sshd.host_public_key_line()}"]  # the old one is gone
    with world.ctx.db.read() as session:
        trusted = [json.loads(d) for d in session.execute(select(AuditRow.details).where(
            AuditRow.action == "host_key_trusted")).scalars()]
    assert trusted[-1]["fingerprint"] == new and trusted[-1]["changed"] is True
    assert any(old in entry for entry in trusted[-1]["old_fingerprints"])

    outcome = publish_request(world.ctx, world.webmaster, second, world.profile,
                              world.credentials())
    assert outcome.url.endswith("/news/wd-2569-00002/")
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []


def test_declining_a_changed_key_keeps_the_old_one(world: World, rotating_sshd: SshdServer,
                                                    tmp_path: Path) -> None:
    before = world.ctx.paths.known_hosts.read_text()
    rotate_host_key(rotating_sshd)
    out = io.StringIO()
    code = main(["--home", str(world.home), "--database", world.database_url, "--lang", "en",
                 "server", "trust", "site", "--as", "admin"],
                stdin=io.StringIO("admin-demo-1\nn\n"), stdout=out)
    assert code == 2 and "CHANGED" in out.getvalue()
    assert world.ctx.paths.known_hosts.read_text() == before
