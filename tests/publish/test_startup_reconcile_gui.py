"""pytest-qt: after sign-in the main window reconciles every site in the background (real
sshd): what an interrupted publish left in a public folder is removed, and the status bar
says so in Thai.

The window starts the reconcile by itself (``MainWindow._after_first_show``).  The test used
to start a second one beside it; the two raced for the site lock and whichever message came
last won, so the test failed by chance in CI (the second found nothing left to repair)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services import servers
from desktop.services.publishing import publish_request
from desktop.services.server_access import ServerSecrets
from desktop.services.user_session import UserSession
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from tests.publish.sshd_server import SshdServer
from tests.publish.txn_world import World, make_world, site_problems

pytestmark = pytest.mark.sshd


@pytest.fixture
def world(sshd: SshdServer, tmp_path: Path) -> Iterator[World]:
    built = make_world(sshd, tmp_path, f"sqlite:///{tmp_path / 'webdesk.sqlite3'}",
                       name="site")
    servers.save_server(built.ctx, built.profile, built.people["admin"])
    yield built
    built.ctx.close()


def test_start_up_reconcile_repairs_and_says_so(qtbot, world: World) -> None:  # noqa: ANN001
    rid = world.approved_request()
    publish_request(world.ctx, world.webmaster, rid, world.profile, world.credentials())
    leftover = world.web_root / "news" / ".index.html.webdesk-0123456789ab.tmp"
    leftover.write_text("half an index, left by an older version")
    install_translator("th")
    try:
        window = MainWindow(UserSession(world.ctx, world.webmaster,
                                        ServerSecrets(world.credentials())), "th")
        qtbot.addWidget(window)          # the window starts the reconcile itself
        qtbot.waitUntil(lambda: "site" in window.statusBar().currentMessage(), timeout=30000)
        message = window.statusBar().currentMessage()
    finally:
        install_translator("en")
    assert "แก้ไขสิ่งที่การเผยแพร่ที่ถูกขัดจังหวะทิ้งไว้" in message, message
    assert not leftover.exists()
    assert site_problems(world.ctx, world.web_root, world.profile.site_id) == []
