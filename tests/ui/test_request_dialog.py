"""pytest-qt: register a request through the dialog, with drag and drop of a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.domain.workflow import RequestState
from desktop.services import auth
from desktop.services import requests as rq
from desktop.services.attachments import count_versions, list_files
from desktop.services.demo_files import sample_pdf, sample_photo, sample_workbook
from desktop.ui.main_window import MainWindow
from desktop.ui.request_dialog import RequestDialog
from tests.support.message_boxes import answer_boxes
from tests.ui.conftest import session_for


def _dialog(qtbot, ctx, request_id: int | None = None) -> RequestDialog:  # noqa: ANN001
    user = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    dialog = RequestDialog(ctx, user, "th", request_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill(dialog: RequestDialog, title: str) -> None:
    form = dialog.form
    form.line("title").setText(title)  # setText: keyClicks is ASCII-only
    form.category_combo.setCurrentIndex(form.category_combo.findData("news"))
    form.subcategory_combo.setCurrentIndex(form.subcategory_combo.findData("general_news"))
    form.text_box("summary").setPlainText("สรุปข่าวสำหรับหน้าเว็บไซต์")
    form.line("requester.unit").setText("กลุ่มงานบริหารทั่วไป")
    form.line("requester.name").setText("นางสาวมาลี ตั้งใจ")
    form.line("requester.email").setText("malee@example.go.th")
    form.date("received_at").setDate(date(2026, 11, 20))


def _drop_folder(widget, folder: Path) -> None:  # noqa: ANN001
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def test_register_with_a_dropped_folder_and_see_it_in_the_queue(qtbot, demo_ctx,  # noqa: ANN001
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "จากหน่วยงาน"
    (folder / "ภาพ").mkdir(parents=True)
    (folder / "ประกาศ.pdf").write_bytes(sample_pdf("ประกาศ"))
    (folder / "ภาพ" / "กิจกรรม.jpg").write_bytes(sample_photo(2))
    (folder / "สรุป.xlsx").write_bytes(sample_workbook("สรุป"))
    dialog = _dialog(qtbot, demo_ctx)
    _fill(dialog, "ข่าวการประชุมประจำเดือนพฤศจิกายน")
    with qtbot.waitSignal(dialog.attachments.intake_finished, timeout=30000) as done:
        _drop_folder(dialog.attachments, folder)
    report = done.args[0]
    assert len(report.accepted) == 3 and not report.refused
    assert dialog.request_id is not None
    files = list_files(demo_ctx, dialog.request_id)
    assert sorted(f.info.kind for f in files) == ["jpg", "pdf", "xlsx"]
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_draft()
    window = MainWindow(session_for(demo_ctx, "somsri"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    titles = [window.model.row_at(i).title for i in range(window.model.rowCount())]
    assert "ข่าวการประชุมประจำเดือนพฤศจิกายน" in titles


def test_submit_with_a_missing_required_field_names_it(qtbot, demo_ctx) -> None:  # noqa: ANN001
    dialog = _dialog(qtbot, demo_ctx)
    _fill(dialog, "ระเบียบว่าด้วยการเผยแพร่ข้อมูล")
    dialog.form.category_combo.setCurrentIndex(dialog.form.category_combo.findData("law"))
    with qtbot.waitSignal(dialog.submit_failed, timeout=10000) as failed:
        dialog.submit()
    error = failed.args[0]
    assert error.code == "missing_fields"
    assert "แหล่งที่มา" in dialog.message.text()
    assert "source_owner" in dialog.form.highlighted()
    assert dialog.request_id is not None
    stored = rq.get_request(demo_ctx, auth.sign_in(demo_ctx, "somchai", "somchai-demo-1"),
                            dialog.request_id).request
    assert stored.state == RequestState.DRAFT and stored.title == "ระเบียบว่าด้วยการเผยแพร่ข้อมูล"


def test_refused_file_shows_its_reason_and_replace_keeps_the_old(qtbot, demo_ctx,  # noqa: ANN001
                                                                 tmp_path: Path) -> None:
    script = tmp_path / "ประกาศ.pdf"
    script.write_bytes(b"#!/bin/sh\nrm -rf /\n")
    good = tmp_path / "good.pdf"
    good.write_bytes(sample_pdf("ฉบับแรก"))
    dialog = _dialog(qtbot, demo_ctx)
    _fill(dialog, "ประกาศทดสอบไฟล์แนบ")
    with qtbot.waitSignal(dialog.attachments.intake_finished, timeout=30000) as done:
        dialog.attachments.add_paths([script, good])
    report = done.args[0]
    assert len(report.accepted) == 1 and len(report.refused) == 1
    assert "ประกาศ.pdf" in report.refused[0]
    assert dialog.attachments.problems.isVisible()
    rid = dialog.request_id
    assert rid is not None and [f.info.display_name for f in list_files(demo_ctx, rid)] \
        == ["good.pdf"]
    newer = tmp_path / "good-v2.pdf"
    newer.write_bytes(sample_pdf("ฉบับแก้ไข"))
    attachment_id = list_files(demo_ctx, rid)[0].attachment_id
    with qtbot.waitSignal(dialog.attachments.intake_finished, timeout=30000):
        dialog.attachments.replace_with(attachment_id, newer)
    assert count_versions(demo_ctx, rid) == 2
    assert len(list_files(demo_ctx, rid)) == 1


def test_double_click_opens_an_editable_request_only(qtbot, demo_ctx) -> None:  # noqa: ANN001
    window = MainWindow(session_for(demo_ctx, "somsri"), "th")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_loaded, timeout=10000):
        window.show()
    rows = [window.model.row_at(i) for i in range(window.model.rowCount())]
    draft = next(r for r in rows if r.state == RequestState.DRAFT)
    published = next(r for r in rows if r.state == RequestState.PUBLISHED)
    opened: list[RequestDialog] = []
    window.request_dialog_opened.connect(opened.append)
    window.edit_request(published)
    assert opened == []
    window.edit_request(draft)
    assert len(opened) == 1 and opened[0].request_id == draft.id
    qtbot.waitUntil(lambda: opened[0].form.line("title").text() == draft.title, timeout=10000)
    opened[0].close()


def test_removing_a_file_asks_first(qtbot, demo_ctx, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    good = tmp_path / "ประกาศ.pdf"
    good.write_bytes(sample_pdf("ประกาศ"))
    dialog = _dialog(qtbot, demo_ctx)
    _fill(dialog, "ประกาศทดสอบการนำไฟล์ออก")
    with qtbot.waitSignal(dialog.attachments.intake_finished, timeout=30000):
        dialog.attachments.add_paths([good])
    widget = dialog.attachments
    qtbot.waitUntil(lambda: widget.table.rowCount() == 1)
    widget.table.selectRow(0)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(parent, title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return answers.pop(0)
    answer_boxes(monkeypatch, question)
    widget.remove_selected()                               # "No": nothing happens
    assert "ประกาศ.pdf" in asked[0]                        # names the file
    rid = dialog.request_id
    assert rid is not None and len(list_files(demo_ctx, rid)) == 1
    widget.remove_selected()                               # "Yes": off the request
    qtbot.waitUntil(lambda: widget.table.rowCount() == 0, timeout=10000)
    assert list_files(demo_ctx, rid) == []
    assert count_versions(demo_ctx, rid) == 1              # the stored copy is kept
