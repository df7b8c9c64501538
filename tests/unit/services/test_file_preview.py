"""desktop.services.file_preview: what a file shows in the preview (never an exception: an
unreadable file says why in Thai and English), and thumbnails through this PC's cache."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from PIL import Image

from desktop.reports.demo_samples import sample_pdf, sample_photo, sample_workbook
from desktop.services.file_preview import (
    ArchiveContent,
    ImageContent,
    PdfContent,
    PreviewSource,
    RenderCache,
    SheetsContent,
    UnreadableContent,
    cached_thumbnail_png,
    preview_content,
)
from tests.unit.services.support import has_thai


def test_each_kind_of_file_gets_its_own_content() -> None:
    pdf = sample_pdf("ประกาศ", 1)
    shown = preview_content(PreviewSource("ประกาศ.pdf", data=pdf))
    assert isinstance(shown, PdfContent) and shown.sha256 == hashlib.sha256(pdf).hexdigest()
    photo = preview_content(PreviewSource("ภาพ.jpg", data=sample_photo(2, (800, 600))))
    assert isinstance(photo, ImageContent)
    assert (photo.original_width, photo.original_height) == (800, 600)
    sheet = preview_content(PreviewSource("สรุป.xlsx", data=sample_workbook("สรุปข้อมูล")))
    assert isinstance(sheet, SheetsContent)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("เอกสาร/ประกาศ.txt", "ข้อความ")
    listing = preview_content(PreviewSource("ชุดเอกสาร.zip", data=packed.getvalue()))
    assert isinstance(listing, ArchiveContent) and listing.format == "ZIP"
    assert [e.name for e in listing.entries] == ["เอกสาร/ประกาศ.txt"]


def test_a_damaged_or_missing_file_says_why(tmp_path: Path) -> None:
    broken = preview_content(PreviewSource("ภาพ.jpg", data=b"\xff\xd8\xff\xe0 broken"))
    assert isinstance(broken, UnreadableContent) and has_thai(broken.message.th)
    unknown = preview_content(PreviewSource("x.bin", data=b"\x7fELF\x02\x01\x01" + b"\0" * 64))
    assert isinstance(unknown, UnreadableContent) and unknown.message.en
    missing = preview_content(PreviewSource("หาย.pdf", path=tmp_path / "missing.pdf"))
    assert isinstance(missing, UnreadableContent) and has_thai(missing.message.th)


def test_a_thumbnail_is_made_once_then_read_from_the_cache(tmp_path: Path) -> None:
    photo = sample_photo(4, (1200, 800))
    sha = hashlib.sha256(photo).hexdigest()
    cache = RenderCache(tmp_path / "cache")
    png = cached_thumbnail_png(photo, sha, cache, 160)
    with Image.open(io.BytesIO(png)) as image:
        assert max(image.size) == 160 and image.format == "PNG"
    assert cache.get(sha, "thumb", 160, 160) == png
    assert cached_thumbnail_png(b"not even read", sha, cache, 160) == png   # a cache hit
    assert cached_thumbnail_png(photo, sha, None, 160) == png                # no cache
