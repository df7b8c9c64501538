"""pytest-qt: the site manager browses the server's folders to pick the web root and the
archive (issue 12 item 3), over SFTP to the in-process server (asyncssh), in the background;
a new server key is asked about first; a folder that is not there says so in Thai."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services.context import AppContext
from desktop.services.server_access import ServerSecrets
from desktop.services.user_session import UserSession
from desktop.ui.i18n import install_translator
from desktop.ui.remote_folder_picker import RemoteFolderDialog
from desktop.ui.server_dialog import ServerDialog
from tests.support.embedded_site import EmbeddedSite, embedded_site
from tests.support.message_boxes import answer_boxes
from tests.ui.conftest import session_for


@pytest.fixture
def site(tmp_path: Path) -> Iterator[EmbeddedSite]:
    with embedded_site(tmp_path) as running:
        (running.web_root / "news").mkdir()
        (running.web_root / "index.html").write_text("<h1>สวัสดี</h1>", encoding="utf-8")
        (running.root / "backups-อื่น ๆ").mkdir()
        yield running


def _dialog(qtbot, ctx: AppContext, site: EmbeddedSite) -> ServerDialog:  # noqa: ANN001
    admin = session_for(ctx, "admin")
    session = UserSession(ctx, admin.user, ServerSecrets(site.credentials()))
    dialog = ServerDialog(session, "th")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.profiles_loaded, timeout=15000):
        dialog.show()
    dialog.sites.setCurrentIndex(dialog.sites.findData(""))     # a new profile
    dialog.name.setText("เว็บไซต์ทดสอบ")
    dialog.host.setText(site.server.host)
    dialog.port.setValue(site.server.port)
    dialog.user_name.setText(site.user)
    dialog.key_path.setText(str(site.key_path))
    dialog.web_root.setText("")
    dialog.archive.setText("")          # not chosen yet: the picker starts at the web root
    return dialog


def _picker(qtbot, dialog: ServerDialog, button) -> RemoteFolderDialog:  # noqa: ANN001
    opened: list[RemoteFolderDialog] = []
    dialog.folder_picker_opened.connect(opened.append)
    button.click()
    assert opened, f"no picker opened; the dialog says: {dialog.message.text()!r}"
    picker = opened[0]
    assert isinstance(picker, RemoteFolderDialog)
    return picker


def test_pick_the_web_root_and_the_archive_on_the_server(
        qtbot, demo_ctx: AppContext, site: EmbeddedSite,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    answer_boxes(monkeypatch, answer)
    install_translator("th")
    dialog = _dialog(qtbot, demo_ctx, site)
    dialog.web_root.setText("/")
    picker = _picker(qtbot, dialog, dialog.browse_web_root)
    # The first connection shows the server's key; trusted, the listing follows.
    qtbot.waitUntil(lambda: picker.folder is not None or bool(dialog.message.text())
                    or picker.status.styleSheet().startswith("color: #b91c1c"), timeout=30000)
    assert picker.folder is not None, (picker.status.text(), dialog.message.text(), asked)
    assert any(site.server.host_key_fingerprint() in text for text in asked)
    assert picker.folder.path == "/"
    names = [picker.folders.item(i).text() for i in range(picker.folders.count())]
    assert names == sorted(["archive", "www", "backups-อื่น ๆ"], key=str.casefold)
    assert not picker.up_button.isEnabled()               # nothing above the root
    www = picker.folders.findItems("www", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(picker.listed, timeout=30000) as listed:
        picker.folders.itemActivated.emit(www)
    assert listed.args[0].path == "/www"
    assert listed.args[0].folders == ("news",) and listed.args[0].files == 1
    assert picker.status.text() == "1 โฟลเดอร์ 1 ไฟล์"
    picker.choose_button.click()
    assert dialog.web_root.text() == "/www"
    # The archive: a folder typed that is not there is said so; Up goes back to the root.
    picker = _picker(qtbot, dialog, dialog.browse_archive)
    qtbot.waitUntil(lambda: picker.folder is not None, timeout=30000)
    assert picker.folder.path == "/www"                     # starts at the web root
    with qtbot.waitSignal(picker.failed, timeout=30000) as failed:
        picker.path.setText("/ไม่มีโฟลเดอร์นี้")
        picker.go_button.click()
    assert failed.args[0] == "ไม่พบโฟลเดอร์ /ไม่มีโฟลเดอร์นี้ บนเซิร์ฟเวอร์"
    with qtbot.waitSignal(picker.listed, timeout=30000):
        picker.up_button.click()
    archive = picker.folders.findItems("archive", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(picker.listed, timeout=30000):
        picker.folders.itemActivated.emit(archive)
    picker.choose_button.click()
    assert dialog.archive.text() == "/archive"
    assert len(asked) == 1                                  # the key was asked about once
    profile = dialog.profile().validate()
    assert (profile.web_root, profile.archive_dir) == ("/www", "/archive")


def test_a_profile_that_is_not_complete_is_not_browsed(qtbot, demo_ctx: AppContext,  # noqa: ANN001
                                                      site: EmbeddedSite) -> None:
    install_translator("th")
    dialog = _dialog(qtbot, demo_ctx, site)
    dialog.host.setText("")
    opened: list[object] = []
    dialog.folder_picker_opened.connect(opened.append)
    dialog.browse_web_root.click()
    assert opened == []
    assert "#b91c1c" in dialog.message.styleSheet() and dialog.message.text()
