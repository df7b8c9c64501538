"""PDF: header at the start, a trailer at the end, opens in PDFium, page count, encryption.

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
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
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
    if _ACTIVE.search(data):
        findings.warn("warn_pdf_active_content")
    with _PDFIUM_LOCK:
        _open_in_pdfium(data, policy, findings)


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
    finally:
        document.close()
    findings.details["pages"] = pages
    findings.details["encrypted"] = revision != -1
    if pages < 1:
        raise Refused("pdf_no_pages")
    if revision != -1:
        findings.warn("warn_pdf_encrypted")
