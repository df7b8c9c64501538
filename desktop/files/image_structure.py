"""Walk JPEG markers and PNG chunks without Pillow: dimensions and where the image ends.

Used before any decoding, so that a decompression bomb is refused from its header alone,
a JPEG whose scans would take long or much memory to decode (a "scan bomb": a progressive
file with its last scan repeated hundreds of times) is refused from its markers alone, and
data hidden after the end of the image (polyglots) is found.  Never raises.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset([0x01, *range(0xD0, 0xD8)])


_PROGRESSIVE_SOF = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_COEFFICIENT_BYTES = 64 * 2  # one 8x8 block of 16-bit DCT coefficients


@dataclass(frozen=True)
class ImageLayout:
    width: int
    height: int
    end: int  # offset just after EOI / IEND; -1 when the end was not found
    scans: int = 0  # JPEG start-of-scan markers (progressive files have several)
    # What decoding costs, known before any decoding.  ``coefficient_bytes``: a progressive
    # or multi-scan JPEG keeps every DCT coefficient of the whole image while it decodes.
    # ``scan_blocks``: 8x8 blocks the JPEG decoder walks, summed over all scans.
    # ``pixel_bytes``: bytes a pixel of the decoded image takes in Pillow; ``converted``:
    # the web copy converts it to RGB first (CMYK, 16-bit grey), a second copy of 4 bytes.
    coefficient_bytes: int = 0
    scan_blocks: int = 0
    pixel_bytes: int = 4
    converted: bool = False

    @property
    def pixels(self) -> int:
        return self.width * self.height


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


@dataclass(frozen=True)
class _Component:
    ident: int
    h: int
    v: int


@dataclass
class _JpegCost:
    """Block counts from the frame header, charged scan by scan as the markers are walked."""

    width: int
    height: int
    components: dict[int, _Component]
    progressive: bool
    scan_blocks: int = 0

    @property
    def max_h(self) -> int:
        return max(c.h for c in self.components.values())

    @property
    def max_v(self) -> int:
        return max(c.v for c in self.components.values())

    def blocks(self, component: _Component) -> tuple[int, int]:
        wide = _ceil_div(_ceil_div(self.width * component.h, self.max_h), 8)
        high = _ceil_div(_ceil_div(self.height * component.v, self.max_v), 8)
        return wide, high

    def charge_scan(self, idents: list[int]) -> None:
        members = [self.components[i] for i in idents if i in self.components]
        if len(members) == 1:
            wide, high = self.blocks(members[0])
            self.scan_blocks += wide * high
        elif members:
            mcus = (_ceil_div(self.width, 8 * self.max_h)
                    * _ceil_div(self.height, 8 * self.max_v))
            self.scan_blocks += mcus * sum(c.h * c.v for c in members)

    @property
    def pixel_bytes(self) -> int:
        return 1 if len(self.components) == 1 else 4  # grey, or RGB/CMYK

    @property
    def converted(self) -> bool:
        return len(self.components) == 4  # CMYK: the web copy is converted to RGB

    def coefficient_bytes(self, scans: int) -> int:
        if not self.progressive and scans <= 1:
            return 0  # a single sequential scan is decoded row by row
        total = 0
        for component in self.components.values():
            wide, high = self.blocks(component)
            total += (_ceil_div(wide, component.h) * component.h
                      * _ceil_div(high, component.v) * component.v)
        return total * _COEFFICIENT_BYTES


def _frame(data: bytes, pos: int, marker: int) -> _JpegCost | None:
    """The frame header (SOFn) at ``pos`` (its length field); None when it is malformed."""
    if pos + 8 > len(data):
        return None
    height, width = struct.unpack_from(">HH", data, pos + 3)
    count = data[pos + 7]
    components: dict[int, _Component] = {}
    for index in range(count):
        at = pos + 8 + 3 * index
        if at + 2 > len(data):
            return None
        sampling = data[at + 1]
        components[data[at]] = _Component(data[at], max(1, sampling >> 4),
                                          max(1, sampling & 0x0F))
    if not components:
        return None
    return _JpegCost(width, height, components, marker in _PROGRESSIVE_SOF)


def _scan_components(data: bytes, pos: int) -> list[int]:
    if pos + 3 > len(data):
        return []
    count = data[pos + 2]
    return [data[pos + 3 + 2 * i] for i in range(count) if pos + 3 + 2 * i < len(data)]


def jpeg_layout(data: bytes) -> ImageLayout | None:
    """Dimensions from the first SOF, the offset after EOI and the cost of decoding the scans;
    None when not a JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return None
    width = height = scans = 0
    cost: _JpegCost | None = None
    pos = 2
    size = len(data)

    def layout(end: int) -> ImageLayout:
        if cost is None:
            return ImageLayout(width, height, end, scans)
        return ImageLayout(width, height, end, scans, cost.coefficient_bytes(scans),
                           cost.scan_blocks, cost.pixel_bytes, cost.converted)

    for _ in range(100_000):
        pos = data.find(b"\xff", pos)  # tolerate junk between segments, as decoders do
        if pos < 0:
            return layout(-1)
        while pos < size and data[pos] == 0xFF:
            pos += 1
        if pos >= size:
            return layout(-1)
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            return layout(pos)
        if marker in _STANDALONE:
            continue
        if pos + 2 > size:
            return layout(-1)
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2:
            return layout(-1)
        if marker in _SOF_MARKERS and not width and pos + 7 <= size:
            height, width = struct.unpack_from(">HH", data, pos + 3)
            cost = _frame(data, pos, marker)
        if marker == 0xDA:
            scans += 1
            if cost is not None:
                cost.charge_scan(_scan_components(data, pos))
        pos += length
        if marker == 0xDA:
            pos = _skip_entropy_data(data, pos)
    return layout(-1)


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


# Bytes per pixel of the image Pillow decodes a PNG into, by IHDR colour type (everything
# with colour or alpha is held in 4 bytes a pixel).  16-bit grey decodes to "I;16" (2 bytes)
# and the web copy converts it to RGB before scaling.  A PNG is always decoded at full size.
_PNG_PIXEL_BYTES = {0: 1, 2: 4, 3: 1, 4: 4, 6: 4}


def png_layout(data: bytes) -> ImageLayout | None:
    """Dimensions from IHDR and the offset after IEND; None when not a PNG."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or len(data) < 33:
        return None
    if data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack_from(">II", data, 16)
    bit_depth, colour_type = data[24], data[25]
    grey16 = colour_type == 0 and bit_depth == 16
    pixel_bytes = 2 if grey16 else _PNG_PIXEL_BYTES.get(colour_type, 4)
    pos = 8
    size = len(data)
    while pos + 12 <= size:
        (length,) = struct.unpack_from(">I", data, pos)
        chunk_type = data[pos + 4:pos + 8]
        pos += 12 + length
        if chunk_type == b"IEND":
            return ImageLayout(width, height, min(pos, size) if pos <= size else -1,
                               pixel_bytes=pixel_bytes, converted=grey16)
    return ImageLayout(width, height, -1, pixel_bytes=pixel_bytes, converted=grey16)
