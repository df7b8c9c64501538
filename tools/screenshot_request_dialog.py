"""Screenshot of the request dialog, filled in Thai with three attachments (offscreen).

    python tools/screenshot_request_dialog.py [OUT_DIR]
"""

from __future__ import annotations

from datetime import date

from demo_app import demo_app


def main() -> int:
    from PySide6.QtCore import QTimer

    from desktop.services import auth
    from desktop.services.demo_files import sample_pdf, sample_photo, sample_workbook
    from desktop.ui.request_dialog import RequestDialog

    app, ctx, home, out = demo_app("webdesk-dialog-")
    files = home / "in"
    files.mkdir()
    (files / "ประกาศรับสมัคร.pdf").write_bytes(sample_pdf("ประกาศรับสมัคร"))
    (files / "ภาพกิจกรรม.jpg").write_bytes(sample_photo(4))
    (files / "ตำแหน่งว่าง.xlsx").write_bytes(sample_workbook("ตำแหน่งว่าง"))
    user = auth.sign_in(ctx, "somchai", "somchai-demo-1")
    dialog = RequestDialog(ctx, user, "th", None)
    dialog.resize(1366, 740)
    form = dialog.form
    form.line("title").setText("ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการ")
    form.category_combo.setCurrentIndex(form.category_combo.findData("news"))
    form.subcategory_combo.setCurrentIndex(form.subcategory_combo.findData("jobs"))
    form.text_box("summary").setPlainText("รับสมัครนักวิชาการสาธารณสุข 2 อัตรา รายละเอียดตามเอกสารแนบ")
    form.line("requester.unit").setText("กลุ่มงานบริหารทั่วไป")
    form.line("requester.name").setText("นางสาวมาลี ตั้งใจ")
    form.line("requester.position").setText("นักจัดการงานทั่วไป")
    form.line("requester.phone").setText("054-123456")
    form.date("received_at").setDate(date(2026, 11, 20))
    dialog.show()
    dialog.attachments.intake_finished.connect(
        lambda _r: QTimer.singleShot(800, lambda: (dialog.grab().save(
            str(out / "request-dialog-th.png")), app.quit())))
    QTimer.singleShot(300, lambda: dialog.attachments.add_paths(sorted(files.iterdir())))
    QTimer.singleShot(30000, app.quit)
    app.exec()
    print("saved", out / "request-dialog-th.png")
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
