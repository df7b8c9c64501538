"""pytest-qt: the page preview (desktop/phone, open in browser) and the checklist that blocks."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImage, QPixmap, QTextDocument
from pytestqt.qtbot import QtBot

from desktop.domain.checklist import ChecklistInput, run_checklist
from desktop.domain.file_policy import FileKind, Verdict
from desktop.domain.personal_data import scan_text
from desktop.domain.request import AttachmentInfo, PublicationRequest
from desktop.publish.pages import PageFile, PageItem, SiteConfig
from desktop.services import scratch_folders
from desktop.ui.preview.checklist_widget import ChecklistWidget
from desktop.ui.preview.page_preview import PHONE_WIDTH, PagePreviewWidget
from desktop.ui.preview.viewers import ImageViewer
from tests.unit.preview import samples


def page_item() -> PageItem:
    return PageItem(
        slug="2569-0042", title="ประกาศผลการคัดเลือกพนักงานราชการ", summary="สรุปผลการคัดเลือก",
        body="รายละเอียดตามเอกสารแนบ\n\nติดต่อสอบถามที่กองการเจ้าหน้าที่",
        category="ข่าวประชาสัมพันธ์", publish_date=date(2026, 11, 22),
        source_owner="กองการเจ้าหน้าที่", period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
        photos=(PageFile("photo.jpg", "ภาพ.jpg", "jpg", 0, "พิธีมอบรางวัล", "ผู้บริหารมอบรางวัล",
                         1600, 1000),),
        files=(PageFile("result.pdf", "ผลการคัดเลือก.pdf", "pdf", 7000),))


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        self.urls.append(url)


def test_page_preview_writes_exactly_the_upload_and_opens_it(thai_app: object, qtbot: QtBot
                                                              ) -> None:
    widget = PagePreviewWidget(SiteConfig(site_name="กรมตัวอย่าง"))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    contents = {"photo.jpg": samples.jpeg((1600, 1000)), "result.pdf": samples.thai_pdf()}
    folder = widget.set_page(page_item(), contents)
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == ["files/photo.jpg", "files/result.pdf", "index.html"]
    assert (folder / "files" / "result.pdf").read_bytes() == contents["result.pdf"]
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert 'width="1600"' in index                      # the real page keeps its sizes
    text = widget.browser.toPlainText()
    assert "ประกาศผลการคัดเลือกพนักงานราชการ" in text and "22 พฤศจิกายน 2569" in text
    assert "ผลการคัดเลือก.pdf" in text
    photo = widget.browser.loadResource(int(QTextDocument.ResourceType.ImageResource.value),
                                        QUrl("files/photo.jpg"))
    assert isinstance(photo, QImage | QPixmap | QByteArray) and photo  # the photo is found

    widget.set_width_mode("phone")
    assert widget.browser.width() == PHONE_WIDTH
    widget.set_width_mode("desktop")
    qtbot.waitUntil(lambda: widget.browser.width() > PHONE_WIDTH)

    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "catch")
    try:
        assert widget.open_in_browser()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in catcher.urls] == [folder / "index.html"]


def test_the_preview_copies_go_with_the_widget(thai_app: object, qtbot: QtBot) -> None:
    """They sit in a scratch folder named after this process (a later start removes one a
    killed process left: test_scratch_folders.py) and go when the preview does."""
    widget = PagePreviewWidget(SiteConfig(site_name="กรมตัวอย่าง"))
    folder = widget.set_page(page_item(), {"photo.jpg": samples.jpeg((300, 200)),
                                           "result.pdf": samples.thai_pdf()})
    scratch = folder.parent
    assert scratch_folders.owner_pid(scratch) == os.getpid()
    assert (folder / "index.html").is_file()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not scratch.exists())


def _request(**changes: object) -> PublicationRequest:
    photo = AttachmentInfo("ภาพ.jpg", "photo.jpg", "image/jpeg", "jpg", 1000, "a" * 64,
                           alt_text="ผู้บริหารมอบรางวัล")
    return PublicationRequest(title="ประกาศผลการคัดเลือกพนักงานราชการ", summary="สรุป",
                              category="pr_news", expiry_date=date(2026, 12, 31),
                              attachments=(photo,)).with_changes(**changes)


def _ok() -> Verdict:
    return Verdict(True, "ภาพ.jpg", 1000, "a" * 64, FileKind.JPEG)


def test_checklist_blocks_on_a_failing_required_item(thai_app: object, qtbot: QtBot) -> None:
    widget = ChecklistWidget(lang="th")
    qtbot.addWidget(widget)
    widget.show()
    widget.set_items(run_checklist(_request(), ChecklistInput(verdicts=[_ok()])))
    assert not widget.blocked and widget.failing_codes() == []

    findings = scan_text("โทร 081-234-5678", "attachment ผล.pdf page 2")
    with qtbot.waitSignal(widget.blocking_changed) as blocker:
        widget.set_items(run_checklist(_request(), ChecklistInput(verdicts=[_ok()],
                                                                   personal_data=findings)))
    assert blocker.args == [True] and widget.blocked
    assert widget.failing_codes() == ["personal_data"]
    row = widget.tree.topLevelItem(8)
    assert row.text(0) == "✖" and row.childCount() == 1
    assert "page 2" in row.child(0).text(2) or "หน้า" in row.child(0).text(2)


def test_recommended_failures_warn_but_do_not_block(thai_app: object, qtbot: QtBot) -> None:
    widget = ChecklistWidget(lang="th")
    qtbot.addWidget(widget)
    widget.set_items(run_checklist(_request(expiry_date=None, summary=""),
                                   ChecklistInput(verdicts=[_ok()])))
    assert not widget.blocked
    assert sorted(widget.failing_codes()) == ["expiry_date", "summary_present"]
    marks = {widget.tree.topLevelItem(i).text(0) for i in range(widget.tree.topLevelItemCount())}
    assert marks == {"✔", "⚠"}


def test_thai_chrome_through_qt_translation(thai_app: object, qtbot: QtBot) -> None:
    from desktop.ui.i18n import install_translator

    install_translator("th")
    try:
        widget = ChecklistWidget(lang="th")
        qtbot.addWidget(widget)
        widget.set_items(run_checklist(_request(), ChecklistInput(verdicts=[_ok()])))
        assert widget.banner.text() == "ผ่านทุกรายการ"
        assert widget.tree.topLevelItem(0).text(1) == "จำเป็น"
        # strings that are not ours stay untouched (Qt's own included: image decoding works)
        assert QCoreApplication.translate("QImageReader", "Unknown error") == "Unknown error"
        assert not QImage.fromData(samples.jpeg()).isNull()
        assert ImageViewer().actual_button.text() == "100 %"
    finally:
        install_translator("en")
    assert ChecklistWidget().tr("Required") == "Required"


def test_failing_details_are_shown_in_full(thai_app: object, qtbot: QtBot) -> None:
    widget = ChecklistWidget(lang="th")
    qtbot.addWidget(widget)
    findings = scan_text("อีเมล somchai@agency.go.th", "ไฟล์แนบ รายงานผลการดำเนินงานประจำปี.pdf หน้า 12")
    widget.set_items(run_checklist(_request(), ChecklistInput(verdicts=[_ok()],
                                                               personal_data=findings)))
    text = widget.details.toPlainText()
    assert "ไฟล์แนบ รายงานผลการดำเนินงานประจำปี.pdf หน้า 12" in text
    assert "somchai" not in text and "s******@agency.go.th" in text
