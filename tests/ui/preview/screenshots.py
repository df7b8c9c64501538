"""Screenshots of the preview, in Thai, under Xvfb (not collected by pytest: no test_ prefix).

    /work/venv/bin/python tests/ui/preview/screenshots.py [--out DIR] [--offscreen]

Starts Xvfb (tests/support/xvfb.py) and runs itself again on it with the xcb platform; with
``--offscreen`` it renders with Qt's offscreen platform instead.  Writes PNGs of the preview
pane (image, PDF, xlsx, docx, zip, a broken file) and of the page preview (desktop and phone
width) with the checklist beside it, to artifacts/screenshots/ by default.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))


def _photo() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (2400, 1600), "#8fb8de")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 1050, 2400, 1600), fill="#5a8f29")
    draw.ellipse((1700, 150, 2100, 550), fill="#f6c85f")
    for x in range(200, 1600, 350):
        draw.rectangle((x, 650, x + 220, 1100), fill="#c44536")
        draw.polygon([(x - 40, 660), (x + 110, 480), (x + 260, 660)], fill="#772e25")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def demo_page_item(photo: bytes, pdf: bytes) -> Any:
    from desktop.publish.pages import PageFile, PageItem

    item = PageItem(
        slug="2569-0042", title="ประกาศผลการคัดเลือกพนักงานราชการ ตำแหน่งนักวิชาการคอมพิวเตอร์",
        summary="กรมตัวอย่างประกาศรายชื่อผู้ผ่านการคัดเลือก ให้มารายงานตัวภายในวันที่ ๓๐ พฤศจิกายน ๒๕๖๙",
        body="ตามที่กรมตัวอย่างได้ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการทั่วไป "
             "บัดนี้การดำเนินการเลือกสรรได้เสร็จสิ้นแล้ว\n\n"
             "รายละเอียดตามเอกสารแนบ สอบถามเพิ่มเติมได้ที่ https://www.example.go.th/jobs",
        category="ข่าวประชาสัมพันธ์", subcategory="ประกาศรับสมัครงาน",
        publish_date=date(2026, 11, 22), source_owner="กองการเจ้าหน้าที่",
        period_start=date(2026, 10, 1), period_end=date(2026, 10, 31),
        external_link="https://www.example.go.th/jobs",
        photos=(PageFile("photo-1.jpg", "ภาพกิจกรรม.jpg", "jpg", len(photo),
                         "ผู้อำนวยการมอบประกาศนียบัตร", "ผู้อำนวยการมอบประกาศนียบัตรแก่ผู้ผ่านการคัดเลือก",
                         2400, 1600),),
        files=(PageFile("result.pdf", "ประกาศผลการคัดเลือก.pdf", "pdf", len(pdf)),
               PageFile("budget.xlsx", "รายชื่อผู้ผ่านการคัดเลือก.xlsx", "xlsx", 20_480)))
    return item


def run_child(out: Path) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QSplitter, QWidget

    from desktop.domain.checklist import ChecklistInput, run_checklist
    from desktop.domain.file_policy import FileKind, Verdict
    from desktop.domain.personal_data import scan_text
    from desktop.domain.request import AttachmentInfo, PublicationRequest
    from desktop.files.render_cache import RenderCache
    from desktop.publish.pages import SiteConfig
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator
    from desktop.ui.preview.checklist_widget import ChecklistWidget
    from desktop.ui.preview.loaders import PreviewFile
    from desktop.ui.preview.page_preview import PagePreviewWidget
    from desktop.ui.preview.preview_pane import PreviewPane
    from tests.unit.preview import samples

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_app_font(app)
    install_translator("th")
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_for(signal: object, ms: int = 30_000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    import tempfile

    cache = RenderCache(Path(tempfile.mkdtemp(prefix="webdesk-shots-")))
    pane = PreviewPane(cache=cache, lang="th")
    pane.resize(1200, 800)
    pane.show()
    photo = _photo()
    pdf = samples.thai_pdf(pages=6, lines=(
        "ประกาศกรมตัวอย่าง เรื่อง ผลการคัดเลือกพนักงานราชการ",
        samples.THAI_SENTENCE, "ผู้ที่ผ่านการคัดเลือกให้มารายงานตัว ณ กองการเจ้าหน้าที่"))
    files = {
        "preview_image.png": PreviewFile("ภาพกิจกรรมวันปิยมหาราช.jpg", data=photo),
        "preview_pdf.png": PreviewFile("ประกาศผลการคัดเลือก.pdf", data=pdf),
        "preview_xlsx.png": PreviewFile("รายงานงบประมาณ ๒๕๖๙.xlsx", data=samples.xlsx(rows=400)),
        "preview_docx.png": PreviewFile("รายงานผลการดำเนินงาน.docx", data=samples.docx()),
        "preview_zip.png": PreviewFile("เอกสารประกอบ.zip", data=samples.zip_archive(
            {"../นอกโฟลเดอร์.txt": b"x", "โปรแกรม.exe": b"MZ\x90\x00"})),
        "preview_broken.png": PreviewFile("ไฟล์เสีย.pdf", data=samples.broken_pdf()),
    }
    written = []
    for shot, file in files.items():
        pane.show_file(file)
        wait_for(pane.preview_shown)
        if shot == "preview_pdf.png" and pane.pdf_viewer.thumbnails.count() < 6:
            wait_for(pane.pdf_viewer.thumbnails_done)
        settle(1200)
        path = out / shot
        pane.grab().save(str(path))
        written.append(path)

    item = demo_page_item(photo, pdf)
    request = PublicationRequest(
        title=item.title, summary=item.summary, body=item.body, category="pr_news",
        expiry_date=None, attachments=(
            AttachmentInfo("ภาพกิจกรรม.jpg", "photo-1.jpg", "image/jpeg", "jpg", len(photo),
                           "a" * 64, alt_text=photo and "ผู้อำนวยการมอบประกาศนียบัตร"),))
    findings = scan_text("ติดต่อ 081-234-5678", "ไฟล์แนบ ประกาศผลการคัดเลือก.pdf หน้า 2")
    items = run_checklist(request, ChecklistInput(
        verdicts=[Verdict(True, "ภาพกิจกรรม.jpg", len(photo), "a" * 64, FileKind.JPEG)],
        personal_data=findings))

    window = QWidget()
    window.resize(1500, 900)
    splitter = QSplitter(window)
    page = PagePreviewWidget(SiteConfig(site_name="กรมตัวอย่าง",
                                        agency_name="กรมตัวอย่าง กระทรวงทดสอบ"))
    checklist = ChecklistWidget(lang="th")
    splitter.addWidget(page)
    splitter.addWidget(checklist)
    splitter.setSizes([1000, 500])
    QHBoxLayout(window).addWidget(splitter)
    window.show()
    page.set_page(item, {"photo-1.jpg": photo, "result.pdf": pdf, "budget.xlsx": b"xlsx"})
    checklist.set_items(items)
    for mode in ("desktop", "phone", "desktop_bottom"):
        page.set_width_mode(mode.split("_")[0])
        settle(800)
        if mode.endswith("bottom"):
            bar = page.browser.verticalScrollBar()
            bar.setValue(bar.maximum())
            settle(800)
        path = out / f"page_preview_{mode}.png"
        window.grab().save(str(path))
        written.append(path)
    for path in written:
        print(path)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "screenshots")
    parser.add_argument("--offscreen", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.offscreen:
        if args.offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return run_child(args.out)
    from tests.support.xvfb import xvfb_display

    with xvfb_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        return subprocess.run([sys.executable, __file__, "--child", "--out", str(args.out)],
                              env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
