"""`webdesk --demo` with a display: a seeded throwaway profile, its own SFTP and web servers
(the server profile saved, its host key NOT yet trusted, so the first publish asks), and the
panel naming the demo accounts with their passwords; everything removed afterwards."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.demo_session import demo_environment
from desktop.services.servers import host_key_store, list_servers
from desktop.ui.demo_gui import DemoPanel


def test_the_demo_environment_and_its_panel(qtbot: QtBot, tmp_path: Path) -> None:
    with demo_environment(tmp_path / "demo") as env:
        ctx = AppContext.open(env.paths)
        try:
            assert len(auth.list_users(ctx)) == len(env.accounts)
            [profile] = list_servers(ctx)
            assert profile.port == env.site.sftp.port
            assert host_key_store(ctx).known_keys(profile.host, profile.port) == []
        finally:
            ctx.close()
        status, _body = env.site.fetch(env.site.base_url + "/")
        assert status == 200                       # the demo web server answers
        panel = DemoPanel(env)
        qtbot.addWidget(panel)
        panel.show()
        cells = [panel.accounts.item(r, c) for r in range(panel.accounts.rowCount())
                 for c in range(2)]
        shown = {cell.text() for cell in cells if cell is not None}
        assert {"director", "director-demo-1", "somchai", "somchai-demo-1"} <= shown
        assert panel.host_key.text() == env.site.host_key_fingerprint
        assert env.site.password in panel.server_login.text()
        panel.close()
