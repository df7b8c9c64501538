"""Benchmark: the preview's code paths against the bare library calls, in the same run.

    /work/venv/bin/python tests/bench/bench_preview.py

1. PDF: first page of a generated 200-page PDF — ``load_preview`` (sniff, SHA-256, QPdfDocument
   load, page count, first page rendered to a QImage) vs bare QPdfDocument load + render.
2. XLSX: first 200 rows of a generated 100,000-row sheet — ``read_xlsx`` vs bare openpyxl
   ``load_workbook(read_only=True)`` + ``iter_rows(max_row=200)``, on the sheet as Excel writes
   it (with ``<dimension>``) and as openpyxl's write-only mode writes it (without: bare openpyxl
   then parses the whole sheet while opening it; ours does not); also the bare full read of the
   sheet, and ``rows_read`` counted by the code.
3. JPEG: thumbnail of a generated 6000x4000 JPEG — ``image_thumbnail`` vs bare Pillow
   ``draft`` + ``thumbnail``.

Each measurement is the median of several runs, alternating ours and bare.  The last printed
line is one JSON object ``{"bench": "preview", "metrics": {...}, "ratios": {...}}``.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402

RUNS = 5


def median_seconds(fn: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def paired(ours: Callable[[], object], bare: Callable[[], object],
           runs: int = RUNS) -> tuple[float, float]:
    ours(), bare()                                  # warm up both
    ours_times, bare_times = [], []
    for _ in range(runs):
        for fn, bucket in ((ours, ours_times), (bare, bare_times)):
            started = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - started)
    return statistics.median(ours_times), statistics.median(bare_times)


def make_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    from desktop.paths import resources_dir

    pdf = FPDF(format="A4")
    pdf.add_font("Sarabun", "", str(resources_dir() / "fonts" / "Sarabun-Regular.ttf"))
    pdf.set_font("Sarabun", size=14)
    pdf.set_text_shaping(True)
    for number in range(1, pages + 1):
        pdf.add_page()
        for line in range(12):
            pdf.cell(0, 9, f"หน้า {number} บรรทัด {line + 1}: รายงานผลการดำเนินงานประจำปีงบประมาณ",
                     new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_xlsx(rows: int) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("ข้อมูล")
    sheet.append(["ลำดับ", "รหัส", "จำนวน", "หน่วยงาน", "สัดส่วน"])
    for number in range(1, rows + 1):
        sheet.append([number, f"R{number:06d}", number * 3, "กองคลัง", number / 7])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_jpeg(width: int, height: int) -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def bench_pdf(metrics: dict[str, float], ratios: dict[str, float]) -> None:
    from desktop.ui.preview.loaders import (
        PDF_FIRST_PAGE_WIDTH,
        PdfPreview,
        PreviewFile,
        load_preview,
    )

    data = make_pdf(200)
    metrics["pdf_bytes"] = len(data)

    def ours() -> None:
        preview = load_preview(PreviewFile("report.pdf", data=data))
        assert isinstance(preview, PdfPreview) and preview.page_count == 200
        assert not preview.first_page.isNull()

    def bare() -> None:
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        points = document.pagePointSize(0)
        scale = PDF_FIRST_PAGE_WIDTH / points.width()
        image = document.render(0, QSize(PDF_FIRST_PAGE_WIDTH, round(points.height() * scale)))
        assert document.pageCount() == 200 and not image.isNull()
        document.close()

    mine, base = paired(ours, bare)
    metrics["pdf_first_page_ms"] = round(mine * 1000, 2)
    metrics["pdf_first_page_bare_ms"] = round(base * 1000, 2)
    ratios["pdf_first_page"] = round(mine / base, 3)


def add_dimension(data: bytes, ref: str) -> bytes:
    """The same workbook with a <dimension> element, as Excel writes it."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                content = content.replace(b"<sheetData>", f'<dimension ref="{ref}"/><sheetData>'
                                          .encode(), 1)
            target.writestr(info.filename, content)
    return out.getvalue()


def bench_xlsx(metrics: dict[str, float], ratios: dict[str, float]) -> None:
    import openpyxl

    from desktop.files.text_extract import read_xlsx

    plain = make_xlsx(100_000)                     # as openpyxl write-only saves it: no <dimension>
    excel_like = add_dimension(plain, "A1:E100001")
    metrics["xlsx_bytes"] = len(plain)
    rows_read: list[int] = []

    def ours(data: bytes) -> Callable[[], None]:
        def run() -> None:
            sheet = read_xlsx(data, "big.xlsx", max_rows=200).sheets[0]
            assert len(sheet.rows) == 200 and sheet.truncated
            rows_read.append(sheet.rows_read)
        return run

    def bare(data: bytes) -> Callable[[], None]:
        def run() -> None:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = list(workbook["ข้อมูล"].iter_rows(max_row=200, values_only=True))
            assert len(rows) == 200
            workbook.close()
        return run

    def bare_whole_sheet() -> None:
        workbook = openpyxl.load_workbook(io.BytesIO(excel_like), read_only=True, data_only=True)
        count = sum(1 for _ in workbook["ข้อมูล"].iter_rows(values_only=True))
        assert count == 100_001
        workbook.close()

    mine, base = paired(ours(excel_like), bare(excel_like))
    mine_nd, base_nd = paired(ours(plain), bare(plain), runs=3)
    whole = median_seconds(bare_whole_sheet, runs=1)
    metrics["xlsx_first_200_rows_ms"] = round(mine * 1000, 2)
    metrics["xlsx_first_200_rows_bare_ms"] = round(base * 1000, 2)
    metrics["xlsx_no_dimension_first_200_rows_ms"] = round(mine_nd * 1000, 2)
    metrics["xlsx_no_dimension_first_200_rows_bare_ms"] = round(base_nd * 1000, 2)
    metrics["xlsx_whole_sheet_bare_ms"] = round(whole * 1000, 2)
    metrics["xlsx_rows_in_sheet"] = 100_001
    metrics["xlsx_rows_read"] = max(rows_read)
    ratios["xlsx_first_200_rows"] = round(mine / base, 3)
    ratios["xlsx_no_dimension_first_200_rows"] = round(mine_nd / base_nd, 3)
    ratios["xlsx_preview_vs_whole_sheet"] = round(mine / whole, 4)


def bench_jpeg(metrics: dict[str, float], ratios: dict[str, float]) -> None:
    from desktop.services.file_preview import image_thumbnail

    data = make_jpeg(6000, 4000)
    metrics["jpeg_bytes"] = len(data)

    def ours() -> None:
        thumb = image_thumbnail(data, 320)
        assert max(thumb.size) == 320

    def bare() -> None:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (320, 320))
            image.thumbnail((320, 320))
            assert max(image.size) == 320

    mine, base = paired(ours, bare)
    metrics["jpeg_thumbnail_ms"] = round(mine * 1000, 2)
    metrics["jpeg_thumbnail_bare_ms"] = round(base * 1000, 2)
    ratios["jpeg_thumbnail"] = round(mine / base, 3)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    metrics: dict[str, float] = {}
    ratios: dict[str, float] = {}
    for step in (bench_pdf, bench_xlsx, bench_jpeg):
        started = time.perf_counter()
        step(metrics, ratios)
        print(f"{step.__name__}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(json.dumps({k: v for k, v in metrics.items()}, ensure_ascii=False, indent=1))
    target = {k: v for k, v in ratios.items() if k != "xlsx_preview_vs_whole_sheet"}
    met = all(v <= 1.5 for v in target.values()) and metrics["xlsx_rows_read"] <= 201
    print(f"target (every ours/bare ratio <= 1.5, rows read <= 201): {'met' if met else 'NOT met'}")
    del app
    print(json.dumps({"bench": "preview", "metrics": metrics, "ratios": ratios},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
