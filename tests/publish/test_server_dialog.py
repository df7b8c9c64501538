"""pytest-qt: an admin sets up the publishing server and tests the connection (real sshd)."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.paths import AppPaths
from desktop.publish.profiles import AuthKind
from desktop.services import auth, servers
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.server_access import ServerSecrets
from desktop.services.user_session import UserSession
from desktop.ui.server_dialog import ServerDialog
from tests.publish.conftest import MemoryKeyring, make_profile


def test_set_up_test_and_save(qtbot, tmp_path: Path, sshd, password_folders,  # noqa: ANN001
                              monkeypatch) -> None:
    from desktop.publish.credentials import CredentialStore

    web_root, archive = password_folders
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "p"))
    seed_demo(ctx, io.StringIO())
    admin = auth.sign_in(ctx, "admin", "admin-demo-1")
    session = UserSession(ctx, admin, ServerSecrets(CredentialStore(backend=MemoryKeyring())))
    dialog = ServerDialog(session, "en")
    qtbot.addWidget(dialog)
    dialog.set_profile(make_profile(sshd, web_root, archive, auth=AuthKind.PASSWORD,
                                    key_path=None))
    dialog.secret.setText("wrong password")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.tested, timeout=30000) as first:
        dialog.test()
    assert "password" in dialog.message.text().lower(), dialog.message.text()
    assert not hasattr(first.args[0], "ok_web_root")
    dialog.secret.setText(sshd.password_user.password)
    with qtbot.waitSignal(dialog.tested, timeout=30000) as second:
        dialog.test()
    assert second.args[0].ok_web_root and second.args[0].ok_archive
    assert "ready" in dialog.message.text()
    dialog.archive.setText(str(web_root / "archive"))  # inside the web root: refused
    with qtbot.waitSignal(dialog.message_shown, timeout=5000):
        dialog.save()
    assert servers.list_servers(ctx) == []
    dialog.archive.setText(str(archive))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    assert [p.name for p in servers.list_servers(ctx)] == ["test"]
    ctx.close()
