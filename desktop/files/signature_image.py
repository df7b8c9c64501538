"""A drawn signature (the optional picture beside a sign-off): cropped to its ink, kept as a
small PNG; anything else (not a picture, a huge canvas, nothing drawn) is refused.
Pillow is imported when a signature is trimmed: the sign-off services (and so the home screen
and the inbox) import this module at start, and Pillow costs ~0.1 s of the window's start."""

from __future__ import annotations

import io

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode

MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIDE = 4000          # pixels: the signature pad is far smaller; a bigger canvas is refused

class SignatureImageMessage(MessageCode):
    SIGNATURE_INVALID = (
        "signature_invalid",
        "ภาพลายมือชื่อไม่ถูกต้องหรือว่างเปล่า กรุณาลงลายมือชื่อใหม่",
        "The signature image is empty or invalid; please sign again.",
    )



def trim_signature_png(png: bytes) -> bytes:
    """Crop a drawn signature to its ink (Pillow ``getbbox``) and store it as PNG."""
    if not png or len(png) > MAX_SIGNATURE_BYTES * 8:
        raise UserError(SignatureImageMessage.SIGNATURE_INVALID)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.width > MAX_SIDE or image.height > MAX_SIDE:   # before decoding
                raise UserError(SignatureImageMessage.SIGNATURE_INVALID)
            image.load()
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UserError(SignatureImageMessage.SIGNATURE_INVALID) from exc
    box = rgba.getchannel("A").getbbox()
    if box is None:
        raise UserError(SignatureImageMessage.SIGNATURE_INVALID)
    pad = 4
    box = (max(box[0] - pad, 0), max(box[1] - pad, 0), min(box[2] + pad, rgba.width),
           min(box[3] + pad, rgba.height))
    out = io.BytesIO()
    rgba.crop(box).save(out, format="PNG", optimize=True)
    data = out.getvalue()
    if len(data) > MAX_SIGNATURE_BYTES:
        raise UserError(SignatureImageMessage.SIGNATURE_INVALID)
    return data
