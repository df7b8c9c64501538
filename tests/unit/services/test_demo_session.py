"""desktop.services.demo_session: the demo the GUI opens — a seeded throwaway profile, its own
SFTP and web servers, a default server profile whose host key is NOT trusted yet (the first
publish asks, as with a real server); the temporary folder removed when the demo ends."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from desktop.services.context import AppContext
from desktop.services.demo import demo_accounts, is_demo_profile
from desktop.services.demo_session import demo_environment
from desktop.services.servers import get_server, host_key_store, list_servers


def test_the_demo_environment_and_what_it_leaves(tmp_path: Path) -> None:
    with demo_environment(tmp_path / "demo") as env:
        assert env.accounts == demo_accounts()
        assert env.sftp_address == f"127.0.0.1:{env.site.sftp.port}"
        ctx = AppContext.open(env.paths)
        try:
            assert is_demo_profile(ctx)
            profile = get_server(ctx)                  # the default one
            assert (profile.host, profile.port) == (env.site.sftp.host, env.site.sftp.port)
            assert host_key_store(ctx).known_keys(profile.host, profile.port) == []
        finally:
            ctx.close()
    with demo_environment(tmp_path / "demo") as again:   # the same folder: seeded already
        ctx = AppContext.open(again.paths)
        try:
            assert len(list_servers(ctx)) == 1             # nothing seeded or saved twice
        finally:
            ctx.close()


def test_without_a_folder_everything_goes_away(monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="h8-demo-"))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    try:
        with demo_environment() as env:
            assert env.paths.home.is_relative_to(scratch)
            assert env.paths.database_file.is_file()
        assert list(scratch.iterdir()) == []
    finally:
        scratch.rmdir()
