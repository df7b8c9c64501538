"""pytest-qt: every kind of file previews in the pane, off the GUI thread; broken ones say so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.files.render_cache import RenderCache
from desktop.ui.preview.loaders import (
    ArchivePreview,
    DocumentPreview,
    ImagePreview,
    LegacyOfficePreview,
    PdfPreview,
    Preview,
    PreviewFile,
    SheetsPreview,
    UnreadablePreview,
)
from desktop.ui.preview.preview_pane import PreviewPane
from desktop.ui.preview.viewers import docx_html
from tests.unit.preview import samples


@pytest.fixture
def pane(thai_app: object, qtbot: QtBot, tmp_path: Path) -> PreviewPane:
    widget = PreviewPane(cache=RenderCache(tmp_path / "cache"), lang="th")
    widget.resize(1000, 700)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def show(pane: PreviewPane, qtbot: QtBot, name: str, data: bytes) -> Preview:
    with qtbot.waitSignal(pane.preview_shown, timeout=30_000) as blocker:
        pane.show_file(PreviewFile(name, data=data))
    preview = blocker.args[0]
    assert pane.current is preview
    return preview


def test_pdf(pane: PreviewPane, qtbot: QtBot) -> None:
    preview = show(pane, qtbot, "ประกาศ.pdf", samples.thai_pdf(pages=3))
    assert isinstance(preview, PdfPreview) and preview.page_count == 3
    assert pane.current_viewer() is pane.pdf_viewer
    viewer = pane.pdf_viewer
    assert viewer.page_count() == 3
    qtbot.waitUntil(lambda: viewer.thumbnails.count() == 3, timeout=10_000)
    assert "3" in viewer.count_label.text()
    viewer.go_to(2)
    qtbot.waitUntil(lambda: viewer.current_page() == 2)
    assert viewer.page_box.value() == 3
    assert not preview.first_page.isNull() and preview.first_page.width() > 500


class CountingCache(RenderCache):
    """The real cache, counting what it served and what it stored."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.hits = 0
        self.puts = 0

    def get(self, sha256: str, variant: str, width: int, height: int = 0) -> bytes | None:
        data = super().get(sha256, variant, width, height)
        self.hits += data is not None
        return data

    def put(self, sha256: str, variant: str, width: int, height: int, data: bytes) -> Path:
        self.puts += 1
        return super().put(sha256, variant, width, height, data)


def test_pdf_thumbnails_come_from_the_cache_the_second_time(thai_app: object, qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    cache = CountingCache(tmp_path / "cache")
    pane = PreviewPane(cache=cache, lang="th")
    qtbot.addWidget(pane)
    pane.show()
    data = samples.thai_pdf(pages=2)
    with qtbot.waitSignal(pane.pdf_viewer.thumbnails_done, timeout=10_000):
        show(pane, qtbot, "a.pdf", data)
    assert pane.loader.cache is cache and len(cache.entries()) == 2
    stored, served = cache.puts, cache.hits
    assert stored >= 2
    with qtbot.waitSignal(pane.pdf_viewer.thumbnails_done, timeout=10_000) as done:
        show(pane, qtbot, "a.pdf", data)
    assert done.args == [2] and len(cache.entries()) == 2
    assert cache.puts == stored                  # nothing rendered and stored again
    assert cache.hits >= served + 2              # both thumbnails served by the cache


def test_image_web_copy_zoom_and_fit(pane: PreviewPane, qtbot: QtBot) -> None:
    preview = show(pane, qtbot, "ภาพ.jpg", samples.jpeg((3200, 2000)))
    assert isinstance(preview, ImagePreview)
    assert preview.image.width() == 1600          # the web copy, not the original
    assert preview.original_width == 3200
    viewer = pane.image_viewer
    assert "1600 × 1000" in viewer.info.text() and "3200 × 2000" in viewer.info.text()
    viewer.set_zoom(1.0)
    assert viewer.canvas.pixmap().width() == 1600
    viewer.fit()
    assert viewer.canvas.pixmap().width() <= viewer.scroll_area.viewport().width()


def _jpeg_with_exif() -> bytes:
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Canon"                                  # the camera's maker
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "#8fb8de").save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_image_says_in_words_when_it_had_no_metadata(pane: PreviewPane, qtbot: QtBot) -> None:
    from desktop.ui.i18n import install_translator

    show(pane, qtbot, "มีข้อมูลแฝง.jpg", _jpeg_with_exif())
    assert pane.image_viewer.info.text().endswith("Metadata removed: exif")
    show(pane, qtbot, "ไม่มีข้อมูลแฝง.png", samples.png())
    info = pane.image_viewer.info.text()
    assert info.endswith("It had no metadata to remove.") and ": -" not in info
    install_translator("th")
    try:
        show(pane, qtbot, "ไม่มีข้อมูลแฝง.png", samples.png())
        assert pane.image_viewer.info.text().endswith(") ไม่มีข้อมูลแฝงที่ต้องลบ")
        show(pane, qtbot, "เล็ก.png", samples.png((8, 8)))       # under a kilobyte
        small = pane.image_viewer.info.text()
        assert "ไบต์" in small and " B" not in small, small    # sizes in the pane's language
    finally:
        install_translator("en")


def test_xlsx_tabs_and_first_rows(pane: PreviewPane, qtbot: QtBot) -> None:
    preview = show(pane, qtbot, "งบ.xlsx", samples.xlsx(rows=300))
    assert isinstance(preview, SheetsPreview)
    tabs = pane.sheet_viewer.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["สรุป", "รายละเอียด"]
    table = tabs.widget(0)
    assert table.rowCount() == 200                # bounded
    assert table.item(0, 1).text() == "รายการ"
    assert "200" in pane.sheet_viewer.note.text()


def test_docx_headings_lists_tables_images(pane: PreviewPane, qtbot: QtBot) -> None:
    preview = show(pane, qtbot, "รายงาน.docx", samples.docx())
    assert isinstance(preview, DocumentPreview)
    page = docx_html(preview)
    assert "<h1>รายงานผลการดำเนินงาน</h1>" in page and "<h2>ความเป็นมา</h2>" in page
    assert "<li" in page and "<table" in page and 'src="docx-image:image1.png"' in page
    text = pane.document_viewer.browser.toPlainText()
    assert "นายสมชาย ใจดี" in text and "ข้อแรก" in text
    assert not preview.images["image1.png"].isNull()


def test_zip_entries_with_verdicts(pane: PreviewPane, qtbot: QtBot) -> None:
    data = samples.zip_archive({"../หนี.txt": b"x", "setup.exe": b"MZ\x90\x00"})
    preview = show(pane, qtbot, "รวม.zip", data)
    assert isinstance(preview, ArchivePreview)
    verdicts = {e.name: e.ok for e in preview.entries}
    assert verdicts["เอกสาร/ประกาศ.pdf"] and verdicts["readme.txt"]
    assert not verdicts["../หนี.txt"] and not verdicts["setup.exe"]
    table = pane.archive_viewer.table
    assert table.rowCount() == 5
    assert "2" in pane.archive_viewer.summary.text()
    sizes = {table.item(row, 1).text() for row in range(table.rowCount())}
    assert "1 ไบต์" in sizes and not any(size.endswith(" B") for size in sizes), sizes


@pytest.mark.parametrize(("name", "stream", "kind"), [("เก่า.doc", "WordDocument", "doc"),
                                                      ("เก่า.xls", "Workbook", "xls")])
def test_legacy_office_shows_what_it_can_and_why(pane: PreviewPane, qtbot: QtBot, name: str,
                                                 stream: str, kind: str) -> None:
    preview = show(pane, qtbot, name, samples.ole2(stream))
    assert isinstance(preview, LegacyOfficePreview) and preview.kind == kind
    text = pane.legacy_viewer.label.text()
    assert stream in text and "รุ่นเก่า" in text


BROKEN: dict[str, Callable[[], bytes]] = {
    "เสีย.pdf": samples.broken_pdf,
    "เสีย.jpg": lambda: samples.jpeg()[:400],
    "เสีย.xlsx": lambda: samples.xlsx()[:300],
    "เสีย.docx": lambda: b"PK\x03\x04" + b"\0" * 60,
    "ไม่ใช่.pdf": lambda: b"<html><script>alert(1)</script></html>",
    "ว่าง.pdf": lambda: b"",
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_files_show_a_clear_message(pane: PreviewPane, qtbot: QtBot, name: str) -> None:
    preview = show(pane, qtbot, name, BROKEN[name]())
    assert isinstance(preview, UnreadablePreview)
    assert pane.current_viewer() is pane.message_viewer
    text = pane.message_viewer.label.text()
    assert name in text and "Traceback" not in text
    assert any(word in text for word in ("ไม่ได้", "เสียหาย", "ไม่รองรับ"))


def _password_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(0, 10, "secret")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


def _no_pages_pdf() -> bytes:
    import io

    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    pdfium.PdfDocument.new().save(buffer)
    return buffer.getvalue()


PDF_PROBLEMS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "เสีย.pdf": (samples.broken_pdf, "ไม่ใช่ PDF ที่สมบูรณ์", "not a complete PDF"),
    "ตัดครึ่ง.pdf": (lambda: samples.thai_pdf(pages=2)[:500], "ไม่ใช่ PDF ที่สมบูรณ์",
                    "not a complete PDF"),
    "รหัสผ่าน.pdf": (_password_pdf, "ตั้งรหัสผ่านไว้", "password-protected"),
    "ไม่มีหน้า.pdf": (_no_pages_pdf, "ไม่มีหน้าใดเลย", "has no pages"),
}


@pytest.mark.parametrize("name", list(PDF_PROBLEMS))
def test_a_pdf_that_cannot_be_shown_says_why_in_words(pane: PreviewPane, qtbot: QtBot,
                                                      name: str) -> None:
    """In plain Thai and English: never Qt's error name ("PDF: InvalidFileFormat")."""
    make, thai, english = PDF_PROBLEMS[name]
    preview = show(pane, qtbot, name, make())
    assert isinstance(preview, UnreadablePreview)
    assert thai in preview.message.th and english in preview.message.en
    shown = pane.message_viewer.label.text()
    assert thai in shown
    for word in ("PDF:", "InvalidFileFormat", "IncorrectPassword", "Error", "None_",
                 "(no pages)"):
        assert word not in shown and word not in preview.message.en


def test_missing_path_is_a_message(pane: PreviewPane, qtbot: QtBot, tmp_path: Path) -> None:
    with qtbot.waitSignal(pane.preview_shown, timeout=10_000) as blocker:
        pane.show_file(PreviewFile("หาย.pdf", path=tmp_path / "nope.pdf"))
    assert isinstance(blocker.args[0], UnreadablePreview)


def test_only_the_last_requested_file_is_shown(pane: PreviewPane, qtbot: QtBot) -> None:
    pdf, png = samples.thai_pdf(pages=2), samples.png()
    shown: list[Preview] = []
    pane.preview_shown.connect(shown.append)
    pane.show_file(PreviewFile("first.pdf", data=pdf))
    pane.show_file(PreviewFile("second.png", data=png))
    assert pane.message_viewer.label.text().startswith(("Loading", "กำลัง"))  # not frozen
    qtbot.waitUntil(lambda: bool(shown) and not pane.loader.busy, timeout=30_000)
    assert [p.display_name for p in shown] == ["second.png"]
