"""OOXML (.docx/.xlsx): a real package with the right main part and no macros.

The zip layer gets the same safety checks as any zip (paths, encryption, bombs).  Then
``[Content_Types].xml`` must exist and declare the main document part, which must be present;
macro-enabled content types or a ``vbaProject.bin`` (a .docm/.xlsm renamed) are refused.  The
name of a part proves nothing (a renamed ``vbaProject.bin`` still runs): macros are also found
by what points at a part (a relationship of a VBA, XLM macro-sheet or toolbar type), by its
declared content type, and by its content (a compound file holding a VBA project).
"""

from __future__ import annotations

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
_REMOTE_FETCHED = frozenset({"attachedtemplate", "oleobject", "frame", "subdocument",
                             "externallinkpath", "package", "control"})
# Relationship types (last path segment, lower case) that make a part's code run or load.
_MACRO_RELATIONSHIPS = frozenset({
    "vbaproject", "vbaprojectsignature", "vbaprojectsignatureagile", "vbaprojectsignaturev3",
    "wordvbadata", "keymapcustomizations", "attachedtoolbars", "xlmacrosheet",
    "xlintlmacrosheet",
})
_MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "vbadata", "macrosheet",
                        "keymapcustomizations", "attachedtoolbars")


def is_macro_content_type(content_type: str) -> bool:
    lowered = content_type.lower()
    return any(marker in lowered for marker in _MACRO_CONTENT_TYPES)


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
    if any(is_macro_content_type(ct) for ct in overrides.values()):
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
    """Refuse macros reached through a relationship (whatever the target part is called) and
    parts fetched from elsewhere when opened (remote templates, OLE objects, frames)."""
    for name in rels[:500]:
        for kind, target, mode in _relationships(name, _read_small(archive, name)):
            short_type = kind.rsplit("/", 1)[-1].lower()
            if short_type in _MACRO_RELATIONSHIPS:
                raise Refused("ooxml_macro")
            if mode.lower() == "external" and short_type in _REMOTE_FETCHED:
                raise Refused("ooxml_remote_content",
                              detail=f"{kind.rsplit('/', 1)[-1]}: {target or '?'}"[:200])


def _relationships(name: str, xml: bytes) -> list[tuple[str, str, str]]:
    """(Type, Target, TargetMode) of every relationship in a .rels part."""
    if b"<!DOCTYPE" in xml.upper() or b"<!ENTITY" in xml.upper():
        raise _not_package(f"{name} declares a DTD")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise _not_package(f"{name}: {error}"[:200]) from None
    return [(element.get("Type", ""), element.get("Target", ""), element.get("TargetMode", ""))
            for element in root.iter() if str(element.tag).rsplit("}", 1)[-1] == "Relationship"]


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
        if is_macro_content_type(content_type):
            overrides[f"*.{element.get('Extension', '')}"] = content_type
    return overrides
