"""One byte-size formatter for the whole app (desktop.domain.sizes)."""

from __future__ import annotations

from desktop.domain.request import AttachmentInfo
from desktop.domain.sizes import format_size


def test_sizes_in_bytes_kilobytes_megabytes_gigabytes() -> None:
    assert format_size(0) == "0 B"
    assert format_size(1023) == "1023 B"
    assert format_size(1023, "th") == "1023 ไบต์"
    assert format_size(1024) == "1.0 KB"
    assert format_size(1536, "th") == "1.5 KB"
    assert format_size(5 * 1024 * 1024) == "5.0 MB"
    assert format_size(3 * 1024 ** 3 // 2) == "1.5 GB"


def test_a_stored_jpeg_is_an_image_so_it_gets_caption_and_alt_text() -> None:
    def info(kind: str) -> AttachmentInfo:
        return AttachmentInfo(display_name=f"x.{kind}", web_name=f"x.{kind}", media_type="",
                              kind=kind,
                              size=1, sha256="0" * 64)

    assert info("jpg").is_image and info("png").is_image
    assert not info("pdf").is_image
