"""OOXML (.docx/.xlsx): a real package with the right main part and no macros.

The zip layer gets the same safety checks as any zip (paths, encryption, bombs).  Then
``[Content_Types].xml`` must exist and declare the main document part, which must be present;
macro-enabled content types or a ``vbaProject.bin`` (a .docm/.xlsm renamed) are refused.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree

from desktop.domain.file_policy import FileKind, FilePolicy
from desktop.files.archive_rules import ArchiveBudget
from desktop.files.findings import Findings, Refused
from desktop.files.zip_check import check_zip, open_zip

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MAIN_TYPES: dict[str, FileKind | str] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        FileKind.DOCX,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        FileKind.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml":
        FileKind.XLSX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml":
        FileKind.XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml":
        "PowerPoint presentation (.pptx)",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml":
        "PowerPoint slide show (.ppsx)",
}
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_EXTERNAL = re.compile(r"<[^<>]*TargetMode\s*=\s*[\"']External[\"'][^<>]*>", re.IGNORECASE)
_REL_TYPE = re.compile(r"\bType\s*=\s*[\"']([^\"']*)[\"']")
_TARGET = re.compile(r"\bTarget\s*=\s*[\"']([^\"']*)[\"']")
_REMOTE_FETCHED = frozenset({"attachedtemplate", "oleobject", "frame", "subdocument",
                             "externallinkpath", "package", "control"})


def _not_package(detail: str) -> Refused:
    return Refused("ooxml_not_package", detail=detail)


def check_ooxml(data: bytes, policy: FilePolicy, findings: Findings,
                budget: ArchiveBudget | None = None, depth: int = 1) -> FileKind | str:
    """The kind the package really is (DOCX/XLSX), or a label for another OOXML/zip file."""
    names = check_zip(data, policy, findings, budget, depth, documents=True)
    lowered = {name.lower(): name for name in names}
    if any(name.rsplit("/", 1)[-1] == "vbaproject.bin" for name in lowered):
        raise Refused("ooxml_macro")
    if "[content_types].xml" not in lowered:
        return "ZIP archive (not an Office document)"
    with open_zip(data) as archive:
        content_types = _read_small(archive, lowered["[content_types].xml"])
    overrides = _parse_content_types(content_types)
    if any("macroenabled" in ct.lower() or "vbaproject" in ct.lower()
           for ct in overrides.values()):
        raise Refused("ooxml_macro")
    if "_rels/.rels" not in lowered:
        raise _not_package("_rels/.rels is missing")
    with open_zip(data) as archive:
        _check_relationships(archive, [name for name in names
                                       if name.lower().endswith(".rels")], findings)
    if any(name.startswith(("word/activex/", "xl/activex/", "word/embeddings/",
                            "xl/embeddings/")) for name in lowered):
        findings.warn("warn_office_embedded_objects")
    for part, content_type in overrides.items():
        kind = _MAIN_TYPES.get(content_type)
        if kind is None:
            continue
        if part.lstrip("/").lower() not in lowered:
            raise _not_package(f"main part {part} is missing")
        findings.details["main_part"] = part
        findings.details["parts"] = len(names)
        return kind
    raise _not_package("no Word or Excel main part declared")


def _check_relationships(archive: zipfile.ZipFile, rels: list[str],
                         findings: Findings) -> None:
    """Refuse parts fetched from elsewhere when opened (remote templates, OLE, frames)."""
    for name in rels[:500]:
        text = _read_small(archive, name).decode("utf-8", "replace")
        for relationship in _EXTERNAL.finditer(text):
            element = relationship.group(0)
            kind = _REL_TYPE.search(element)
            short_type = kind.group(1).rsplit("/", 1)[-1] if kind else ""
            if short_type.lower() in _REMOTE_FETCHED:
                target = _TARGET.search(element)
                raise Refused("ooxml_remote_content",
                              detail=f"{short_type}: {target.group(1) if target else '?'}"[:200])


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > _MAX_CONTENT_TYPES_BYTES:
        raise _not_package(f"{name} is too large")
    return archive.read(info)


def _parse_content_types(xml: bytes) -> dict[str, str]:
    if b"<!DOCTYPE" in xml.upper() or b"<!ENTITY" in xml.upper():
        raise _not_package("[Content_Types].xml declares a DTD")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise _not_package(f"[Content_Types].xml: {error}"[:200]) from None
    overrides: dict[str, str] = {}
    for element in root.iter(f"{_CT_NS}Override"):
        part = element.get("PartName", "")
        content_type = element.get("ContentType", "")
        if part:
            overrides[part] = content_type
    for element in root.iter(f"{_CT_NS}Default"):
        content_type = element.get("ContentType", "")
        if "macroenabled" in content_type.lower() or "vbaproject" in content_type.lower():
            overrides[f"*.{element.get('Extension', '')}"] = content_type
    return overrides
