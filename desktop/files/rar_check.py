"""RAR v4 and v5: signature, header CRCs, and the list of entries (names, sizes, encryption).

WebDesk cannot unpack RAR (no free decoder), so the verdict rests on the headers: each one's
CRC must match, names must be safe, nothing may be encrypted, declared sizes must not make a
bomb, and executables are flagged by name.  Contents are not unpacked (a warning says so).
"""

from __future__ import annotations

import struct
import zlib

from desktop.domain.file_policy import FilePolicy
from desktop.files.archive_rules import (
    EXECUTABLE_EXTENSIONS,
    NESTED_ARCHIVE_EXTENSIONS,
    ArchiveBudget,
    check_declared_sizes,
    extension_of,
    flag_executable,
    unsafe_entry_reason,
)
from desktop.files.findings import Findings, Refused
from desktop.files.sniff import RAR4_SIGNATURE, RAR5_SIGNATURE

_MAX_BLOCKS = 100_000


class _Entry:
    __slots__ = ("name", "packed", "unpacked", "encrypted", "is_dir")

    def __init__(self, name: str, packed: int, unpacked: int, encrypted: bool,
                 is_dir: bool) -> None:
        self.name, self.packed, self.unpacked = name, packed, unpacked
        self.encrypted, self.is_dir = encrypted, is_dir


def _corrupt(detail: str) -> Refused:
    return Refused("archive_corrupt", detail=f"RAR: {detail}")


def _vint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(10):
        if pos >= len(data):
            raise _corrupt("header runs past the end")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise _corrupt("bad number in header")


def rar5_entries(data: bytes) -> list[_Entry]:
    entries: list[_Entry] = []
    pos = len(RAR5_SIGNATURE)
    for _ in range(_MAX_BLOCKS):
        if pos + 4 > len(data):
            raise _corrupt("no end-of-archive header")
        (crc,) = struct.unpack_from("<I", data, pos)
        size, body = _vint(data, pos + 4)
        end = body + size
        if size < 2 or end > len(data) or size > 2 * 1024 * 1024:
            raise _corrupt("bad header size")
        if zlib.crc32(data[pos + 4:end]) != crc:
            raise _corrupt("header checksum mismatch")
        kind, cursor = _vint(data, body)
        flags, cursor = _vint(data, cursor)
        extra_size = data_size = 0
        if flags & 0x1:
            extra_size, cursor = _vint(data, cursor)
        if flags & 0x2:
            data_size, cursor = _vint(data, cursor)
        if kind == 4:
            raise Refused("archive_encrypted", entry="(all headers are encrypted)")
        if kind == 5:
            return entries
        if kind == 2:
            entries.append(_rar5_file(data, cursor, end, extra_size, data_size))
        pos = end + data_size
    raise _corrupt("too many headers")


def _rar5_file(data: bytes, cursor: int, end: int, extra_size: int, data_size: int) -> _Entry:
    file_flags, cursor = _vint(data, cursor)
    unpacked, cursor = _vint(data, cursor)
    _attributes, cursor = _vint(data, cursor)
    if file_flags & 0x2:
        cursor += 4
    if file_flags & 0x4:
        cursor += 4
    _compression, cursor = _vint(data, cursor)
    _host, cursor = _vint(data, cursor)
    name_length, cursor = _vint(data, cursor)
    if cursor + name_length > end:
        raise _corrupt("name runs past its header")
    name = data[cursor:cursor + name_length].decode("utf-8", "replace")
    encrypted = False
    extra = data[end - extra_size:end] if extra_size else b""
    offset = 0
    while offset < len(extra):
        record_size, after = _vint(extra, offset)
        record_type, _ = _vint(extra, after)
        if record_type == 1:
            encrypted = True
        if record_size == 0:
            break
        offset = after + record_size
    return _Entry(name, data_size, unpacked, encrypted, bool(file_flags & 0x1))


def rar4_entries(data: bytes) -> list[_Entry]:
    entries: list[_Entry] = []
    pos = len(RAR4_SIGNATURE)
    main_seen = False
    for _ in range(_MAX_BLOCKS):
        if pos == len(data) and main_seen:
            return entries  # old archivers may omit the end block
        if pos + 7 > len(data):
            raise _corrupt("header runs past the end")
        crc, kind, flags, size = struct.unpack_from("<HBHH", data, pos)
        if size < 7 or pos + size > len(data):
            raise _corrupt("bad header size")
        if kind != 0x7B and (zlib.crc32(data[pos + 2:pos + size]) & 0xFFFF) != crc:
            raise _corrupt("header checksum mismatch")
        if kind == 0x73:
            main_seen = True
            if flags & 0x80:
                raise Refused("archive_encrypted", entry="(all headers are encrypted)")
        elif not main_seen:
            raise _corrupt("no main archive header")
        add_size = 0
        if kind == 0x74:
            entries.append(_rar4_file(data, pos, flags, size))
            add_size = entries[-1].packed
        elif flags & 0x8000:
            if pos + 11 > len(data):
                raise _corrupt("header runs past the end")
            (add_size,) = struct.unpack_from("<I", data, pos + 7)
        if kind == 0x7B:
            return entries
        pos += size + add_size
    raise _corrupt("too many headers")


def _rar4_file(data: bytes, pos: int, flags: int, size: int) -> _Entry:
    if size < 32:
        raise _corrupt("short file header")
    packed, unpacked = struct.unpack_from("<II", data, pos + 7)
    (name_size,) = struct.unpack_from("<H", data, pos + 26)
    name_at = pos + 32
    if flags & 0x100:
        high_packed, high_unpacked = struct.unpack_from("<II", data, pos + 32)
        packed |= high_packed << 32
        unpacked |= high_unpacked << 32
        name_at += 8
    if name_at + name_size > pos + size:
        raise _corrupt("name runs past its header")
    raw = data[name_at:name_at + name_size]
    if flags & 0x200 and b"\x00" in raw:
        raw = raw.split(b"\x00", 1)[0]
    name = raw.decode("utf-8", "replace")
    return _Entry(name, packed, unpacked, bool(flags & 0x04), (flags & 0xE0) == 0xE0)


def check_rar(data: bytes, policy: FilePolicy, findings: Findings,
              budget: ArchiveBudget | None = None) -> None:
    try:
        if data.startswith(RAR5_SIGNATURE):
            version, entries = 5, rar5_entries(data)
        elif data.startswith(RAR4_SIGNATURE):
            version, entries = 4, rar4_entries(data)
        else:
            raise _corrupt("no RAR signature")
    except struct.error:
        raise _corrupt("header runs past the end") from None
    budget = budget or ArchiveBudget(policy.archive_max_total_uncompressed)
    if len(entries) > policy.archive_max_entries:
        raise Refused("archive_too_many_entries", limit=policy.archive_max_entries)
    for entry in entries:
        reason = unsafe_entry_reason(entry.name)
        if reason is not None:
            raise Refused("archive_unsafe_path", entry=f"{entry.name[:200]!r} ({reason})")
        if entry.encrypted:
            raise Refused("archive_encrypted", entry=entry.name[:200])
    check_declared_sizes(sum(e.unpacked for e in entries), sum(e.packed for e in entries),
                         policy, budget)
    budget.charge(sum(e.unpacked for e in entries), "RAR")
    for entry in entries:
        ext = extension_of(entry.name)
        if ext in EXECUTABLE_EXTENSIONS and not entry.is_dir:
            flag_executable(entry.name, policy, findings)
    findings.warn("warn_rar_not_listed")
    if any(extension_of(e.name) in NESTED_ARCHIVE_EXTENSIONS for e in entries):
        findings.warn("warn_nested_archive_unchecked")
    findings.details.setdefault("rar_version", version)
    findings.details.setdefault("entries", len(entries))
    findings.details.setdefault("entry_names", [e.name for e in entries[:50]])
