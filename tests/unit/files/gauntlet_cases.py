"""The bad-file gauntlet: (id, display name, content factory, expected outcome) for >150 files.

``expected`` is ``"accepted"``, a reason code, or a set of reason codes where several specific
reasons are equally right (e.g. a random bit flip may break the header or the pixel data).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from . import builders as b

ACCEPTED = "accepted"


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    make: Callable[[], bytes]
    expected: str | frozenset[str]
    policy: dict[str, object] | None = None


@cache
def _jpeg() -> bytes:
    return b.jpeg(800, 600)


@cache
def _png() -> bytes:
    return b.png(400, 300)


@cache
def _pdf() -> bytes:
    return b.pdf(2)


@cache
def _docx() -> bytes:
    return b.docx()


@cache
def _xlsx() -> bytes:
    return b.xlsx()


def _flip(data: bytes, position: int, mask: int = 0xFF) -> bytes:
    out = bytearray(data)
    out[position % len(out)] ^= mask
    return bytes(out)


def _patch_zip_name(data: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new)
    return data.replace(old, new)


def _zeros_zip(size: int) -> bytes:
    return b.zip_of({"zeros.bin": b"\x00" * size})


def good_cases() -> list[Case]:
    return [
        Case("jpeg", "photo.jpg", _jpeg, ACCEPTED),
        Case("jpeg-upper-ext", "PHOTO.JPG", _jpeg, ACCEPTED),
        Case("jpeg-jpeg-ext", "photo.jpeg", _jpeg, ACCEPTED),
        Case("jpeg-gps", "gps.jpg", lambda: b.jpeg(gps=True), ACCEPTED),
        Case("jpeg-rotated", "rotated.jpg", lambda: b.jpeg(orientation=6), ACCEPTED),
        Case("jpeg-progressive", "prog.jpg", lambda: b.jpeg(progressive=True), ACCEPTED),
        Case("jpeg-gray", "gray.jpg", lambda: b.jpeg(mode="L"), ACCEPTED),
        Case("jpeg-cmyk", "cmyk.jpg", lambda: b.jpeg(mode="CMYK"), ACCEPTED),
        Case("jpeg-comment", "comment.jpg", lambda: b.jpeg(comment=b"made by hand"), ACCEPTED),
        Case("jpeg-tiny", "tiny.jpg", lambda: b.jpeg(1, 1), ACCEPTED),
        Case("png", "chart.png", _png, ACCEPTED),
        Case("png-rgba", "alpha.png", lambda: b.png(mode="RGBA"), ACCEPTED),
        Case("png-palette", "palette.png", lambda: b.png(mode="P"), ACCEPTED),
        Case("png-gray", "gray.png", lambda: b.png(mode="L"), ACCEPTED),
        Case("png-16bit", "deep.png", lambda: b.png(mode="I;16"), ACCEPTED),
        Case("png-text", "text.png", lambda: b.png(text=True), ACCEPTED),
        Case("png-1bit", "bw.png", lambda: b.png(mode="1"), ACCEPTED),
        Case("pdf", "report.pdf", _pdf, ACCEPTED),
        Case("pdf-many-pages", "book.pdf", lambda: b.pdf(12), ACCEPTED),
        Case("pdf-owner-password", "locked.pdf", lambda: b.pdf(owner_password="o"), ACCEPTED),
        Case("pdf-javascript", "js.pdf", lambda: b.pdf(javascript=True), ACCEPTED),
        Case("pdf-user-password-allowed", "pw.pdf", lambda: b.pdf(user_password="u"),
             ACCEPTED, {"refuse_password_pdf": False}),
        Case("docx", "letter.docx", _docx, ACCEPTED),
        Case("docx-template", "letter.docx", lambda: b.docx(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"),
             ACCEPTED),
        Case("xlsx", "budget.xlsx", _xlsx, ACCEPTED),
        Case("doc", "old.doc", b.doc, ACCEPTED),
        Case("doc-v4", "old4.doc", lambda: b.ole({"WordDocument": b"x" * 5000}, shift=12),
             ACCEPTED),
        Case("xls", "old.xls", b.xls, ACCEPTED),
        Case("zip", "bundle.zip", lambda: b.zip_of({"a.pdf": _pdf(), "b/c.jpg": _jpeg()}),
             ACCEPTED),
        Case("zip-stored", "stored.zip", lambda: b.zip_of({"a.txt": b"x"}, zipfile.ZIP_STORED),
             ACCEPTED),
        Case("zip-empty", "empty.zip", lambda: b.zip_of({}), ACCEPTED),
        Case("zip-folders", "dirs.zip", lambda: b.zip_of({"a/": b"", "a/b/": b"",
                                                           "a/b/c.txt": b"c"}), ACCEPTED),
        Case("zip-nested-once", "nested.zip", lambda: b.nested_zip(2), ACCEPTED),
        Case("zip-with-docx", "docs.zip", lambda: b.zip_of({"letter.docx": _docx()}), ACCEPTED),
        Case("zip-with-rar", "mixed.zip", lambda: b.zip_of({"x.rar": b.rar5({"a.txt": b"a"})}),
             ACCEPTED),
        Case("zip-thai-names", "thai.zip", lambda: b.zip_of({"ประกาศ.pdf": _pdf()}), ACCEPTED),
        Case("zip-exe-allowed", "tools.zip", lambda: b.zip_of({"setup.exe": b.PE}), ACCEPTED,
             {"refuse_archive_executables": False}),
        Case("zip-compressible-text", "log.zip", lambda: b.zip_of(
            {"log.txt": b"2569-01-01 line of a log file with some text\n" * 20000}), ACCEPTED),
        Case("rar5", "files.rar", lambda: b.rar5({"a.txt": b"hello", "b.pdf": b"%PDF"}),
             ACCEPTED),
        Case("rar4", "old.rar", lambda: b.rar4({"a.txt": b"hello"}), ACCEPTED),
        Case("rar5-empty", "empty.rar", lambda: b.rar5({}), ACCEPTED),
    ]


def name_cases() -> list[Case]:
    """Hostile names on good content: accepted, with a cleaned display name."""
    return [
        Case("name-dotdot", "../../etc/passwd.pdf", _pdf, ACCEPTED),
        Case("name-backslash", "..\\..\\windows\\x.pdf", _pdf, ACCEPTED),
        Case("name-nul", "re\x00port.pdf", _pdf, ACCEPTED),
        Case("name-control", "re\x01\x1b[31mport\x7f.pdf", _pdf, ACCEPTED),
        Case("name-newline", "line\nbreak.pdf", _pdf, ACCEPTED),
        Case("name-300", "ก" * 300 + ".pdf", _pdf, ACCEPTED),
        Case("name-300-ascii", "a" * 300 + ".jpg", _jpeg, ACCEPTED),
        Case("name-nfd-thai", "ป\u0e31\u0e49ายประกาศ.pdf", _pdf, ACCEPTED),
        Case("name-nfd-latin", "cafe\u0301.pdf", _pdf, ACCEPTED),
        Case("name-emoji", "🎉 งานวัด 🎊.jpg", _jpeg, ACCEPTED),
        Case("name-emoji-zwj", "👨\u200d👩\u200d👧.png", _png, ACCEPTED),
        Case("name-rtl-override", "report\u202egpj.pdf", _pdf, ACCEPTED),
        Case("name-leading-dots", "...hidden.pdf", _pdf, ACCEPTED),
        Case("name-spaces", "   spaced   name   .pdf", _pdf, ACCEPTED),
        Case("name-windows-reserved", "CON.pdf", _pdf, ACCEPTED),
        Case("name-double-ext-pdf-exe", "invoice.pdf.exe", lambda: b.PE, "file_executable"),
        Case("name-double-ext-exe-pdf", "invoice.exe.pdf", _pdf, ACCEPTED),
        Case("name-only-slashes", "////", _pdf, "file_no_extension"),
        Case("name-empty", "", _pdf, "file_no_extension"),
        Case("name-no-extension", "report", _pdf, "file_no_extension"),
        Case("name-trailing-dot", "report.pdf.", _pdf, ACCEPTED),
        Case("name-unicode-ext", "report.ｐｄｆ", _pdf, "file_no_extension"),
    ]


_FOREIGN = {
    "elf": (b.ELF, "file_executable"),
    "pe": (b.PE, "file_executable"),
    "macho": (b.MACHO, "file_executable"),
    "shell": (b.SHELL, "file_script"),
    "python": (b.PYTHON, "file_script"),
    "batch": (b.BATCH, "file_script"),
    "powershell": (b.POWERSHELL, "file_script"),
    "html": (b.HTML, "file_markup"),
    "svg": (b.SVG, "file_markup"),
    "javascript": (b.JAVASCRIPT, "file_script"),
    "php": (b.PHP, "file_script"),
    "lnk": (b.LNK, "file_executable"),
    "wasm": (b.WASM, "file_executable"),
}


def renamed_executable_cases() -> list[Case]:
    cases = []
    for label, (content, code) in _FOREIGN.items():
        for ext in ("pdf", "jpg", "docx", "zip"):
            cases.append(Case(f"{label}-as-{ext}", f"innocent.{ext}",
                              lambda content=content: content, code))
    return cases


def empty_cases() -> list[Case]:
    return [Case(f"empty-{ext}", f"empty.{ext}", lambda: b"", "file_empty")
            for ext in ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "png", "zip", "rar", "txt")]


def image_cases() -> list[Case]:
    jpeg_cuts = [Case(f"jpeg-truncated-{pct}", "cut.jpg",
                      lambda pct=pct: _jpeg()[: len(_jpeg()) * pct // 100], "image_corrupt")
                 for pct in (5, 25, 50, 75, 95, 99)]
    png_cuts = [Case(f"png-truncated-{pct}", "cut.png",
                     lambda pct=pct: _png()[: len(_png()) * pct // 100], "image_corrupt")
                for pct in (10, 30, 50, 70, 90, 99)]
    return jpeg_cuts + png_cuts + [
        Case("jpeg-magic-only", "magic.jpg", lambda: b"\xff\xd8\xff", "image_corrupt"),
        Case("jpeg-two-bytes", "two.jpg", lambda: b"\xff\xd8", "file_unknown_type"),
        Case("jpeg-no-eoi", "noeoi.jpg", lambda: _jpeg()[:-2], "image_corrupt"),
        Case("jpeg-zero-size", "zero.jpg", lambda: b.jpeg_claiming(0, 0), "image_corrupt"),
        Case("jpeg-bomb-header", "bomb.jpg", lambda: b.jpeg_claiming(60000, 60000),
             "image_bomb"),
        Case("jpeg-over-policy", "big.jpg", lambda: b.jpeg(400, 300), "image_bomb",
             {"image_max_pixels": 10_000}),
        Case("jpeg-bad-sof", "badsof.jpg", lambda: _flip(_jpeg(), _jpeg().find(b"\xff\xc0") + 9),
             frozenset({"image_corrupt", ACCEPTED})),
        Case("jpeg-bad-huffman", "badhuff.jpg", lambda: _flip(
            _jpeg(), _jpeg().find(b"\xff\xc4") + 10), frozenset({"image_corrupt", ACCEPTED})),
        Case("jpeg-garbage-after-sos", "garbage.jpg", lambda: _jpeg()[:_jpeg().find(b"\xff\xda")]
             + b"\xff\xda\x00\x0c" + b"\x00" * 10 + b"\xff\xd9", "image_corrupt"),
        Case("jpeg-scan-bomb", "scans.jpg", lambda: _jpeg()[:-2]
             + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" * 600 + b"\xff\xd9",
             "image_corrupt"),
        Case("jpeg-trailing-zip", "poly.jpg", lambda: _jpeg() + b.zip_of({"a.txt": b"x"}),
             "file_polyglot"),
        Case("jpeg-trailing-html", "poly2.jpg", lambda: _jpeg() + b.HTML * 2, "file_polyglot"),
        Case("jpeg-trailing-exe", "poly3.jpg", lambda: _jpeg() + b.PE, "file_polyglot"),
        Case("jpeg-trailing-pdf", "poly4.jpg", lambda: _jpeg() + _pdf(), "file_polyglot"),
        Case("jpeg-pdf-in-comment", "poly5.jpg",
             lambda: b.jpeg(comment=b"%PDF-1.4 1 0 obj"), "file_polyglot"),
        Case("jpeg-trailing-junk", "junk.jpg", lambda: _jpeg() + bytes(range(256)) * 4,
             ACCEPTED),
        Case("png-bad-crc", "crc.png", lambda: _flip(_png(), 29), "image_corrupt"),
        Case("png-bad-idat", "idat.png", lambda: _flip(_png(), _png().find(b"IDAT") + 20),
             "image_corrupt"),
        Case("png-bomb-header", "bomb.png", lambda: b.png_claiming(100_000, 100_000),
             "image_bomb"),
        Case("png-bomb-real", "bomb2.png", lambda: b.png_bomb(12_000), "image_bomb"),
        Case("png-lying-header", "lie.png", lambda: b.png_claiming(2000, 2000),
             "image_corrupt"),
        Case("png-no-ihdr", "noihdr.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
             "image_corrupt"),
        Case("png-trailing-zip", "poly.png", lambda: _png() + b.zip_of({"a.txt": b"x"}),
             "file_polyglot"),
        Case("png-trailing-script", "poly2.png", lambda: _png() + b"\n" + b.SHELL * 3,
             "file_polyglot"),
        Case("png-as-jpg", "real.jpg", _png, "file_extension_mismatch"),
        Case("jpeg-as-png", "real.png", _jpeg, "file_extension_mismatch"),
        Case("gif-as-png", "anim.png", lambda: b"GIF89a" + b"\x00" * 100,
             "file_extension_mismatch"),
        Case("bmp-as-jpg", "pic.jpg", lambda: b"BM" + struct.pack("<I", 200) + b"\x00" * 200,
             "file_extension_mismatch"),
        Case("tiff-as-jpg", "scan.jpg", lambda: b"II*\x00" + b"\x00" * 100,
             "file_extension_mismatch"),
        Case("webp-as-png", "web.png", lambda: b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 50,
             "file_extension_mismatch"),
        Case("heic-as-jpg", "phone.jpg", lambda: b"\x00\x00\x00\x18ftypheic" + b"\x00" * 50,
             "file_extension_mismatch"),
        Case("gif", "anim.gif", lambda: b"GIF89a" + b"\x00" * 100,
             "file_extension_not_allowed"),
    ]


def pdf_cases() -> list[Case]:
    return [
        Case("pdf-no-header", "x.pdf", lambda: _pdf()[5:], frozenset({"file_unknown_type",
                                                                        "file_extension_mismatch"})),
        Case("pdf-bad-version", "x.pdf", lambda: b"%PDF-x.y" + _pdf()[8:], "pdf_bad_header"),
        Case("pdf-leading-junk", "x.pdf", lambda: b"junk junk\n" + _pdf(),
             "file_extension_mismatch"),
        Case("pdf-no-trailer", "x.pdf", lambda: _pdf()[: _pdf().rfind(b"startxref")],
             "pdf_no_trailer"),
        Case("pdf-no-eof", "x.pdf", lambda: _pdf()[: _pdf().rfind(b"%%EOF")], "pdf_no_trailer"),
        Case("pdf-half", "x.pdf", lambda: _pdf()[: len(_pdf()) // 2], "pdf_no_trailer"),
        Case("pdf-header-only", "x.pdf", lambda: b"%PDF-1.7\n", "pdf_no_trailer"),
        Case("pdf-header-and-eof", "x.pdf", lambda: b"%PDF-1.7\nstartxref\n0\n%%EOF\n",
             "pdf_corrupt"),
        Case("pdf-garbage-body", "x.pdf", lambda: b"%PDF-1.4\n" + bytes(range(256)) * 20
             + b"\nstartxref\n9\n%%EOF\n", "pdf_corrupt"),
        Case("pdf-user-password", "secret.pdf", lambda: b.pdf(user_password="u"), "pdf_password"),
        Case("pdf-both-passwords", "secret2.pdf",
             lambda: b.pdf(owner_password="o", user_password="u"), "pdf_password"),
        Case("pdf-trailing-zip", "poly.pdf", lambda: _pdf() + b.zip_of({"a.txt": b"x"}),
             "file_polyglot"),
        Case("pdf-as-docx", "x.docx", _pdf, "file_extension_mismatch"),
        Case("pdf-as-jpg", "x.jpg", _pdf, "file_extension_mismatch"),
        Case("text-as-pdf", "x.pdf", lambda: "ข้อความธรรมดา\n".encode() * 10,
             "file_extension_mismatch"),
        Case("random-as-pdf", "x.pdf", lambda: bytes((i * 7919) % 251 for i in range(3000)),
             "file_unknown_type"),
        Case("postscript-as-pdf", "x.pdf", lambda: b"%!PS-Adobe-3.0\n", "file_extension_mismatch"),
        Case("rtf-as-doc", "x.doc", lambda: b"{\\rtf1\\ansi hello}", "file_extension_mismatch"),
        Case("pdf-too-large", "x.pdf", _pdf, "file_too_large", {"max_file_bytes": 100}),
        Case("pdf-not-allowed", "x.pdf", _pdf, "file_kind_not_allowed",
             {"allowed_kinds": ["jpg", "png"]}),
    ]


def office_cases() -> list[Case]:
    return [
        Case("docm-as-docx", "x.docx", lambda: b.docx(b.DOCM_MAIN, vba=True), "ooxml_macro"),
        Case("docm-type-only", "x.docx", lambda: b.docx(b.DOCM_MAIN), "ooxml_macro"),
        Case("docx-with-vba", "x.docx", lambda: b.docx(vba=True), "ooxml_macro"),
        Case("xlsm-as-xlsx", "x.xlsx", b.xlsm_renamed, "ooxml_macro"),
        Case("docx-remote-template", "x.docx", lambda: b.docx(extra={
            "word/_rels/settings.xml.rels": b.external_rels(
                "attachedTemplate", "http://evil.example/t.dotm")}), "ooxml_remote_content"),
        Case("docx-remote-oleobject", "x.docx", lambda: b.docx(extra={
            "word/_rels/document.xml.rels": b.external_rels(
                "oleObject", "mhtml:http://evil.example/!x")}), "ooxml_remote_content"),
        Case("docx-external-hyperlink", "x.docx", lambda: b.docx(extra={
            "word/_rels/document.xml.rels": b.external_rels(
                "hyperlink", "https://www.example.go.th/")}), ACCEPTED),
        Case("docx-embedded-object", "x.docx", lambda: b.docx(extra={
            "word/embeddings/oleObject1.bin": b.doc()}), ACCEPTED),
        Case("docx-as-xlsx", "x.xlsx", _docx, "file_extension_mismatch"),
        Case("xlsx-as-docx", "x.docx", _xlsx, "file_extension_mismatch"),
        Case("pptx-as-docx", "x.docx", lambda: b.docx(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        ), "file_extension_mismatch"),
        Case("zip-as-docx", "x.docx", lambda: b.zip_of({"a.txt": b"x"}),
             "file_extension_mismatch"),
        Case("docx-no-main-part", "x.docx", lambda: b.docx(main_part=False), "ooxml_not_package"),
        Case("docx-no-rels", "x.docx", lambda: b.docx(rels=False), "ooxml_not_package"),
        Case("docx-dtd", "x.docx", lambda: b.docx(types=b'<?xml version="1.0"?><!DOCTYPE x ['
                                                  b'<!ENTITY a "aaaa">]><Types/>'),
             "ooxml_not_package"),
        Case("docx-bad-xml", "x.docx", lambda: b.docx(types=b"<Types><unclosed>"),
             "ooxml_not_package"),
        Case("docx-no-main-type", "x.docx", lambda: b.docx(main_type="application/xml"),
             "ooxml_not_package"),
        Case("docx-zip-slip", "x.docx", lambda: b.zip_of({
            "[Content_Types].xml": b.content_types(b.DOCX_MAIN), "../evil.xml": b"x"}),
             "archive_unsafe_path"),
        Case("docx-truncated", "x.docx", lambda: _docx()[: len(_docx()) // 2], "archive_corrupt"),
        Case("xlsx-truncated", "x.xlsx", lambda: _xlsx()[:-30], "archive_corrupt"),
        Case("docx-as-zip", "x.zip", _docx, ACCEPTED),
        Case("doc-as-xls", "x.xls", b.doc, "file_extension_mismatch"),
        Case("xls-as-doc", "x.doc", b.xls, "file_extension_mismatch"),
        Case("doc-as-docx", "x.docx", b.doc, "file_extension_mismatch"),
        Case("docx-as-doc", "x.doc", _docx, "file_extension_mismatch"),
        Case("msi-as-doc", "setup.doc", lambda: b.ole({"\u4840\u3b3f": b"x"}),
             "file_extension_mismatch"),
        Case("ppt-as-doc", "slides.doc", lambda: b.ole({"PowerPoint Document": b"x"}),
             "file_extension_mismatch"),
        Case("doc-with-macros", "x.doc", lambda: b.ole({"WordDocument": b"x", "Macros": b"y"}),
             "ole_macro"),
        Case("xls-with-vba", "x.xls", lambda: b.ole({"Workbook": b"x", "_VBA_PROJECT_CUR": b"y"}),
             "ole_macro"),
        Case("docx-encrypted", "x.docx", lambda: b.ole({"EncryptionInfo": b"x",
                                                        "EncryptedPackage": b"y"}),
             "office_encrypted"),
        Case("ole-truncated", "x.doc", lambda: b.doc()[:700], "ole_corrupt"),
        Case("ole-signature-only", "x.doc", lambda: b.doc()[:8], "ole_corrupt"),
        Case("ole-bad-shift", "x.doc", lambda: _ole_patch(0x1E, struct.pack("<H", 7)),
             "ole_corrupt"),
        Case("ole-bad-dir-sector", "x.doc", lambda: _ole_patch(0x30, struct.pack("<I", 99999)),
             "ole_corrupt"),
        Case("ole-dir-loop", "x.doc", _ole_dir_loop, frozenset({"ole_corrupt", ACCEPTED})),
        Case("ole-bad-fat", "x.doc", lambda: _ole_patch(0x4C, struct.pack("<I", 0xFFFFFFFF)),
             "ole_corrupt"),
        Case("csv-as-xls", "x.xls", lambda: b"a,b,c\n1,2,3\n", "file_extension_mismatch"),
        Case("html-as-xls", "x.xls", lambda: b"<html><table></table></html>", "file_markup"),
    ]


def _ole_patch(offset: int, value: bytes) -> bytes:
    data = bytearray(b.doc())
    data[offset:offset + len(value)] = value
    return bytes(data)


def _ole_dir_loop() -> bytes:
    data = bytearray(b.doc())
    struct.pack_into("<I", data, 512 + 4, 1)  # FAT[1] (the directory) points at itself
    return bytes(data)


def archive_cases() -> list[Case]:
    return [
        Case("zip-slip", "slip.zip", lambda: b.zip_of({"../../evil.sh": b"x"}),
             "archive_unsafe_path"),
        Case("zip-slip-deep", "slip2.zip", lambda: b.zip_of({"a/../../b.txt": b"x"}),
             "archive_unsafe_path"),
        Case("zip-slip-backslash", "slip3.zip", lambda: _patch_zip_name(
            b.zip_of({"../x/evil.txt": b"x"}), b"../x/", b"..\\x\\"), "archive_unsafe_path"),
        Case("zip-absolute", "abs.zip", lambda: b.zip_of({"/etc/cron.d/x": b"x"}),
             "archive_unsafe_path"),
        Case("zip-drive", "drive.zip", lambda: b.zip_of({"C:/Windows/x.dll": b"x"}),
             "archive_unsafe_path"),
        Case("zip-nul-name", "nul.zip", lambda: _patch_zip_name(
            b.zip_of({"aXb.txt": b"x"}), b"aXb", b"a\x00b"), "archive_unsafe_path"),
        Case("zip-control-name", "ctl.zip", lambda: b.zip_of({"a\x1bb.txt": b"x"}),
             "archive_unsafe_path"),
        Case("zip-symlink", "link.zip", b.zip_symlink, "archive_unsafe_path"),
        Case("zip-encrypted", "enc.zip", lambda: b.zip_with_flag({"a.txt": b"x"}, 1),
             "archive_encrypted"),
        Case("zip-bomb-declared", "bomb.zip", lambda: b.zip_declaring(1_000_000_000),
             "archive_bomb"),
        Case("zip-bomb-ratio", "bomb2.zip", lambda: _zeros_zip(20 * 1024 * 1024),
             "archive_bomb"),
        Case("zip-bomb-total", "bomb3.zip", lambda: _zeros_zip(2 * 1024 * 1024),
             "archive_bomb", {"archive_max_total_uncompressed": 1024 * 1024}),
        Case("zip-bomb-overlap", "bomb4.zip", lambda: b.zip_overlapping(5), "archive_bomb"),
        Case("zip-bomb-nested", "bomb5.zip", lambda: b.zip_of(
            {f"{i}.zip": _zeros_zip(800_000) for i in range(3)}), "archive_bomb",
             {"archive_max_total_uncompressed": 2 * 1024 * 1024}),
        Case("zip-too-many", "many.zip", lambda: b.zip_of({f"{i}.txt": b"" for i in range(30)}),
             "archive_too_many_entries", {"archive_max_entries": 20}),
        Case("zip-nested-3", "deep.zip", lambda: b.nested_zip(3), "archive_too_deep"),
        Case("zip-nested-6", "deeper.zip", lambda: b.nested_zip(6), "archive_too_deep"),
        Case("zip-nested-3-allowed", "deep.zip", lambda: b.nested_zip(3), ACCEPTED,
             {"archive_max_depth": 3}),
        Case("zip-nested-slip", "nslip.zip", lambda: b.zip_of(
            {"inner.zip": b.zip_of({"../x": b"x"})}), "archive_unsafe_path"),
        Case("zip-nested-docm", "ndocm.zip", lambda: b.zip_of(
            {"letter.docx": b.docx(b.DOCM_MAIN, vba=True)}), "ooxml_macro"),
        Case("zip-nested-rar-slip", "nrar.zip", lambda: b.zip_of(
            {"x.rar": b.rar5({"../a": b"a"})}), "archive_unsafe_path"),
        Case("zip-exe", "exe.zip", lambda: b.zip_of({"setup.exe": b.PE}), "archive_executable"),
        Case("zip-exe-by-content", "exe2.zip", lambda: b.zip_of({"readme": b.ELF}),
             "archive_executable"),
        Case("zip-script-by-content", "sh.zip", lambda: b.zip_of({"run": b.SHELL}),
             "archive_executable"),
        Case("zip-bat", "bat.zip", lambda: b.zip_of({"a.bat": b.BATCH}), "archive_executable"),
        Case("zip-docm", "docm.zip", lambda: b.zip_of({"macro.docm": b"x"}),
             "archive_executable"),
        Case("zip-html", "html.zip", lambda: b.zip_of({"index.html": b.HTML}),
             "archive_executable"),
        Case("zip-nested-exe", "nexe.zip", lambda: b.zip_of(
            {"inner.zip": b.zip_of({"a.exe": b.PE})}), "archive_executable"),
        Case("zip-duplicate", "dup.zip", lambda: _patch_zip_name(
            b.zip_of({"a.txt": b"1", "b.txt": b"2"}), b"b.txt", b"a.txt"), "archive_corrupt"),
        Case("zip-bad-crc", "crc.zip", lambda: b.zip_of({"a.txt": b"hello"},
                                                          zipfile.ZIP_STORED).replace(
            b"hello", b"jello"), "archive_corrupt"),
        Case("zip-truncated", "cut.zip", lambda: b.zip_of({"a.txt": b"x" * 500})[:100],
             "archive_corrupt"),
        Case("zip-eocd-only-garbage", "eocd.zip", lambda: b"PK\x05\x06" + b"\xff" * 18,
             "archive_corrupt"),
        Case("zip-local-only", "local.zip", lambda: b"PK\x03\x04" + b"\x00" * 100,
             "archive_corrupt"),
        Case("7z-as-zip", "x.zip", lambda: b"7z\xbc\xaf\x27\x1c" + b"\x00" * 50,
             "file_extension_mismatch"),
        Case("gzip-as-zip", "x.zip", lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 50,
             "file_extension_mismatch"),
        Case("rar-as-zip", "x.zip", lambda: b.rar5({"a": b"a"}), "file_extension_mismatch"),
        Case("zip-as-rar", "x.rar", lambda: b.zip_of({"a": b"a"}), "file_extension_mismatch"),
        Case("rar-signature-only", "x.rar", lambda: b"Rar!\x1a\x07\x01\x00", "archive_corrupt"),
        Case("rar4-signature-only", "x.rar", lambda: b"Rar!\x1a\x07\x00", "archive_corrupt"),
        Case("rar4-bad-crc", "x.rar", lambda: b.rar4({"a": b"a"}, bad_crc=True),
             "archive_corrupt"),
        Case("rar5-bad-crc", "x.rar", lambda: _flip(b.rar5({"a.txt": b"a"}), 9),
             "archive_corrupt"),
        Case("rar5-truncated", "x.rar", lambda: b.rar5({"a.txt": b"abc" * 50})[:40],
             "archive_corrupt"),
        Case("rar5-encrypted-headers", "x.rar", lambda: b.rar5({}, encrypted_headers=True),
             "archive_encrypted"),
        Case("rar5-encrypted-file", "x.rar", lambda: b.rar5({"a": b"a"}, encrypted_file=True),
             "archive_encrypted"),
        Case("rar4-encrypted-file", "x.rar", lambda: b.rar4({"a": b"a"}, encrypted_file=True),
             "archive_encrypted"),
        Case("rar5-slip", "x.rar", lambda: b.rar5({"../../a": b"a"}), "archive_unsafe_path"),
        Case("rar4-slip", "x.rar", lambda: b.rar4({"..\\a": b"a"}), "archive_unsafe_path"),
        Case("rar5-absolute", "x.rar", lambda: b.rar5({"/etc/passwd": b"a"}),
             "archive_unsafe_path"),
        Case("rar5-exe", "x.rar", lambda: b.rar5({"setup.exe": b"MZ"}), "archive_executable"),
        Case("rar4-exe", "x.rar", lambda: b.rar4({"run.sh": b"#!"}), "archive_executable"),
        Case("rar5-bomb", "x.rar", lambda: b.rar5({"a": b"a"}, declared_size=10**10),
             "archive_bomb"),
        Case("rar5-too-many", "x.rar", lambda: b.rar5({f"{i}": b"" for i in range(30)}),
             "archive_too_many_entries", {"archive_max_entries": 20}),
        Case("rar-not-allowed", "x.rar", lambda: b.rar5({"a": b"a"}), "file_kind_not_allowed",
             {"allowed_kinds": ["pdf", "zip"]}),
    ]


def polyglot_cases() -> list[Case]:
    return [
        Case("zip-with-pdf-prefix", "x.pdf", lambda: _pdf() + b.zip_of({"evil.js": b"x"}),
             "file_polyglot"),
        Case("doc-with-zip-tail", "x.doc", lambda: b.doc() + b.zip_of({"a": b"a"}),
             "file_polyglot"),
        Case("rar-with-zip-tail", "x.rar", lambda: b.rar5({"a": b"a"}) + b.zip_of({"a": b"a"}),
             "file_polyglot"),
        Case("png-pdf-inside", "x.png", lambda: _png()[:33] + b.png_chunk(
            b"tEXt", b"c\x00%PDF-1.4 obj") + _png()[33:], "file_polyglot"),
        Case("html-with-jpeg-name", "x.jpg", lambda: b"<html>" + _jpeg(), "file_markup"),
        Case("text-with-script", "x.pdf", lambda: b"hello <script>alert(1)</script>",
             "file_markup"),
        Case("utf16-html", "x.pdf", lambda: "\ufeff<html></html>".encode("utf-16-le"),
             "file_markup"),
        Case("bom-html", "x.pdf", lambda: b"\xef\xbb\xbf  <!doctype html><p>", "file_markup"),
    ]


def extension_cases() -> list[Case]:
    return [
        Case("exe-extension-pdf-content", "x.exe", _pdf, "file_extension_not_allowed"),
        Case("txt", "notes.txt", lambda: b"plain notes", "file_extension_not_allowed"),
        Case("svg-extension", "x.svg", lambda: b.SVG, "file_markup"),
        Case("html-extension", "x.html", lambda: b.HTML, "file_markup"),
        Case("bin-noise", "x.bin", lambda: bytes(range(256)), "file_extension_not_allowed"),
        Case("pptx-extension", "x.pptx", _docx, "file_extension_not_allowed"),
        Case("docm-extension", "x.docm", lambda: b.docx(b.DOCM_MAIN, vba=True),
             "file_extension_not_allowed"),
    ]


def all_cases() -> list[Case]:
    return (good_cases() + name_cases() + renamed_executable_cases() + empty_cases()
            + image_cases() + pdf_cases() + office_cases() + archive_cases()
            + polyglot_cases() + extension_cases())

