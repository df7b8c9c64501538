"""pytest-qt: a damaged server profile row (written behind the app's back) is named in the
server dialog, not shown as a bug, and saving a profile of that name repairs it."""

from __future__ import annotations

import io
import os
from pathlib import Path

from desktop.paths import AppPaths
from desktop.publish.credentials import CredentialStore
from desktop.publish.profiles import AuthKind, ServerProfile
from desktop.services import auth, servers
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.server_access import ServerSecrets
from desktop.services.user_session import UserSession
from desktop.store.server_profiles import save_profile_data
from desktop.ui.server_dialog import ServerDialog
from tests.publish.conftest import MemoryKeyring


def test_the_dialog_names_a_damaged_profile_and_saving_it_again_repairs_it(
        qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "p"))
    try:
        seed_demo(ctx, io.StringIO())
        with ctx.db.write() as session:
            save_profile_data(session, "broken", '{"name": "broken"}', ctx.now())
        admin = auth.sign_in(ctx, "admin", "admin-demo-1")
        user_session = UserSession(ctx, admin,
                                   ServerSecrets(CredentialStore(backend=MemoryKeyring())))
        shown: list[str] = []
        dialog = ServerDialog(user_session, "th")
        qtbot.addWidget(dialog)
        dialog.message_shown.connect(shown.append)
        qtbot.waitUntil(lambda: bool(shown), timeout=10000)
        assert "broken" in shown[0] and "ข้อมูลในฐานข้อมูลเสียหาย" in shown[0], shown
        if os.environ.get("WEBDESK_SCREENSHOTS"):
            dialog.grab().save(os.environ["WEBDESK_SCREENSHOTS"] + "/server_damaged_th.png")
        dialog.set_profile(ServerProfile(name="broken", host="127.0.0.1", user="web",
                                         web_root="/srv/www", archive_dir="/srv/archive",
                                         auth=AuthKind.PASSWORD))
        with qtbot.waitSignal(dialog.profiles_loaded, timeout=10000):
            dialog.save()
        assert [p.name for p in servers.list_servers(ctx)] == ["broken"]
    finally:
        ctx.close()
