"""desktop.services.demo_servers: the demo's own SFTP server (asyncssh) and web server on
127.0.0.1 — a profile with its own login key (the password works too), the web root served
over HTTP, both gone after."""

from __future__ import annotations

import socket
from dataclasses import replace
from pathlib import Path

from desktop.publish.connection import connect
from desktop.publish.hostkeys import HostKeyStore
from desktop.publish.profiles import AuthKind
from desktop.services.demo_servers import PROFILE_NAME, SFTP_USER, demo_site


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            return True
    except OSError:
        return False


def test_the_demo_site_logs_in_serves_its_web_root_and_goes_away(tmp_path: Path) -> None:
    with demo_site(tmp_path) as site:
        profile = site.profile()
        assert (profile.name, profile.user, profile.auth) == (PROFILE_NAME, SFTP_USER,
                                                              AuthKind.KEY)
        assert site.key_path is not None and site.key_path.stat().st_mode & 0o777 == 0o600
        assert profile.public_base_url == site.base_url and profile.validate() is profile
        assert site.host_key_fingerprint.startswith("SHA256:")
        known = tmp_path / "known_hosts"
        known.write_text(site.sftp.known_hosts_line() + "\n", encoding="utf-8")
        hostkeys = HostKeyStore(known, use_user_file=False)
        with connect(profile, hostkeys, site.credentials()) as connection, \
                connection.sftp.open("/www/ข่าว.html", "wb") as handle:
            handle.write("<p>ข่าวประชาสัมพันธ์</p>".encode())
        by_password = replace(profile, auth=AuthKind.PASSWORD, key_path=None)
        with connect(by_password, hostkeys, site.credentials()) as connection:
            assert "ข่าว.html" in connection.sftp.listdir("/www")
        status, body = site.fetch(f"{site.base_url}/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7.html")
        assert status == 200 and "ข่าวประชาสัมพันธ์" in body.decode("utf-8")
        assert (site.web_root / "ข่าว.html").is_file() and site.archive.is_dir()
        assert site.fetch(f"{site.base_url}/missing.html")[0] == 404
        sftp_port, http_port = site.sftp.port, int(site.base_url.rsplit(":", 1)[1])
    assert not _answers(sftp_port) and not _answers(http_port)


def test_the_secrets_are_the_demo_servers_own_and_never_the_keyring(tmp_path: Path) -> None:
    from desktop.publish.credentials import SecretKind

    with demo_site(tmp_path) as site:
        store = site.credentials()
        assert not store.has_keyring
        assert store.secret(site.profile(), SecretKind.PASSWORD) == site.password
        assert store.secret(site.profile(), SecretKind.PASSPHRASE) is None
