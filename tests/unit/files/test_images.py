"""Image intake: the web copy is oriented, scaled and stripped; the original is untouched."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FilePolicy
from desktop.files.images import prepare_image
from desktop.files.intake import inspect_file

from . import builders as b


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_web_copy_is_scaled_to_the_policy_width_and_thumbnail_is_bounded() -> None:
    original = b.jpeg(3000, 2000)
    prepared = prepare_image(original, FilePolicy(image_web_max_width=1200,
                                                  thumbnail_max_side=200))
    web = _open(prepared.web_bytes)
    thumb = _open(prepared.thumbnail_bytes)
    assert web.size == (1200, 800) == (prepared.web_width, prepared.web_height)
    assert max(thumb.size) == 200 and thumb.size == (prepared.thumbnail_width,
                                                     prepared.thumbnail_height)
    assert (prepared.original_width, prepared.original_height) == (3000, 2000)
    assert web.format == "JPEG" and prepared.web_media_type == "image/jpeg"


def test_gps_exif_xmp_and_comments_are_stripped_but_original_kept() -> None:
    original = b.jpeg(800, 600, gps=True, comment=b"secret location")
    before = bytes(original)
    assert inspect_file(original, "gps.jpg").warnings == ("warn_image_gps",
                                                          "warn_image_metadata")
    prepared = prepare_image(original, FilePolicy())
    assert original == before
    assert {"exif", "gps", "comment"} <= set(prepared.removed_metadata)
    for data in (prepared.web_bytes, prepared.thumbnail_bytes):
        copy = _open(data)
        assert len(copy.getexif()) == 0
        assert not copy.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "comment" not in copy.info and "xmp" not in copy.info
        assert b"secret location" not in data and b"CameraMaker" not in data


def test_exif_orientation_is_applied_to_the_web_copy() -> None:
    original = b.jpeg(400, 200, orientation=6)  # stored landscape, shown portrait
    prepared = prepare_image(original, FilePolicy())
    assert (prepared.web_width, prepared.web_height) == (200, 400)
    assert _open(prepared.web_bytes).size == (200, 400)
    assert prepared.orientation == 6


def test_png_with_alpha_stays_png_and_keeps_transparency() -> None:
    prepared = prepare_image(b.png(2000, 1000, mode="RGBA", text=True), FilePolicy())
    web = _open(prepared.web_bytes)
    assert prepared.web_media_type == "image/png" and web.mode == "RGBA"
    assert web.size == (1600, 800)
    assert "Author" not in web.info and "text" in prepared.removed_metadata


def test_small_images_are_not_enlarged() -> None:
    prepared = prepare_image(b.jpeg(300, 100), FilePolicy())
    assert (prepared.web_width, prepared.web_height) == (300, 100)


@pytest.mark.parametrize("data, code", [
    (b.png_claiming(100_000, 100_000), "image_bomb"),
    (b.jpeg(640, 480)[:2000], "image_corrupt"),
    (b"\xff\xd8\xff\xe0", "image_corrupt"),
])
def test_bad_images_raise_user_errors_not_tracebacks(data: bytes, code: str) -> None:
    with pytest.raises(UserError) as raised:
        prepare_image(data, FilePolicy())
    assert raised.value.code == code


def test_inspection_details_report_the_size_and_pages() -> None:
    verdict = inspect_file(b.jpeg(640, 480), "a.jpg")
    assert verdict.details["width"] == 640 and verdict.details["height"] == 480
    assert inspect_file(b.pdf(3), "a.pdf").details["pages"] == 3
