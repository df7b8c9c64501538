"""pytest-qt: publishing from the main window with progress, against the real sshd."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.domain.workflow import Action, RequestState
from desktop.paths import AppPaths
from desktop.publish.hostkeys import known_hosts_name
from desktop.services import auth, servers
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.user_session import UserSession
from desktop.ui.main_window import MainWindow
from desktop.ui.transfer_queue import TransferQueuePanel
from tests.publish.conftest import make_profile, tree
from tests.publish.test_publish_service import _approved
from tests.support.message_boxes import answer_boxes


def test_publish_from_the_window_shows_progress_and_url(qtbot, tmp_path: Path, sshd,  # noqa: ANN001
                                                        folders, monkeypatch) -> None:
    web_root, archive = folders
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "p"))
    seed_demo(ctx, io.StringIO())
    servers.save_server(ctx, make_profile(sshd, web_root, archive),
                       auth.sign_in(ctx, "admin", "admin-demo-1"))
    rid = _approved(ctx)
    window = MainWindow(UserSession.sign_in(ctx, "somchai", "somchai-demo-1"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    with qtbot.waitSignal(window.detail_loaded, timeout=5000):
        window.table.selectRow(window.model.row_of(rid))
    assert Action.PUBLISH in window.detail.buttons
    # The first connection shows the unknown key's fingerprint; the user says yes.
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    answer_boxes(monkeypatch, answer)
    window.run_action(Action.PUBLISH)         # the server profile is read in the background
    qtbot.waitUntil(lambda: window.findChild(TransferQueuePanel) is not None)
    dialog = window.findChild(TransferQueuePanel)
    qtbot.waitUntil(lambda: dialog.done_count == 1 or dialog.failed_count == 1,
                    timeout=30000)
    assert dialog.done_count == 1, dialog.message.text()
    assert any("SHA256:" in text for text in asked)
    assert known_hosts_name("127.0.0.1", sshd.port) in ctx.paths.known_hosts.read_text()
    assert dialog.url.text().startswith("https://www.example.go.th/news/")
    assert dialog.item_bar.value() == dialog.item_bar.maximum()
    assert "files done" in dialog.stats.text() or "ไฟล์" in dialog.stats.text()
    assert "index.html" in tree(web_root / "news" / "wd-2569-00013")
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.state == RequestState.PUBLISHED,
                    timeout=10000)
    ctx.close()


def test_queue_of_approved_items_publishes_each(qtbot, tmp_path: Path, sshd,  # noqa: ANN001
                                                folders, monkeypatch) -> None:
    web_root, archive = folders
    ctx = AppContext.open(AppPaths.resolve(tmp_path / "p"))
    seed_demo(ctx, io.StringIO())
    servers.save_server(ctx, make_profile(sshd, web_root, archive),
                       auth.sign_in(ctx, "admin", "admin-demo-1"))
    ids = [_approved(ctx, f"ข่าวประชาสัมพันธ์ลำดับที่ {n}") for n in range(3)]
    ctx.paths.known_hosts.write_text(
        f"{known_hosts_name('127.0.0.1', sshd.port)} {sshd.host_public_key_line()}\n")
    window = MainWindow(UserSession.sign_in(ctx, "somchai", "somchai-demo-1"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    window.toolbar_actions.publish_all.trigger()
    qtbot.waitUntil(lambda: window.findChild(TransferQueuePanel) is not None,
                    timeout=10000)
    dialog = window.findChild(TransferQueuePanel)
    # The demo data holds one more approved request (WD-…-00006): four in the queue.
    assert len(dialog.items) == 4
    qtbot.waitUntil(lambda: not dialog.running and dialog.done_count + dialog.failed_count == 4,
                    timeout=60000)
    assert dialog.done_count == 4, dialog.message.text()
    assert dialog.queue_bar.value() == 4
    published = {p.name for p in (web_root / "news").iterdir() if p.is_dir()}
    assert {f"wd-2569-{i:05d}" for i in ids} <= published
    ctx.close()
