"""pytest-qt: the transfer queue docked at the bottom of the main window (issue 12 item 3),
publishing to the in-process SFTP server (a real SSH/SFTP implementation, asyncssh).

It appears when a transfer starts and keeps its history; a failure is red, says "failed",
why and what to do next, in full; Retry and Retry all failed send it again.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.domain.workflow import Action, RequestState
from desktop.services import auth, servers
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.services.server_access import AuthKind, ServerProfile, ServerSecrets
from desktop.services.user_session import UserSession
from desktop.ui.i18n import install_translator
from desktop.ui.main_window import MainWindow
from desktop.ui.server_password_dialog import ServerPasswordDialog
from desktop.ui.transfer_items import ItemState, QueueEntry, TransferKind
from desktop.ui.transfer_queue import RED, STATE, TransferQueuePanel
from tests.support.embedded_site import EmbeddedSite, embedded_site


@pytest.fixture
def site(tmp_path: Path, demo_ctx: AppContext) -> Iterator[EmbeddedSite]:
    with embedded_site(tmp_path) as running:
        demo_ctx.paths.known_hosts.write_text(running.server.known_hosts_line() + "\n")
        yield running


def _save(ctx: AppContext, profile: ServerProfile) -> ServerProfile:
    admin = auth.sign_in(ctx, "admin", "admin-demo-1")
    return servers.save_server(ctx, profile, admin, make_default=True)


def _window(qtbot, ctx: AppContext, secrets: ServerSecrets, lang: str = "en") -> MainWindow:  # noqa: ANN001
    user = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    window = MainWindow(UserSession(ctx, user, secrets), lang)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=15000):
        window.show()
    return window


def _publish(qtbot, window: MainWindow, request_id: int) -> TransferQueuePanel:  # noqa: ANN001
    with qtbot.waitSignal(window.detail_loaded, timeout=15000):
        window.select_request(request_id)
    with qtbot.waitSignal(window.publisher.queue_opened, timeout=15000) as opened:
        window.run_action(Action.PUBLISH)
    panel = opened.args[0]
    assert isinstance(panel, TransferQueuePanel)
    return panel


def _approved(ctx: AppContext) -> list[rq.RequestSummary]:
    return rq.list_requests(ctx, rq.RequestQuery(states=(RequestState.APPROVED,)))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_docked_at_the_bottom_with_its_history(qtbot, demo_ctx: AppContext,  # noqa: ANN001
                                               site: EmbeddedSite) -> None:
    _save(demo_ctx, site.profile())
    window = _window(qtbot, demo_ctx, ServerSecrets(site.credentials()))
    assert window.publisher.panel is None          # nothing made before the first transfer
    first = _approved(demo_ctx)[0]
    panel = _publish(qtbot, window, first.id)
    dock = window.publisher.dock
    assert dock is not None and dock.isVisible()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    qtbot.waitUntil(lambda: not panel.running and panel.done_count == 1, timeout=60000)
    assert panel.url.text().startswith("https://www.example.go.th/")
    assert panel.state_text(panel.items[0]) == "Published"
    folder = panel.url.text().removeprefix("https://www.example.go.th/").strip("/")
    assert (site.web_root / folder).is_dir()                # it is on the site
    qtbot.waitUntil(lambda: window.detail.detail is not None
                    and window.detail.detail.request.state == RequestState.PUBLISHED,
                    timeout=15000)
    # Hidden and shown again from the toolbar, it still holds what was sent.
    dock.close()
    assert not dock.isVisible()
    window.toolbar_actions.transfers.trigger()
    assert dock.isVisible() and panel.items[0].state == ItemState.DONE
    # Taking it down goes through the same queue, below what was published.
    profile = window.publisher.panel.items[0].profile if window.publisher.panel else None
    assert profile is not None
    panel.add([panel.items[0].entry], profile, TransferKind.TAKE_DOWN, "หมดระยะเวลาประกาศ")
    qtbot.waitUntil(lambda: not panel.running and panel.done_count == 2, timeout=60000)
    assert [(i.entry.request_id, i.kind) for i in panel.items] == [
        (first.id, TransferKind.PUBLISH), (first.id, TransferKind.TAKE_DOWN)]
    assert panel.state_text(panel.items[1]) == "Taken down"
    assert any(site.archive.rglob("*"))                  # archived, never deleted
    panel.clear_finished()
    assert panel.items == [] and panel.table.rowCount() == 0


class PasswordTyper:
    """Answers the server password dialog whenever it opens (it is modal: exec())."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.asked = 0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._look)
        self.timer.start()

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ServerPasswordDialog) and self.answers:
            self.asked += 1
            dialog.password.setText(self.answers.pop(0))
            dialog.accept()


def test_a_failure_is_red_says_why_and_what_next_then_retry(
        qtbot, demo_ctx: AppContext, site: EmbeddedSite) -> None:  # noqa: ANN001
    _save(demo_ctx, site.profile(auth=AuthKind.PASSWORD, key_path=None))
    typer = PasswordTyper()
    typer.answers.append("not-the-password")
    install_translator("th")
    window = _window(qtbot, demo_ctx, ServerSecrets(site.credentials()), "th")
    window.resize(1366, 768)
    request = _approved(demo_ctx)[0]
    panel = _publish(qtbot, window, request.id)
    qtbot.waitUntil(lambda: not panel.running and panel.failed_count == 1, timeout=60000)
    assert typer.asked == 1
    item = panel.items[0]
    assert item.state == ItemState.FAILED
    cell = panel.table.item(0, STATE)
    assert cell.text() == "ไม่สำเร็จ"
    assert cell.foreground().color() == QColor(RED)
    text = panel.message.text()
    assert text.startswith("ไม่สำเร็จ: ")
    assert "รหัสผ่านหรือกุญแจไม่ถูกต้อง" in text            # why (the server refused)
    assert "พิมพ์รหัสผ่านเซิร์ฟเวอร์อีกครั้ง" in text          # and what to do next
    assert RED in panel.message.styleSheet()
    assert panel.heading.text() == "ไม่สำเร็จ 1 จาก 1 รายการ"
    assert panel.retry_button.isEnabled() and panel.retry_all_button.isEnabled()
    assert panel.url.text() == "" and not panel.open_button.isEnabled()  # nothing on the site
    # Never clipped: the message gets the height its wrapped lines need.
    qtbot.waitUntil(lambda: panel.message.width() > 100)
    assert panel.message.height() >= panel.message.heightForWidth(panel.message.width())
    # Retry: the wrong password was forgotten, so it is asked again; now it goes through.
    typer.answers.append(site.password)
    panel.retry_selected()
    qtbot.waitUntil(lambda: not panel.running and panel.done_count == 1, timeout=60000)
    assert typer.asked == 2
    assert panel.failed_count == 0 and panel.state_text(item) == "เผยแพร่แล้ว"
    typer.timer.stop()


def test_an_unreachable_server_fails_every_item_and_retry_all_sends_them(
        qtbot, demo_ctx: AppContext, site: EmbeddedSite) -> None:  # noqa: ANN001
    good = _save(demo_ctx, site.profile())
    window = _window(qtbot, demo_ctx, ServerSecrets(site.credentials()))
    approved = _approved(demo_ctx)
    panel = window.publisher.transfers()
    offline = replace(good, port=_closed_port(), connect_timeout=5.0, retry_attempts=1)
    entries = [QueueEntry(r.id, r.title, r.reference) for r in approved]
    panel.add(entries, offline)
    qtbot.waitUntil(lambda: not panel.running and panel.failed_count == len(entries),
                    timeout=60000)
    assert "Check the network connection" in panel.message.text()
    assert panel.heading.text() == f"Failed: {len(entries)} of {len(entries)} did not go through"
    assert panel.queue_bar.value() == 0        # nothing went through: not a full bar
    for item in panel.items:                 # the server is back: the same items, retried
        item.profile = good
    panel.retry_all()
    qtbot.waitUntil(lambda: not panel.running and panel.done_count == len(entries),
                    timeout=90000)
    assert panel.failed_count == 0
    assert panel.queue_bar.value() == len(entries)
    assert len(panel.items) == len(entries)      # retried in place, not queued twice


def test_a_request_another_pc_is_publishing_is_refused_and_says_which(
        qtbot, demo_ctx: AppContext, site: EmbeddedSite, tmp_path: Path) -> None:  # noqa: ANN001
    """Another PC holds the request's upload claim: the item fails at once, in Thai, naming
    that PC and what to do next; nothing reaches the site."""
    from datetime import UTC, datetime

    from desktop.services.publish_txn import UPLOAD_CLAIM_TTL
    from desktop.store import publication_records as records

    profile = _save(demo_ctx, site.profile())
    install_translator("th")
    window = _window(qtbot, demo_ctx, ServerSecrets(site.credentials()), "th")
    window.resize(1366, 768)
    request = _approved(demo_ctx)[0]
    assert records.take_lock(demo_ctx.db, f"upload:{profile.site_id}:{request.id}",
                             "ห้องงานเว็บ-2:4242:1", datetime.now(UTC), UPLOAD_CLAIM_TTL,
                             lambda _holder: False)
    panel = _publish(qtbot, window, request.id)
    qtbot.waitUntil(lambda: not panel.running and panel.failed_count == 1, timeout=60000)
    text = panel.message.text()
    assert "คำขอนี้กำลังเผยแพร่จากเครื่อง ห้องงานเว็บ-2 อยู่" in text       # why, and who
    assert "รอให้เครื่องนั้นเผยแพร่เสร็จ แล้วกดรีเฟรชรายการ" in text            # what next
    assert not any(site.web_root.iterdir())
    assert window.grab().save(str(tmp_path / "publish-already-running.png"))
