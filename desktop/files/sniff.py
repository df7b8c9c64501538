"""Recognise a file by its first bytes: the allowed families, and what must never get through.

:func:`sniff` never raises for any input.  Families of allowed content are ``pdf``, ``jpeg``,
``png``, ``zip``, ``ole2`` and ``rar``; the structure checks in the sibling modules decide the
rest (e.g. whether a zip is a real .docx).  Foreign content carries a human label.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

ALLOWED_FAMILIES = ("pdf", "jpeg", "png", "zip", "ole2", "rar")

FAMILY_LABELS = {
    "pdf": "PDF document",
    "jpeg": "JPEG image",
    "png": "PNG image",
    "zip": "ZIP archive",
    "ole2": "legacy Office (OLE2) file",
    "rar": "RAR archive",
}

RAR4_SIGNATURE = b"Rar!\x1a\x07\x00"
RAR5_SIGNATURE = b"Rar!\x1a\x07\x01\x00"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_EXECUTABLE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable (MZ/PE)"),
    (b"\xfe\xed\xfa\xce", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O universal binary or Java class"),
    (b"\x00asm", "WebAssembly module"),
    (b"dex\n", "Android DEX"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", "Windows shortcut (.lnk)"),
    (b"MSCF", "Windows cabinet"),
)

_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"{\\rtf", "RTF document"),
    (b"%!PS", "PostScript document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "Windows icon"),
    (b"8BPS", "Photoshop image"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

_MARKUP_PREFIXES: tuple[tuple[str, str], ...] = (
    ("<?php", "script:PHP script"),
    ("<!doctype html", "markup:HTML page"),
    ("<html", "markup:HTML page"),
    ("<head", "markup:HTML page"),
    ("<body", "markup:HTML page"),
    ("<script", "markup:HTML/JavaScript"),
    ("<iframe", "markup:HTML page"),
    ("<svg", "markup:SVG image (may carry scripts)"),
    ("<?xml", "markup:XML document"),
    ("<!--", "markup:HTML/XML document"),
    ("<%", "script:server page script"),
)

_SCRIPT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("@echo", "Windows batch script"),
    ("rem ", "Windows batch script"),
    ("powershell", "PowerShell script"),
    ("param(", "PowerShell script"),
    ("set-executionpolicy", "PowerShell script"),
    ("wscript.", "Windows Script Host script"),
    ("createobject(", "VBScript"),
    ("dim ", "VBScript"),
    ("function ", "JavaScript"),
    ("var ", "JavaScript"),
    ("const ", "JavaScript"),
    ("let ", "JavaScript"),
    ("document.", "JavaScript"),
    ("window.", "JavaScript"),
    ("eval(", "JavaScript"),
    ("import ", "Python or JavaScript source"),
    ("mime-version:", "MIME web archive (MHT)"),
)


@dataclass(frozen=True)
class Sniffed:
    """``family``: an allowed family, or executable/script/markup/other/unknown."""

    family: str
    label: str

    @property
    def allowed(self) -> bool:
        return self.family in ALLOWED_FAMILIES


def sniff(data: bytes) -> Sniffed:
    head = bytes(data[:4096])
    if head.startswith(b"%PDF-"):
        return Sniffed("pdf", FAMILY_LABELS["pdf"])
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("jpeg", FAMILY_LABELS["jpeg"])
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("png", FAMILY_LABELS["png"])
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Sniffed("zip", FAMILY_LABELS["zip"])
    if head.startswith(OLE2_SIGNATURE):
        return Sniffed("ole2", FAMILY_LABELS["ole2"])
    if head.startswith((RAR4_SIGNATURE, RAR5_SIGNATURE)):
        return Sniffed("rar", FAMILY_LABELS["rar"])
    return sniff_foreign(head)


def sniff_foreign(head: bytes) -> Sniffed:
    """What a not-allowed file is, as precisely as cheaply possible."""
    for magic, label in _EXECUTABLE_MAGIC:
        if head.startswith(magic):
            return Sniffed("executable", label)
    if head.startswith(b"#!"):
        return Sniffed("script", "script with #! interpreter line")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed("other", "WebP image")
    if head.startswith(b"BM") and len(head) >= 14 and _looks_like_bmp(head):
        return Sniffed("other", "BMP image")
    if head[4:8] == b"ftyp":
        return Sniffed("other", "MP4/HEIF media")
    for magic, label in _OTHER_MAGIC:
        if head.startswith(magic):
            return Sniffed("other", label)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:32].lower()
    for prefix, tagged in _MARKUP_PREFIXES:
        if start.startswith(prefix.encode()):
            family, label = tagged.split(":", 1)
            return Sniffed(family, label)
    text = _as_text(head)
    if text is None:
        if b"%PDF-" in head[:1024]:
            return Sniffed("other", "data with an embedded PDF header")
        return Sniffed("unknown", "unrecognised data")
    return _classify_text(text)


def _looks_like_bmp(head: bytes) -> bool:
    (declared_size,) = struct.unpack_from("<I", head, 2)
    return declared_size > 14 and head[6:10] == b"\x00\x00\x00\x00"


def _as_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", "ignore")
        except (UnicodeDecodeError, ValueError):
            return None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", "ignore")
    if not text:
        return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\x1b")
    if controls > len(text) // 100:
        return None
    return text


def _classify_text(text: str) -> Sniffed:
    lowered = text.lstrip().lower()
    for prefix, tagged in _MARKUP_PREFIXES:
        if lowered.startswith(prefix):
            family, label = tagged.split(":", 1)
            return Sniffed(family, label)
    for prefix, label in _SCRIPT_PREFIXES:
        if lowered.startswith(prefix):
            return Sniffed("script", label)
    for needle in ("<script", "<html", "<iframe", "<svg", "javascript:", "<?php"):
        if needle in lowered:
            return Sniffed("markup", "text with embedded HTML/script")
    if "%pdf-" in lowered[:1024]:
        return Sniffed("other", "text with an embedded PDF header")
    return Sniffed("other", "plain text")


def appended_zip(data: bytes) -> bool:
    """True when a zip central directory ends exactly at the end of ``data`` (zip polyglot)."""
    view = memoryview(data)
    window_start = max(0, len(data) - 65_557)
    position = bytes(view[window_start:]).rfind(b"PK\x05\x06")
    while position >= 0:
        absolute = window_start + position
        if absolute + 22 <= len(data):
            (comment_length,) = struct.unpack_from("<H", data, absolute + 20)
            cd_size, cd_offset = struct.unpack_from("<II", data, absolute + 12)
            ends_exactly = absolute + 22 + comment_length == len(data)
            cd_start = absolute - cd_size
            if ends_exactly and cd_start >= 0 and (
                bytes(view[cd_start:cd_start + 4]) == b"PK\x01\x02" or cd_size == 0
            ):
                return True
            if ends_exactly and 0 <= cd_offset < len(data) - 4 and (
                bytes(view[cd_offset:cd_offset + 4]) == b"PK\x01\x02"
            ):
                return True
        if position == 0:
            break
        position = bytes(view[window_start:window_start + position]).rfind(b"PK\x05\x06")
    return False


def hidden_content(data: bytes, family: str) -> str | None:
    """The label of another format hiding in a file of ``family`` (a polyglot), if any."""
    if family != "zip" and appended_zip(data):
        return "ZIP archive appended"
    if family not in ("pdf", "zip") and b"%PDF-" in bytes(data[:1024]):
        return "PDF header inside"
    return None
