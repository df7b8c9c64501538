"""Legacy Office (OLE2 / Compound File Binary): read the directory, tell Word from Excel.

Only the names in the directory are needed: ``WordDocument`` makes a .doc, ``Workbook`` (or
``Book``) an .xls; ``Macros``/``_VBA_PROJECT_CUR`` mean VBA macros; ``EncryptedPackage`` is a
password-encrypted .docx/.xlsx.  Anything else with this signature (an .msi installer, ...) is
refused.  Every loop is bounded by the file size, so a crafted chain cannot hang the check.
"""

from __future__ import annotations

import struct

from desktop.domain.file_policy import FileKind
from desktop.files.findings import Findings, Refused
from desktop.files.sniff import OLE2_SIGNATURE

_FREE, _END_OF_CHAIN, _FAT_SECTOR, _DIFAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC
_MAX_REGULAR = 0xFFFFFFFA
MACRO_STORAGE_NAMES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})


def _corrupt(detail: str) -> Refused:
    return Refused("ole_corrupt", detail=detail)


def ole_directory_names(data: bytes) -> list[str]:
    """The names of all storages and streams (raises :class:`Refused` when malformed)."""
    if len(data) < 1024 or not data.startswith(OLE2_SIGNATURE):
        raise _corrupt("too short for a compound file")
    (byte_order,) = struct.unpack_from("<H", data, 0x1C)
    (shift,) = struct.unpack_from("<H", data, 0x1E)
    if byte_order != 0xFFFE or shift not in (9, 12):
        raise _corrupt("bad header")
    sector_size = 1 << shift
    sector_count = (len(data) - sector_size) // sector_size
    if sector_count < 1:
        raise _corrupt("no sectors")
    fat_sector_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    first_difat, difat_count = struct.unpack_from("<II", data, 0x44)

    def sector(number: int) -> bytes:
        if number > _MAX_REGULAR or number >= sector_count:
            raise _corrupt(f"sector {number} outside the file")
        start = (number + 1) * sector_size
        return data[start:start + sector_size]

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n <= _MAX_REGULAR]
    next_difat, seen = first_difat, 0
    while next_difat <= _MAX_REGULAR and seen < min(difat_count, sector_count):
        entries = struct.unpack(f"<{sector_size // 4}I", sector(next_difat))
        fat_sectors.extend(n for n in entries[:-1] if n <= _MAX_REGULAR)
        next_difat, seen = entries[-1], seen + 1
    if not fat_sectors or len(fat_sectors) > sector_count or fat_sector_count > sector_count:
        raise _corrupt("bad allocation table")
    fat: list[int] = []
    for number in fat_sectors:
        fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))

    names: list[str] = []
    current, steps = first_dir, 0
    while current != _END_OF_CHAIN:
        if current >= len(fat) or steps > sector_count:
            raise _corrupt("broken directory chain")
        block = sector(current)
        for offset in range(0, sector_size, 128):
            entry = block[offset:offset + 128]
            if len(entry) < 128:
                raise _corrupt("short directory entry")
            (name_length,) = struct.unpack_from("<H", entry, 64)
            entry_type = entry[66]
            if entry_type in (1, 2, 5) and 2 <= name_length <= 64:
                names.append(entry[:name_length - 2].decode("utf-16-le", "replace"))
        current, steps = fat[current], steps + 1
    if not names:
        raise _corrupt("empty directory")
    return names


def check_ole(data: bytes, findings: Findings) -> FileKind | None:
    """The Office kind the file really is (DOC or XLS), or None for other OLE2 files."""
    names = ole_directory_names(data)
    lowered = {name.lower() for name in names}
    findings.details["streams"] = sorted(names)[:50]
    if {"encryptedpackage", "encryptioninfo"} & lowered:
        raise Refused("office_encrypted")
    if MACRO_STORAGE_NAMES & lowered:
        raise Refused("ole_macro")
    if "worddocument" in lowered:
        return FileKind.DOC
    if {"workbook", "book"} & lowered:
        return FileKind.XLS
    return None


def ole_label(data: bytes) -> str:
    """A human label for an OLE2 file that is neither Word nor Excel."""
    try:
        lowered = {name.lower() for name in ole_directory_names(data)}
    except Refused:
        return "damaged compound file"
    if "powerpoint document" in lowered:
        return "PowerPoint presentation"
    if any(name.startswith(("\u4840", "\u3e3f")) or "msi" in name for name in lowered):
        return "Windows installer (MSI)"
    return "compound file that is not Word or Excel"
