"""Make real (and deliberately broken) files for the file-policy tests, all in memory."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from fpdf import FPDF
from PIL import Image

# ----------------------------------------------------------------------------- images


def jpeg(width: int = 640, height: int = 480, *, mode: str = "RGB", gps: bool = False,
         orientation: int = 1, progressive: bool = False, comment: bytes | None = None,
         quality: int = 85) -> bytes:
    image = Image.linear_gradient("L").resize((width, height))
    if mode != "L":
        image = Image.merge("RGB", (image, image.transpose(Image.Transpose.ROTATE_90)
                                    .resize((width, height)), image)).convert(mode)
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    if gps:
        exif[0x010F] = "CameraMaker"
        exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)})
    buffer = io.BytesIO()
    extra: dict[str, object] = {}
    if len(exif):
        extra["exif"] = exif.tobytes()
    if comment is not None:
        extra["comment"] = comment
    image.save(buffer, "JPEG", quality=quality, progressive=progressive, **extra)
    return buffer.getvalue()


def png(width: int = 320, height: int = 200, mode: str = "RGB", text: bool = False) -> bytes:
    from PIL import PngImagePlugin

    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Author", "Somchai")
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(
        ">I", zlib.crc32(kind + payload))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height`` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat)
            + png_chunk(b"IEND", b""))


def png_bomb(side: int = 12_000) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    """A real small JPEG whose SOF marker is patched to claim ``width``×``height``."""
    data = bytearray(jpeg(16, 16))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


# ----------------------------------------------------------------------------- pdf


def pdf(pages: int = 1, *, owner_password: str | None = None,
        user_password: str | None = None, javascript: bool = False) -> bytes:
    document = FPDF()
    if owner_password or user_password:
        document.set_encryption(owner_password=owner_password or "owner",
                                user_password=user_password or "")
    document.set_font("helvetica", size=12)
    for number in range(pages):
        document.add_page()
        document.cell(text=f"Page {number + 1}")
    data = bytes(document.output())
    if javascript:
        data = data.replace(b"%%EOF", b"% /JavaScript (app.alert(1))\n%%EOF")
    return data


# ----------------------------------------------------------------------------- zip / ooxml


def zip_of(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, payload in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, payload)
    return buffer.getvalue()


_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
         b'//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         b'Target="word/document.xml"/></Relationships>')
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def content_types(main_type: str, part: str = "/word/document.xml", extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        f'"application/xml"/><Override PartName="{part}" ContentType="{main_type}"/>{extra}'
        "</Types>"
    ).encode()


def docx(main_type: str = DOCX_MAIN, *, vba: bool = False, rels: bool = True,
         main_part: bool = True, types: bytes | None = None,
         extra: dict[str, bytes] | None = None) -> bytes:
    entries: dict[str, bytes] = {
        "[Content_Types].xml": types if types is not None else content_types(main_type)}
    if rels:
        entries["_rels/.rels"] = _RELS
    if main_part:
        entries["word/document.xml"] = (
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p>'
            b"</w:body></w:document>")
    if vba:
        entries["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 60
    entries.update(extra or {})
    return zip_of(entries)


def external_rels(kind: str, target: str) -> bytes:
    return (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships/{kind}" Target="{target}" TargetMode="External"/>'
        "</Relationships>").encode()


def xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "สวัสดี"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsm_renamed() -> bytes:
    """An .xlsx re-packed as a macro-enabled workbook with a vbaProject.bin."""
    source = zipfile.ZipFile(io.BytesIO(xlsx()))
    entries = {name: source.read(name) for name in source.namelist()}
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        XLSM_MAIN.encode())
    entries["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 60
    return zip_of(entries)


def zip_with_flag(entries: dict[str, bytes], flag: int) -> bytes:
    """A zip whose entries carry general-purpose ``flag`` bits (e.g. 1 = encrypted)."""
    data = bytearray(zip_of(entries, zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        while position >= 0:
            (current,) = struct.unpack_from("<H", data, position + offset)
            struct.pack_into("<H", data, position + offset, current | flag)
            position = data.find(signature, position + 4)
    return bytes(data)


def zip_symlink() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("link", date_time=(2026, 1, 1, 0, 0, 0))
        info.external_attr = (0o120777 << 16)
        archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def zip_declaring(size: int) -> bytes:
    """A stored zip whose central directory lies about the uncompressed size."""
    data = bytearray(zip_of({"a.txt": b"hello"}, zipfile.ZIP_STORED))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


def zip_overlapping(copies: int = 5) -> bytes:
    """Several central-directory entries pointing at the same local file (overlap bomb)."""
    payload = zip_of({"a.txt": b"A" * 1000}, zipfile.ZIP_STORED)
    central = payload.find(b"PK\x01\x02")
    end = payload.find(b"PK\x05\x06")
    record = bytearray(payload[central:end])
    name_at = 46
    records = b""
    for index in range(copies):
        copy = bytearray(record)
        copy[name_at] = ord("a") + index
        records += bytes(copy)
    eocd = bytearray(payload[end:])
    struct.pack_into("<HHII", eocd, 8, copies, copies, len(records), central)
    return payload[:central] + records + bytes(eocd)


def nested_zip(depth: int, inner: bytes | None = None) -> bytes:
    data = inner if inner is not None else zip_of({"readme.txt": b"deepest"})
    for level in range(depth - 1):
        data = zip_of({f"level{level}.zip": data})
    return data


# ----------------------------------------------------------------------------- OLE2 (CFB)


def ole(streams: dict[str, bytes], *, shift: int = 9) -> bytes:
    """A minimal compound file with the given top-level streams (regular sectors only)."""
    sector = 1 << shift
    per_fat = sector // 4
    entries_per_sector = sector // 128
    names = list(streams)
    dir_sectors = -(-(len(names) + 1) // entries_per_sector)
    chains: list[list[int]] = []
    next_free = 1 + dir_sectors
    for name in names:
        count = max(1, -(-len(streams[name]) // sector))
        chains.append(list(range(next_free, next_free + count)))
        next_free += count
    if next_free > per_fat:
        raise ValueError("too much data for this tiny writer")
    fat = [0xFFFFFFFF] * per_fat
    fat[0] = 0xFFFFFFFD
    for index in range(dir_sectors):
        fat[1 + index] = 2 + index if index < dir_sectors - 1 else 0xFFFFFFFE
    for chain in chains:
        for position, number in enumerate(chain):
            fat[number] = chain[position + 1] if position + 1 < len(chain) else 0xFFFFFFFE

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\x00" * 36
                + struct.pack("<IQ", start, size))

    directory = entry("Root Entry", 5, 1 if names else 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else 0xFFFFFFFF
        directory += entry(name, 2, 0xFFFFFFFF, right, chains[index][0], len(streams[name]))
    directory = directory.ljust(dir_sectors * sector, b"\x00")
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3 if shift == 9 else 4, 0xFFFE, shift, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0,
                     0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    body = struct.pack(f"<{per_fat}I", *fat) + directory
    for name in names:
        body += streams[name].ljust(-(-len(streams[name]) // sector) * sector or sector, b"\x00")
    return bytes(header).ljust(sector, b"\x00") + body


def doc() -> bytes:
    return ole({"WordDocument": b"\xec\xa5" + b"\x00" * 1000, "1Table": b"\x00" * 600})


def xls() -> bytes:
    bof = struct.pack("<HHHH", 0x0809, 8, 0x0600, 0x0005) + b"\x00" * 4
    return ole({"Workbook": bof + b"\x00" * 600})


# ----------------------------------------------------------------------------- RAR


def _vint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _rar5_block(kind: int, flags: int, fields: bytes, extra: bytes = b"",
                data_size: int | None = None) -> bytes:
    body = _vint(kind)
    if extra:
        flags |= 0x1
    if data_size is not None:
        flags |= 0x2
    body += _vint(flags)
    if extra:
        body += _vint(len(extra))
    if data_size is not None:
        body += _vint(data_size)
    body += fields + extra
    sized = _vint(len(body)) + body
    return struct.pack("<I", zlib.crc32(sized)) + sized


def rar5(files: dict[str, bytes], *, encrypted_file: bool = False,
         encrypted_headers: bool = False, declared_size: int | None = None) -> bytes:
    out = b"Rar!\x1a\x07\x01\x00"
    if encrypted_headers:
        return out + _rar5_block(4, 0, _vint(0) + _vint(0) + bytes([15]) + b"\x01" * 16)
    out += _rar5_block(1, 0, _vint(0))
    for name, payload in files.items():
        encoded = name.encode()
        unpacked = declared_size if declared_size is not None else len(payload)
        fields = (_vint(0x4) + _vint(unpacked) + _vint(0x20)
                  + struct.pack("<I", zlib.crc32(payload)) + _vint(0) + _vint(0)
                  + _vint(len(encoded)) + encoded)
        extra = b""
        if encrypted_file:
            record = _vint(1) + _vint(0) + _vint(0) + bytes([15]) + b"\x02" * 32
            extra = _vint(len(record)) + record
        out += _rar5_block(2, 0, fields, extra, data_size=len(payload)) + payload
    return out + _rar5_block(5, 0, _vint(0))


def rar4(files: dict[str, bytes], *, encrypted_file: bool = False,
         bad_crc: bool = False) -> bytes:
    def block(kind: int, flags: int, fields: bytes) -> bytes:
        size = 7 + len(fields)
        body = struct.pack("<BHH", kind, flags, size) + fields
        crc = zlib.crc32(body) & 0xFFFF
        if bad_crc:
            crc ^= 0xFFFF
        return struct.pack("<H", crc) + body

    out = b"Rar!\x1a\x07\x00" + block(0x73, 0, b"\x00" * 6)
    for name, payload in files.items():
        encoded = name.encode()
        flags = 0x8000 | (0x04 if encrypted_file else 0)
        fields = struct.pack("<IIBIIBBHI", len(payload), len(payload), 0, zlib.crc32(payload),
                             0, 20, 0x30, len(encoded), 0x20) + encoded
        out += block(0x74, flags, fields) + payload
    return out + block(0x7B, 0x4000, b"")


# ----------------------------------------------------------------------------- foreign

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
PE = b"MZ\x90\x00\x03" + b"\x00" * 55 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00" + (
    b"\x00" * 200)
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 200
SHELL = b"#!/bin/sh\nrm -rf \"$HOME\"\n"
PYTHON = b"#!/usr/bin/env python3\nimport os\nos.system('id')\n"
BATCH = b"@echo off\r\ndel /q C:\\*\r\n"
POWERSHELL = b"powershell -enc SQBFAFgA\r\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
JAVASCRIPT = b"function pwn() { eval(atob('YWxlcnQoMSk=')); }\npwn();\n"
PHP = b"<?php system($_GET['c']); ?>"
LNK = b"L\x00\x00\x00\x01\x14\x02\x00" + b"\x00" * 100
WASM = b"\x00asm\x01\x00\x00\x00" + b"\x00" * 20
