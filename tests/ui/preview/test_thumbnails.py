"""Image thumbnails: DCT-scaled decode, EXIF orientation applied, cached by SHA-256 + size."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image

from desktop.files.render_cache import RenderCache
from desktop.services.file_preview import cached_thumbnail_png, image_thumbnail
from tests.unit.preview import samples


def rotated_jpeg() -> bytes:
    image = Image.new("RGB", (600, 400), "#336699")
    exif = image.getexif()
    exif[0x0112] = 6            # "rotate 90° clockwise to display"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_thumbnail_is_small_and_upright() -> None:
    thumb = image_thumbnail(rotated_jpeg(), 320)
    assert max(thumb.size) <= 320
    assert thumb.height > thumb.width                 # shown portrait, as the camera meant
    assert image_thumbnail(samples.png((640, 400)), 100).size == (100, 63)


def test_thumbnail_cache(tmp_path: Path) -> None:
    data = samples.jpeg((2000, 1000))
    sha = hashlib.sha256(data).hexdigest()
    cache = RenderCache(tmp_path)
    first = cached_thumbnail_png(data, sha, cache, 200)
    assert cache.get(sha, "thumb", 200, 200) == first
    assert cached_thumbnail_png(b"not used: comes from the cache", sha, cache, 200) == first
    assert Image.open(io.BytesIO(first)).size == (200, 100)
