"""Walk JPEG markers and PNG chunks without Pillow: dimensions and where the image ends.

Used before any decoding, so that a decompression bomb is refused from its header alone
and data hidden after the end of the image (polyglots) is found.  Never raises.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset([0x01, *range(0xD0, 0xD8)])


@dataclass(frozen=True)
class ImageLayout:
    width: int
    height: int
    end: int  # offset just after EOI / IEND; -1 when the end was not found
    scans: int = 0  # JPEG start-of-scan markers (progressive files have several)

    @property
    def pixels(self) -> int:
        return self.width * self.height


def jpeg_layout(data: bytes) -> ImageLayout | None:
    """Dimensions from the first SOF and the offset after EOI; None when not a JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return None
    width = height = scans = 0
    pos = 2
    size = len(data)
    for _ in range(100_000):
        pos = data.find(b"\xff", pos)  # tolerate junk between segments, as decoders do
        if pos < 0:
            return ImageLayout(width, height, -1, scans)
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            return ImageLayout(width, height, -1, scans)
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return ImageLayout(width, height, pos, scans)
        if marker in _STANDALONE:
            continue
        if pos + 2 > size:
            return ImageLayout(width, height, -1, scans)
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2:
            return ImageLayout(width, height, -1, scans)
        if marker in _SOF_MARKERS and not width and pos + 7 <= size:
            height, width = struct.unpack_from(">HH", data, pos + 3)
        pos += length
        if marker == 0xDA:
            scans += 1
            pos = _skip_entropy_data(data, pos)
    return ImageLayout(width, height, -1, scans)


def _skip_entropy_data(data: bytes, pos: int) -> int:
    """The offset of the next real marker's 0xFF after entropy-coded data."""
    size = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= size:
            return size
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1
            continue
        return pos


def png_layout(data: bytes) -> ImageLayout | None:
    """Dimensions from IHDR and the offset after IEND; None when not a PNG."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 33:
        return None
    if data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack_from(">II", data, 16)
    pos = 8
    size = len(data)
    while pos + 12 <= size:
        (length,) = struct.unpack_from(">I", data, pos)
        chunk_type = data[pos + 4:pos + 8]
        pos += 12 + length
        if chunk_type == b"IEND":
            return ImageLayout(width, height, min(pos, size) if pos <= size else -1)
    return ImageLayout(width, height, -1)
