"""pytest-qt: selecting a request previews every file, the page and the checklist."""

from __future__ import annotations

from desktop.domain.workflow import Action, RequestState
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.attachments import attach_file
from desktop.services.demo_files import sample_pdf
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import session_for


def _window(qtbot, ctx, username: str) -> MainWindow:  # noqa: ANN001
    window = MainWindow(session_for(ctx, username), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    return window


def _select(qtbot, window: MainWindow, request_id: int):  # noqa: ANN001, ANN202
    with qtbot.waitSignal(window.preview_loaded, timeout=15000) as signal:
        window.table.selectRow(window.model.row_of(request_id))
    return signal.args[0]


def test_every_file_of_a_request_previews(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = _window(qtbot, demo_ctx, "somsri")
    first = window.model.row_at(window.model.rowCount() - 1)  # WD-…-00001: pdf, jpg, xlsx
    data = _select(qtbot, window, first.id)
    tabs = window.detail.preview
    assert tabs is not None and len(data.files) == 3
    for row in range(len(data.files)):
        with qtbot.waitSignal(tabs.pane.preview_shown, timeout=15000) as shown:
            tabs.file_list.setCurrentRow(row)
        preview = shown.args[0]
        assert type(preview).__name__ != "UnreadablePreview", preview
    assert tabs.page.folder is not None and (tabs.page.folder / "index.html").exists()
    assert first.title in (tabs.page.folder / "index.html").read_text("utf-8")


def test_checklist_blocks_send_for_approval(qtbot, demo_ctx) -> None:  # noqa: ANN001
    web = auth.sign_in(demo_ctx, "somchai", "somchai-demo-1")
    checker = auth.sign_in(demo_ctx, "somsri", "somsri-demo-1")
    from desktop.domain.request import PublicationRequest, Requester

    rid = rq.register_request(demo_ctx, web, PublicationRequest(
        title="รายชื่อผู้มีสิทธิ์สอบ", category="news", summary="ประกาศรายชื่อ",
        requester=Requester(name="นาย ก", unit="งานบุคคล")))
    attach_file(demo_ctx, web, rid, "รายชื่อ.pdf",
                sample_pdf("นายทดสอบ โทร 081-234-5678 เลขประจำตัวประชาชน 1101700010228"))
    rq.perform_action(demo_ctx, web, rid, Action.SUBMIT)
    rq.perform_action(demo_ctx, checker, rid, Action.START_REVIEW)
    window = _window(qtbot, demo_ctx, "somsri")
    _select(qtbot, window, rid)
    assert window.detail.preview is not None
    assert window.detail.preview.checklist.blocked
    assert "personal_data" in window.detail.preview.checklist.failing_codes()
    assert not window.detail.buttons[Action.SEND_FOR_APPROVAL].isEnabled()
    assert window.detail.buttons[Action.RETURN_FOR_CORRECTION].isEnabled()
    assert rq.get_request(demo_ctx, checker, rid).request.state == RequestState.IN_REVIEW
