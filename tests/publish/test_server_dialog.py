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
from tests.support.message_boxes import answer_boxes


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
    answer_boxes(monkeypatch, lambda *a, **k: QMessageBox.StandardButton.Yes)
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


def test_changed_key_prompt_shows_both_fingerprints_and_replaces_the_key(  # noqa: ANN001
        qtbot, tmp_path: Path, sshd, folders, monkeypatch) -> None:
    """The server's key differs from the recorded one: the admin sees CHANGED with the old
    and the new fingerprint (screenshots in Thai and English), and "Yes" replaces the line;
    the test then reports where uploads wait (outside the web root)."""
    from desktop.publish.credentials import CredentialStore
    from desktop.publish.hostkeys import known_hosts_name
    from desktop.ui.i18n import install_translator
    from tests.publish.sshd_server import write_private_key

    web_root, archive = folders
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "p"))
    seed_demo(ctx, io.StringIO())
    name = known_hosts_name("127.0.0.1", sshd.port)
    impostor = write_private_key(tmp_path / "old_key")           # what was recorded before
    ctx.paths.known_hosts.write_text(f"{name} {impostor}\n")
    admin = auth.sign_in(ctx, "admin", "admin-demo-1")
    session = UserSession(ctx, admin, ServerSecrets(CredentialStore(backend=MemoryKeyring())))
    shots = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    shown: list[str] = []
    for lang in ("th", "en"):
        install_translator(lang)
        dialog = ServerDialog(session, lang)
        qtbot.addWidget(dialog)
        dialog.set_profile(make_profile(sshd, web_root, archive))

        def answer(box: QMessageBox, lang: str = lang, dialog: ServerDialog = dialog) -> int:
            shown.append(box.text())
            box.show()                               # laid out as the person would see it
            qtbot.waitExposed(box)
            box.grab().save(str(shots / f"host-key-changed-{lang}.png"))
            box.hide()
            return int(QMessageBox.StandardButton.Yes if lang == "en"
                       else QMessageBox.StandardButton.No)

        monkeypatch.setattr(QMessageBox, "exec", answer)
        with qtbot.waitSignal(dialog.tested, timeout=30000) as tested:
            dialog.test()
        if lang == "th":                     # declined: still blocked, the old key kept
            assert ctx.paths.known_hosts.read_text() == f"{name} {impostor}\n"
            assert "CHANGED" in dialog.message.text()
            continue
        assert tested.args[0].staging_outside and tested.args[0].ok_web_root
        assert tested.args[0].staging in dialog.message.text()
    install_translator("en")
    new = sshd.host_public_key_line()
    assert ctx.paths.known_hosts.read_text() == f"{name} {new}\n"
    for text in shown:
        assert "CHANGED" in text and "SHA256:" in text and text.count("SHA256:") == 2
    assert "เดิม" in shown[0] and "Before" in shown[1]
    ctx.close()
