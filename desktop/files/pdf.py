"""PDF: header at the start, a trailer at the end, opens in PDFium, page count, encryption.

Active content (JavaScript, launch actions, embedded files, rich media, XFA) is flagged with a
warning when it is named anywhere in the bytes, also as an #-escaped name (``/J#61vaScript``),
and when PDFium counts document-level scripts (which may sit in compressed object streams).

A PDF that needs a password to open is refused (website visitors could not read it) unless
the policy says otherwise; one that is encrypted only to restrict printing or copying opens
without a password and is accepted with a warning.
"""

from __future__ import annotations

import re
import threading

import pypdfium2 as pdfium

from desktop.domain.file_policy import FilePolicy
from desktop.files.findings import Findings, Refused

_HEADER = re.compile(rb"%PDF-(\d\.\d)")
_ACTIVE_NAMES = ("JavaScript", "JS", "Launch", "EmbeddedFile", "RichMedia", "XFA")
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")


def _spelled_any_way(name: str) -> bytes:
    """A pattern for ``name`` with any of its characters written as #xx (PDF 1.2+ names:
    /J#61vaScript is /JavaScript to a reader); hex digits in either case."""
    def one(char: str) -> bytes:
        hex_pair = "".join(f"[{d}{d.lower()}]" if d.isalpha() else d for d in f"{ord(char):02X}")
        return f"(?:{re.escape(char)}|#{hex_pair})".encode()
    return b"".join(one(char) for char in name)


# A whole name: it ends at white space, a delimiter ( ) < > [ ] { } / % or the end of data.
_ACTIVE_ESCAPED = re.compile(
    rb"/(?:" + b"|".join(_spelled_any_way(name) for name in _ACTIVE_NAMES)
    + rb")(?![^\x00\t\n\f\r ()<>\[\]{}/%])")
# PDFium is not thread-safe; the GUI inspects files on worker threads.
_PDFIUM_LOCK = threading.Lock()


def check_pdf(data: bytes, policy: FilePolicy, findings: Findings) -> None:
    header = _HEADER.match(data[:16])
    if header is None:
        raise Refused("pdf_bad_header")
    findings.details["version"] = header.group(1).decode("ascii")
    tail = data[-2048:]
    if b"%%EOF" not in tail or b"startxref" not in data[-4096:]:
        raise Refused("pdf_no_trailer")
    if has_active_content(data):
        findings.warn("warn_pdf_active_content")
    with _PDFIUM_LOCK:
        _open_in_pdfium(data, policy, findings)


def has_active_content(data: bytes) -> bool:
    """JavaScript, launch actions, embedded files, rich media or XFA named anywhere in the
    file, also when the name is spelled with #xx escapes (one pass of a compiled pattern)."""
    return bool(_ACTIVE.search(data) or _ACTIVE_ESCAPED.search(data))


def _open_in_pdfium(data: bytes, policy: FilePolicy, findings: Findings) -> None:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            findings.details["encrypted"] = True
            findings.details["password_required"] = True
            if policy.refuse_password_pdf:
                raise Refused("pdf_password") from None
            findings.warn("warn_pdf_encrypted")
            return
        raise Refused("pdf_corrupt", detail=str(error)[:200]) from None
    try:
        pages = len(document)
        revision = pdfium.raw.FPDF_GetSecurityHandlerRevision(document.raw)
        # Document-level scripts as a reader sees them: also inside compressed object streams.
        scripts = pdfium.raw.FPDFDoc_GetJavaScriptActionCount(document.raw)
    finally:
        document.close()
    if scripts > 0:
        findings.warn("warn_pdf_active_content")
        findings.details["javascript_actions"] = scripts
    findings.details["pages"] = pages
    findings.details["encrypted"] = revision != -1
    if pages < 1:
        raise Refused("pdf_no_pages")
    if revision != -1:
        findings.warn("warn_pdf_encrypted")
