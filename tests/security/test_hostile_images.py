"""Image decoding is bounded before it starts: the scan bomb of issue 10 and its relatives.

A progressive JPEG keeps every DCT coefficient of the image while its scans arrive, and the
decoder walks every block of a component once per scan; a 2 MB file with its last scan repeated
480 times took 20 s and 770 MB to inspect.  The cost is now worked out from the markers and the
file is refused before Pillow is asked to decode it: these tests check that the decoder is never
called (a counting wrapper around ``PIL.Image.open``) and that the estimates are the real sizes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FileKind, FilePolicy
from desktop.files.image_structure import jpeg_layout, png_layout
from desktop.files.images import JPEG_MAX_SCAN_BLOCKS, decode_memory, prepare_image
from desktop.files.intake import inspect_file
from desktop.services.attachments import attach_file
from tests.security.hostile_fixtures import Desk, desk  # noqa: F401
from tests.unit.files import builders as b
from tests.unit.files import hostile_builders as hb

MIB = 1024 * 1024


@pytest.fixture
def pillow_opens(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times Pillow was asked to open an image (the decoder's front door)."""
    calls: list[int] = []
    real_open: Callable[..., Any] = Image.open

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Image, "open", counting_open)
    return calls


@pytest.fixture(scope="module")
def scan_bomb() -> bytes:
    return hb.jpeg_scan_bomb(side=1600, repeats=480)


def test_the_scan_bomb_is_refused_from_its_markers_alone(
        scan_bomb: bytes, pillow_opens: list[int]) -> None:
    verdict = inspect_file(scan_bomb, "ภาพกิจกรรม.jpg")
    assert not verdict.accepted and verdict.reason_code == "image_decode_work"
    assert verdict.reason_params["scans"] == 498
    assert verdict.reason_params["blocks_m"] > JPEG_MAX_SCAN_BLOCKS / 1e6
    assert "498 สแกน" in verdict.reason("th") and "498 scans" in verdict.reason("en")
    assert pillow_opens == []


def test_attaching_the_scan_bomb_refuses_it_undecoded_and_saves_nothing(
        desk: Desk, scan_bomb: bytes, pillow_opens: list[int]) -> None:  # noqa: F811
    stored = desk.stored_files()
    with pytest.raises(UserError) as refused:
        attach_file(desk.ctx, desk.webmaster, desk.request_id, "ภาพกิจกรรม.jpg", scan_bomb)
    assert refused.value.code == "file_refused"
    assert refused.value.params["verdict"].reason_code == "image_decode_work"
    assert pillow_opens == []
    assert desk.stored_files() == stored


def test_prepare_image_refuses_the_scan_bomb_before_decoding(
        scan_bomb: bytes, pillow_opens: list[int]) -> None:
    with pytest.raises(UserError) as refused:
        prepare_image(scan_bomb, FilePolicy())
    assert refused.value.code == "image_decode_work" and pillow_opens == []


def test_a_progressive_jpeg_that_would_need_too_much_memory_is_refused_undecoded(
        pillow_opens: list[int]) -> None:
    # A real progressive CMYK file claiming 6000x6000: its coefficients alone are 275 MiB,
    # under Pillow's pixel limit (36 M pixels < 89 M) but over the decode budget (176 MiB).
    claiming = hb.with_frame_size(hb.progressive_jpeg(64, 64), 6000, 6000)
    layout = jpeg_layout(claiming)
    assert layout is not None and layout.coefficient_bytes == 6000 * 6000 * 4 * 2
    verdict = inspect_file(claiming, "poster.jpg")
    assert verdict.reason_code == "image_decode_memory"
    need = decode_memory(layout, FileKind.JPEG, FilePolicy())
    assert verdict.reason_params["need_mb"] == -(-need // 2**20) and need > 6000 * 6000 * 8
    assert verdict.reason_params["limit_mb"] == 176
    assert pillow_opens == []


def test_a_tall_narrow_jpeg_that_cannot_be_decoded_scaled_down_is_refused(
        pillow_opens: list[int]) -> None:
    # 1000x65000: narrower than the web copy, so draft() cannot scale it: 260 MB decoded.
    # The same pixel count in a wide photo is decoded at 1/4 scale and is fine.
    narrow = hb.with_frame_size(b.jpeg(64, 64), 1000, 65_000)
    wide = jpeg_layout(hb.with_frame_size(b.jpeg(64, 64), 10_000, 6_500))
    assert inspect_file(narrow, "x.jpg").reason_code == "image_decode_memory"
    assert wide is not None
    assert decode_memory(wide, FileKind.JPEG, FilePolicy()) < 64 * 2**20
    assert pillow_opens == []


def test_a_png_whose_frame_exceeds_the_budget_is_refused_undecoded(
        pillow_opens: list[int]) -> None:
    rgb = bytearray(b.png_claiming(8000, 7000))
    rgb[25] = 2  # colour type RGB: Pillow holds it in 4 bytes a pixel, 214 MiB
    rgb[29:33] = __import__("zlib").crc32(bytes(rgb[12:29])).to_bytes(4, "big")
    verdict = inspect_file(bytes(rgb), "map.png")
    assert verdict.reason_code == "image_decode_memory" and pillow_opens == []


@pytest.mark.parametrize(("subsampling", "coefficient_blocks"), [
    (2, 48 + 12 + 12),   # 4:2:0: luma 8x6 blocks, each chroma 4x3
    (0, 3 * 48),         # 4:4:4
])
def test_the_memory_estimate_is_the_decoders_coefficient_buffer(
        subsampling: int, coefficient_blocks: int) -> None:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", progressive=True,
                                            subsampling=subsampling)
    layout = jpeg_layout(buffer.getvalue())
    assert layout is not None and layout.scans > 1
    assert layout.coefficient_bytes == coefficient_blocks * 64 * 2


def test_a_single_scan_baseline_jpeg_needs_no_coefficient_buffer() -> None:
    layout = jpeg_layout(b.jpeg(640, 480))
    assert layout is not None and layout.scans == 1 and layout.coefficient_bytes == 0
    assert layout.scan_blocks == (80 * 60) + 2 * (40 * 30)  # one interleaved 4:2:0 scan


def test_the_scan_work_counts_every_block_of_every_scan() -> None:
    plain = jpeg_layout(hb.progressive_jpeg(160, 160))
    bomb = jpeg_layout(hb.jpeg_scan_bomb(side=160, repeats=100))
    assert plain is not None and bomb is not None
    assert bomb.scans == plain.scans + 100
    # the repeated scan is a single-component refinement scan: 20x20 blocks each time
    assert bomb.scan_blocks == plain.scan_blocks + 100 * 20 * 20


@pytest.mark.parametrize(("width", "height", "subsampling"), [
    (6000, 4000, 2),   # a 24-megapixel camera photo saved as progressive JPEG
    (6000, 4000, 0),   # the same at full colour resolution
    (7500, 5600, 2),   # 42 megapixels, about the largest 4:2:0 progressive allowed
])
def test_large_ordinary_progressive_photos_stay_within_both_budgets(
        width: int, height: int, subsampling: int) -> None:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (96, 64), "teal").save(buffer, "JPEG", progressive=True,
                                            subsampling=subsampling)
    layout = jpeg_layout(hb.with_frame_size(buffer.getvalue(), width, height))
    assert layout is not None
    assert decode_memory(layout, FileKind.JPEG, FilePolicy()) <= FilePolicy().image_max_decode_bytes
    assert layout.scan_blocks <= JPEG_MAX_SCAN_BLOCKS


def test_a_moderate_progressive_photo_is_accepted_and_prepared() -> None:
    data = b.jpeg(1600, 1200, progressive=True)
    verdict = inspect_file(data, "photo.jpg")
    assert verdict.accepted, verdict.reason("en")
    prepared = prepare_image(data, FilePolicy())
    assert prepared.web_width == 1600


def test_png_frame_estimates_follow_the_colour_type() -> None:
    grey = png_layout(b.png(320, 200, mode="L"))
    rgb = png_layout(b.png(320, 200, mode="RGB"))
    assert grey is not None and rgb is not None
    assert grey.pixel_bytes == 1 and rgb.pixel_bytes == 4
    # a PNG narrower than the web copy is decoded whole and not resampled
    assert decode_memory(rgb, FileKind.PNG, FilePolicy()) == 320 * 200 * 4
