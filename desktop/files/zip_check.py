"""ZIP archives (and the zip layer of .docx/.xlsx): entries, paths, encryption, bombs, nesting.

Declared sizes are checked first (cheap), then every entry is actually unpacked in chunks
against a shared :class:`ArchiveBudget`, which also verifies each CRC.  ``zipfile`` never yields
more than an entry's declared size, so a lying header cannot make the unpacking unbounded.
Nested zip and rar archives are checked the same way up to ``policy.archive_max_depth``.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
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
from desktop.files.ole import MACRO_STORAGE_NAMES, ole_directory_names
from desktop.files.sniff import OLE2_SIGNATURE, RAR4_SIGNATURE, RAR5_SIGNATURE, sniff_foreign

_CHUNK = 1024 * 1024
_OFFICE_EXTENSIONS = frozenset({"docx", "xlsx", "pptx", "dotx", "xltx", "ppsx"})
_BROKEN_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
               NotImplementedError,
               ValueError, KeyError, IndexError, OverflowError, UnicodeDecodeError)


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _BROKEN_ZIP as error:
        raise Refused("archive_corrupt", detail=str(error)[:200] or "not a zip") from None


def check_zip(data: bytes, policy: FilePolicy, findings: Findings,
              budget: ArchiveBudget | None = None, depth: int = 1,
              documents: bool = False) -> list[str]:
    """Check a zip; returns its entry names.  ``documents``: the zip layer of an OOXML file."""
    if depth > policy.archive_max_depth:
        raise Refused("archive_too_deep", limit=policy.archive_max_depth)
    budget = budget or ArchiveBudget(policy.archive_max_total_uncompressed)
    with open_zip(data) as archive:
        infos = archive.infolist()
        _check_entries(infos, len(data), policy)
        check_declared_sizes(sum(i.file_size for i in infos), sum(i.compress_size for i in infos),
                             policy, budget)
        for info in infos:
            if not info.is_dir():
                _unpack(archive, info, policy, findings, budget, depth, documents)
    names = [info.orig_filename for info in infos]
    if depth == 1 and not documents:
        findings.details["entries"] = len(names)
        findings.details["entry_names"] = names[:50]
        findings.details["unpacked_bytes"] = budget.used
    return names


def _check_entries(infos: list[zipfile.ZipInfo], size: int, policy: FilePolicy) -> None:
    if len(infos) > policy.archive_max_entries:
        raise Refused("archive_too_many_entries", limit=policy.archive_max_entries)
    seen: set[str] = set()
    for info in infos:
        name = info.orig_filename
        reason = unsafe_entry_reason(name)
        if reason is not None:
            raise Refused("archive_unsafe_path", entry=f"{name[:200]!r} ({reason})")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise Refused("archive_unsafe_path", entry=f"{name[:200]!r} (symbolic link)")
        if info.flag_bits & 0x1:
            raise Refused("archive_encrypted", entry=name[:200])
        key = name.replace("\\", "/").lower()
        if key in seen:
            raise Refused("archive_corrupt", detail=f"duplicate entry {name[:200]!r}")
        seen.add(key)
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for current, following in zip(ordered, ordered[1:], strict=False):
        if current.header_offset + 30 + current.compress_size > following.header_offset:
            raise Refused("archive_bomb", detail="entries overlap (non-recursive zip bomb)")
    if ordered and ordered[-1].header_offset + ordered[-1].compress_size > size:
        raise Refused("archive_corrupt", detail="an entry runs past the end of the file")


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, policy: FilePolicy,
            findings: Findings, budget: ArchiveBudget, depth: int, documents: bool) -> None:
    name = info.orig_filename
    ext = extension_of(name)
    if not documents and ext in EXECUTABLE_EXTENSIONS:
        flag_executable(name, policy, findings)
    kept = bytearray()
    head = b""
    keep_all = False
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                budget.charge(len(chunk), name[:200])
                if not head:
                    head = chunk[:4096]
                    keep_all = head.startswith(OLE2_SIGNATURE) if documents else (
                        head.startswith((b"PK\x03\x04", b"PK\x05\x06", RAR4_SIGNATURE,
                                         RAR5_SIGNATURE)))
                    if not documents and sniff_foreign(head).family in ("executable", "script"):
                        flag_executable(name, policy, findings)
                if keep_all:
                    kept.extend(chunk)
    except Refused:
        raise
    except RuntimeError as error:
        if "encrypted" in str(error).lower() or "password" in str(error).lower():
            raise Refused("archive_encrypted", entry=name[:200]) from None
        raise Refused("archive_corrupt", detail=f"{name[:100]}: {error}"[:200]) from None
    except NotImplementedError as error:
        raise Refused("archive_corrupt", detail=f"{name[:100]}: {error}"[:200]) from None
    except _BROKEN_ZIP as error:
        raise Refused("archive_corrupt", detail=f"{name[:100]}: {error}"[:200]) from None
    if keep_all and documents:
        check_office_binary_part(bytes(kept), name)
    elif keep_all:
        _check_nested(bytes(kept), name, policy, findings, budget, depth)
    elif not documents and ext in NESTED_ARCHIVE_EXTENSIONS:
        findings.warn("warn_nested_archive_unchecked")


def _check_nested(data: bytes, name: str, policy: FilePolicy, findings: Findings,
                  budget: ArchiveBudget, depth: int) -> None:
    if depth + 1 > policy.archive_max_depth:
        raise Refused("archive_too_deep", limit=policy.archive_max_depth)
    if data.startswith((RAR4_SIGNATURE, RAR5_SIGNATURE)):
        from desktop.files.rar_check import check_rar

        check_rar(data, policy, findings, budget)
        return
    if extension_of(name) in _OFFICE_EXTENSIONS:
        from desktop.files.ooxml import check_ooxml

        check_ooxml(data, policy, findings, budget, depth + 1)
        return
    check_zip(data, policy, findings, budget, depth + 1)



_VBA_PROJECT_NAME = re.compile("_VBA_PROJECT".encode("utf-16-le"), re.IGNORECASE)


def check_office_binary_part(data: bytes, name: str) -> None:
    """Refuse a compound-file part of an OOXML package that holds a VBA project, whatever the
    part is called (a renamed ``vbaProject.bin``, an embedded macro document)."""
    try:
        names = {entry.lower() for entry in ole_directory_names(data)}
    except Refused:  # unreadable directory: look for the stream name itself
        names = {"_vba_project"} if _VBA_PROJECT_NAME.search(data) else set()
    if names & MACRO_STORAGE_NAMES:
        raise Refused("ooxml_macro")
