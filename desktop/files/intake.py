"""The single entry point of the file policy: :func:`inspect_file` -> :class:`Verdict`.

The GUI (attachments), the services and ``webdesk inspect`` all call this function, so every
line of policy code is shared.  It never raises for any content: every outcome is a Verdict.
The bytes are read once and never modified; a file (path) larger than the policy allows is
refused by its size before any of it is read or hashed (its verdict has no SHA-256).
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

from desktop.domain.file_policy import EXTENSION_KINDS, FileKind, FilePolicy, Verdict
from desktop.domain.safe_names import clean_display_name, split_extension
from desktop.files.findings import Findings, Refused
from desktop.files.images import check_image
from desktop.files.ole import check_ole, ole_label
from desktop.files.ooxml import check_ooxml
from desktop.files.pdf import check_pdf
from desktop.files.rar_check import check_rar
from desktop.files.sniff import FAMILY_LABELS, hidden_content, sniff
from desktop.files.zip_check import check_zip

_FAMILY_KINDS: dict[str, tuple[FileKind, ...]] = {
    "pdf": (FileKind.PDF,),
    "jpeg": (FileKind.JPEG,),
    "png": (FileKind.PNG,),
    "zip": (FileKind.ZIP, FileKind.DOCX, FileKind.XLSX),
    "ole2": (FileKind.DOC, FileKind.XLS),
    "rar": (FileKind.RAR,),
}
_KIND_LABELS = {
    FileKind.DOC: "Word document (.doc)",
    FileKind.XLS: "Excel workbook (.xls)",
    FileKind.DOCX: "Word document (.docx)",
    FileKind.XLSX: "Excel workbook (.xlsx)",
}

Source = str | os.PathLike[str] | bytes | bytearray | memoryview


def inspect_file(source: Source, display_name: str | None = None,
                 policy: FilePolicy | None = None) -> Verdict:
    """Judge one file (a path, or its bytes plus the name it came with) against the policy."""
    policy = policy or FilePolicy()
    if isinstance(source, bytes | bytearray | memoryview):
        raw_name = display_name if display_name is not None else "file"
        return _judge(bytes(source), raw_name, policy)
    path = Path(os.fspath(source))
    raw_name = display_name if display_name is not None else path.name
    loaded = read_within_limit(path, raw_name, policy)
    if isinstance(loaded, Verdict):
        return loaded
    return _judge(loaded, raw_name, policy)


def read_within_limit(path: Path, raw_name: str, policy: FilePolicy) -> bytes | Verdict:
    """The bytes of the file at ``path``, or a refusal when it is too large or unreadable.

    The size is taken from the open file's metadata before a single byte is read, so a huge
    (or sparse) file is refused at once; at most ``max_file_bytes + 1`` bytes are ever read,
    so a file that grows after the check is still caught by the size check on the bytes.
    """
    try:
        # O_NONBLOCK: a FIFO put in the file's place cannot make the open hang.
        descriptor = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
    except OSError as error:
        code = "file_not_found" if isinstance(error, FileNotFoundError) else ""
        return _unreadable(raw_name, error, code)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return _refuse(raw_name, 0, "", "file_not_found", {})
        if status.st_size > policy.max_file_bytes:
            return _refuse(raw_name, status.st_size, "", "file_too_large",
                           {"size": status.st_size, "limit": policy.max_file_bytes})
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            return handle.read(policy.max_file_bytes + 1)
    except OSError as error:
        return _unreadable(raw_name, error, "")
    finally:
        os.close(descriptor)


_OPEN_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _unreadable(raw_name: str, error: OSError, code: str) -> Verdict:
    if code:
        return _refuse(raw_name, 0, "", code, {})
    return _refuse(raw_name, 0, "", "file_unreadable_detail",
                   {"detail": error.strerror or type(error).__name__})


def _refuse(raw_name: str, size: int, sha256: str, code: str, params: dict[str, Any],
            findings: Findings | None = None) -> Verdict:
    findings = findings or Findings()
    return Verdict(accepted=False, display_name=clean_display_name(raw_name), size=size,
                   sha256=sha256, reason_code=code, reason_params=params,
                   details=findings.details, warnings=tuple(findings.warnings))


def _judge(data: bytes, raw_name: str, policy: FilePolicy) -> Verdict:
    size = len(data)
    sha256 = hashlib.sha256(data).hexdigest()
    findings = Findings()
    name = clean_display_name(raw_name)
    if name != unicodedata.normalize("NFC", str(raw_name)):
        findings.warn("warn_name_cleaned")
    try:
        if size == 0:
            raise Refused("file_empty")
        if size > policy.max_file_bytes:
            raise Refused("file_too_large", size=size, limit=policy.max_file_bytes)
        kind = _decide(data, name, policy, findings)
    except Refused as refusal:
        return _refuse(raw_name, size, sha256, refusal.code, refusal.params, findings)
    except RecursionError:
        return _refuse(raw_name, size, sha256, "file_check_failed",
                       {"detail": "structure nested too deeply"}, findings)
    except Exception as error:  # noqa: BLE001  (no exception may escape: it is a verdict)
        return _refuse(raw_name, size, sha256, "file_check_failed",
                       {"detail": f"{type(error).__name__}: {error}"[:200]}, findings)
    return Verdict(accepted=True, display_name=name, size=size, sha256=sha256, kind=kind,
                   media_type=kind.media_type, details=findings.details,
                   warnings=tuple(findings.warnings))


def _decide(data: bytes, name: str, policy: FilePolicy, findings: Findings) -> FileKind:
    sniffed = sniff(data)
    findings.details["detected"] = sniffed.label
    if sniffed.family in ("executable", "script", "markup"):
        raise Refused(f"file_{sniffed.family}", actual=sniffed.label)
    extension = split_extension(name)[1].lower()
    if not extension:
        raise Refused("file_no_extension")
    expected = EXTENSION_KINDS.get(extension)
    if expected is None:
        raise Refused("file_extension_not_allowed", extension=extension)
    if not policy.allows(expected):
        raise Refused("file_kind_not_allowed", kind=expected.value)
    if sniffed.family == "unknown":
        raise Refused("file_unknown_type")
    if not sniffed.allowed:
        raise Refused("file_extension_mismatch", extension=extension, actual=sniffed.label)
    if sniffed.family == "ole2" and expected in (FileKind.DOCX, FileKind.XLSX):
        check_ole(data, findings)  # a password-encrypted .docx/.xlsx is an OLE2 file
    if expected not in _FAMILY_KINDS[sniffed.family]:
        raise Refused("file_extension_mismatch", extension=extension,
                      actual=FAMILY_LABELS[sniffed.family])
    hidden = hidden_content(data, sniffed.family)
    if hidden is not None:
        raise Refused("file_polyglot", actual=hidden)
    actual = _check_structure(data, expected, policy, findings)
    if actual is not expected:
        label = actual if isinstance(actual, str) else _KIND_LABELS.get(actual, actual.value)
        raise Refused("file_extension_mismatch", extension=extension, actual=label)
    return expected


def _check_structure(data: bytes, expected: FileKind, policy: FilePolicy,
                     findings: Findings) -> FileKind | str:
    """Run the deep check for ``expected``; returns the kind the content really is."""
    if expected.is_image:
        check_image(data, expected, policy, findings)
        return expected
    if expected is FileKind.PDF:
        check_pdf(data, policy, findings)
        return expected
    if expected is FileKind.ZIP:
        check_zip(data, policy, findings)
        return expected
    if expected is FileKind.RAR:
        check_rar(data, policy, findings)
        return expected
    if expected in (FileKind.DOCX, FileKind.XLSX):
        return check_ooxml(data, policy, findings)
    actual = check_ole(data, findings)
    return actual if actual is not None else ole_label(data)
