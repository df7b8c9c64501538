"""JPEG and PNG: check (header, bomb limit, verify, decode) and prepare the copies to publish.

* :func:`check_image` is part of :func:`desktop.files.intake.inspect_file`.  The pixel count is
  read from the header *before* Pillow decodes anything, so a decompression bomb is refused at
  once, and so is an image whose decoding would hold more than ``image_max_decode_bytes`` or
  walk more than :data:`JPEG_MAX_SCAN_BLOCKS` blocks (a progressive "scan bomb"), both worked
  out from the markers; JPEGs are decoded through ``draft()`` (DCT scaling still reads every
  coded byte, so a truncated file is still caught, at a fraction of the cost).
* :func:`prepare_image` makes the web copy (EXIF orientation applied, scaled to the policy's
  maximum width, no EXIF/GPS/XMP/comments) and a thumbnail.  The original bytes are untouched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import ExifTags, Image

from desktop.domain.errors import UserError
from desktop.domain.file_policy import FileKind, FilePolicy
from desktop.files.findings import Findings, Refused
from desktop.files.image_structure import ImageLayout, jpeg_layout, png_layout
from desktop.files.sniff import sniff_foreign

_PILLOW_FORMATS = {FileKind.JPEG: ("JPEG", "MPO"), FileKind.PNG: ("PNG",)}
_ORIENTATION_TAG = 0x0112
_TRANSPOSE = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}
_TRAILING_SLACK = 16
MAX_JPEG_SCANS = 500  # progressive "scan bombs" decode very slowly; cameras use about 10
# 8x8 blocks the JPEG decoder may walk, summed over the scans (under a second of decoding on
# the reference machine).  A 24-megapixel progressive photo needs about 3 million; the largest
# progressive JPEG the default memory budget lets through (55 megapixels, 4:2:0) about 7
# million; the scan bomb of issue 10 (a 9000x9000 CMYK file with its last scan repeated 480
# times) about 640 million.
JPEG_MAX_SCAN_BLOCKS = 8_000_000
_TECHNICAL_INFO = frozenset({
    "dpi", "gamma", "srgb", "transparency", "chromaticity", "interlace", "aspect", "icc_profile",
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression",
    "adobe", "adobe_transform", "mp", "mpoffset", "mpentry", "default_image", "bbox", "loop",
    "duration", "disposal", "blend", "dqt", "dqt_tables",
})


@dataclass(frozen=True)
class PreparedImage:
    """The copies of an image that go on the website; ``original_*`` are as shown (oriented)."""

    web_bytes: bytes
    web_media_type: str
    web_width: int
    web_height: int
    thumbnail_bytes: bytes
    thumbnail_media_type: str
    thumbnail_width: int
    thumbnail_height: int
    original_width: int
    original_height: int
    orientation: int
    removed_metadata: tuple[str, ...]


def _layout(data: bytes, kind: FileKind) -> ImageLayout | None:
    return jpeg_layout(data) if kind is FileKind.JPEG else png_layout(data)


def _check_dimensions(layout: ImageLayout | None, kind: FileKind,
                      policy: FilePolicy) -> ImageLayout:
    if layout is None or layout.width <= 0 or layout.height <= 0:
        raise Refused("image_corrupt", detail="no image header (size unknown)")
    if layout.pixels > policy.image_max_pixels:
        raise Refused("image_bomb", width=layout.width, height=layout.height,
                      limit=policy.image_max_pixels)
    _check_decode_cost(layout, kind, policy)
    return layout


def _check_decode_cost(layout: ImageLayout, kind: FileKind, policy: FilePolicy) -> None:
    """Refuse, from the markers alone, an image whose decoding would take too much memory
    (:func:`decode_memory`) or time (scans)."""
    if layout.scans > MAX_JPEG_SCANS:
        raise Refused("image_corrupt", detail=f"{layout.scans} scans (at most {MAX_JPEG_SCANS})")
    need = decode_memory(layout, kind, policy)
    if need > policy.image_max_decode_bytes:
        raise Refused("image_decode_memory", width=layout.width, height=layout.height,
                      need_mb=_mib(need), limit_mb=_mib(policy.image_max_decode_bytes))
    if layout.scan_blocks > JPEG_MAX_SCAN_BLOCKS:
        raise Refused("image_decode_work", scans=layout.scans,
                      blocks_m=round(layout.scan_blocks / 1e6, 1),
                      limit_m=round(JPEG_MAX_SCAN_BLOCKS / 1e6, 1))


def decode_memory(layout: ImageLayout, kind: FileKind, policy: FilePolicy) -> int:
    """The most bytes the checks and the web copy hold at once for this image, the larger of
    two moments, for either orientation: while decoding, the JPEG coefficient buffer plus
    the image decoded at the scale it is decoded to (a JPEG through ``draft()`` at the
    smallest scale still as large as the web copy, a PNG at full size); then the decoded
    image, its RGB conversion if the web copy needs one, and the resampler's intermediate
    (web width x decoded height).  The check itself decodes a JPEG at 1/8 scale: smaller."""
    width, height = layout.width, layout.height
    fitted = _fit_width(width, height, policy.image_web_max_width)
    turned = _fit_width(height, width, policy.image_web_max_width)  # EXIF orientation 5-8
    most = 0
    for target_w, target_h in (fitted, (turned[1], turned[0])):
        scale = _draft_scale(width, height, target_w, target_h) if kind is FileKind.JPEG else 1
        out_w, out_h = -(-width // scale), -(-height // scale)
        frame = out_w * out_h * layout.pixel_bytes
        converted = out_w * out_h * 4 if layout.converted else 0
        resampled = target_w * out_h * 4 if (out_w, out_h) != (target_w, target_h) else 0
        most = max(most, layout.coefficient_bytes + frame, frame + converted + resampled)
    return most


def _draft_scale(width: int, height: int, target_w: int, target_h: int) -> int:
    """The DCT scale Pillow's ``draft()`` picks for this target (JpegImagePlugin)."""
    ratio = min(width // max(1, target_w), height // max(1, target_h))
    return next(scale for scale in (8, 4, 2, 1) if ratio >= scale or scale == 1)


def _mib(size: int) -> int:
    return -(-size // (1024 * 1024))


def _open(data: bytes, kind: FileKind, layout: ImageLayout, policy: FilePolicy) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=list(_PILLOW_FORMATS[kind]))
    except Image.DecompressionBombError:
        raise Refused("image_bomb", width=layout.width, height=layout.height,
                      limit=policy.image_max_pixels) from None
    width, height = image.size
    if width * height > policy.image_max_pixels:
        image.close()
        raise Refused("image_bomb", width=width, height=height, limit=policy.image_max_pixels)
    return image


def check_image(data: bytes, kind: FileKind, policy: FilePolicy, findings: Findings) -> None:
    """Refuse (raise :class:`Refused`) unless ``data`` is a whole, decodable, sane image."""
    layout = _check_dimensions(_layout(data, kind), kind, policy)
    if layout.end < 0:
        raise Refused("image_corrupt", detail="the end of the image is missing (truncated)")
    _check_trailing(data[layout.end:], findings)
    try:
        with _open(data, kind, layout, policy) as image:
            image.verify()
        with _open(data, kind, layout, policy) as image:
            metadata = _metadata(image)
            orientation = _orientation(image)
            if kind is FileKind.JPEG:
                image.draft(image.mode if image.mode in ("L", "RGB") else "RGB",
                            (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
            findings.details.update(width=layout.width, height=layout.height,
                                    format=image.format, mode=image.mode,
                                    orientation=orientation, metadata=list(metadata))
    except Refused:
        raise
    except Image.DecompressionBombError:
        raise Refused("image_bomb", width=layout.width, height=layout.height,
                      limit=policy.image_max_pixels) from None
    except Exception as error:  # noqa: BLE001  (any decoder failure is a verdict)
        raise Refused("image_corrupt", detail=_short(error)) from None
    if "gps" in metadata:
        findings.warn("warn_image_gps")
    if metadata - {"icc"}:
        findings.warn("warn_image_metadata")


def _check_trailing(trailing: bytes, findings: Findings) -> None:
    stripped = trailing.strip(b"\x00 \t\r\n")
    if len(stripped) <= _TRAILING_SLACK:
        return
    hidden = sniff_foreign(stripped[:4096])
    if stripped.startswith((b"PK\x03\x04", b"PK\x05\x06", b"%PDF-", b"Rar!")):
        raise Refused("file_polyglot", actual="archive or document after the image")
    if hidden.family in ("executable", "script", "markup"):
        raise Refused("file_polyglot", actual=hidden.label)
    findings.warn("warn_image_trailing_data")
    findings.details["trailing_bytes"] = len(trailing)


def _metadata(image: Image.Image) -> set[str]:
    found: set[str] = set()
    exif = image.getexif()
    if len(exif):
        found.add("exif")
        try:
            if exif.get_ifd(ExifTags.IFD.GPSInfo):
                found.add("gps")
        except Exception:  # noqa: BLE001  (a broken GPS IFD is still metadata to strip)
            found.add("gps")
    info_keys = {str(key).lower() for key in image.info}
    if "xmp" in info_keys or "xml:com.adobe.xmp" in info_keys:
        found.add("xmp")
    if "exif" in info_keys:
        found.add("exif")
    if "comment" in info_keys:
        found.add("comment")
    if info_keys - _TECHNICAL_INFO - {"xmp", "xml:com.adobe.xmp", "comment", "exif"}:
        found.add("text")
    if "icc_profile" in info_keys:
        found.add("icc")
    return found


def _orientation(image: Image.Image) -> int:
    try:
        value = int(image.getexif().get(_ORIENTATION_TAG, 1))
    except (TypeError, ValueError):
        return 1
    return value if value in range(1, 9) else 1


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text[:200]


def _fit_width(width: int, height: int, max_width: int) -> tuple[int, int]:
    if width <= max_width:
        return width, height
    return max_width, max(1, round(height * max_width / width))


def prepare_image(data: bytes, policy: FilePolicy) -> PreparedImage:
    """Web copy and thumbnail of a JPEG or PNG (raises UserError for a bad image)."""
    kind = FileKind.JPEG if data[:3] == b"\xff\xd8\xff" else FileKind.PNG
    try:
        layout = _check_dimensions(_layout(data, kind), kind, policy)
        return _prepare(data, kind, layout, policy)
    except Refused as refusal:
        raise UserError(refusal.code, **refusal.params) from None
    except Image.DecompressionBombError:
        raise UserError("image_bomb", width=0, height=0, limit=policy.image_max_pixels) from None
    except Exception as error:  # noqa: BLE001
        raise UserError("image_corrupt", detail=_short(error)) from None


def _prepare(data: bytes, kind: FileKind, layout: ImageLayout,
             policy: FilePolicy) -> PreparedImage:
    with _open(data, kind, layout, policy) as image:
        removed = tuple(sorted(_metadata(image) - {"icc"}))
        orientation = _orientation(image)
        icc = image.info.get("icc_profile")
        swapped = orientation in (5, 6, 7, 8)
        shown_w, shown_h = (image.height, image.width) if swapped else image.size
        web_w, web_h = _fit_width(shown_w, shown_h, policy.image_web_max_width)
        stored_target = (web_h, web_w) if swapped else (web_w, web_h)
        if kind is FileKind.JPEG:
            image.draft("RGB" if image.mode not in ("L", "RGB") else image.mode, stored_target)
        image.load()
        web = _web_mode(image)
        if web.size != stored_target:
            web = web.resize(stored_target, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for method in _TRANSPOSE.get(orientation, ()):
            web = web.transpose(method)
    web.info = {}
    web_bytes, media_type = _encode(web, kind, policy, icc)
    thumb = web.copy()
    thumb.thumbnail((policy.thumbnail_max_side, policy.thumbnail_max_side),
                    Image.Resampling.LANCZOS, reducing_gap=3.0)
    thumb.info = {}
    thumb_bytes, thumb_type = _encode(thumb, kind, policy, icc)
    return PreparedImage(
        web_bytes=web_bytes, web_media_type=media_type, web_width=web.width,
        web_height=web.height, thumbnail_bytes=thumb_bytes, thumbnail_media_type=thumb_type,
        thumbnail_width=thumb.width, thumbnail_height=thumb.height,
        original_width=shown_w, original_height=shown_h, orientation=orientation,
        removed_metadata=removed,
    )


def _web_mode(image: Image.Image) -> Image.Image:
    if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA"):
        return image
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _encode(image: Image.Image, kind: FileKind, policy: FilePolicy,
            icc: bytes | None) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if kind is FileKind.JPEG:
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=policy.image_web_jpeg_quality, **extra)
        return buffer.getvalue(), "image/jpeg"
    image.save(buffer, "PNG", compress_level=6, **extra)
    return buffer.getvalue(), "image/png"
