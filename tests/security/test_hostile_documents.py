"""Active content hidden from a plain text search: #-escaped PDF names, macros in OOXML parts
with innocent names.

PDFium (the real reader behind the preview) is asked first whether the hidden spelling is
meaningful to a reader, so the tests show that the trick works against a reader, not only that
our check reacts to a string.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from desktop.domain.errors import UserError
from desktop.files.intake import inspect_file
from desktop.services.attachments import attach_file
from tests.security.hostile_fixtures import Desk, desk  # noqa: F401
from tests.unit.files import builders as b
from tests.unit.files import hostile_builders as hb

ESCAPED_SCRIPT_NAMES = [b"/J#61vaScript", b"/#4A#61#76#61#53#63#72#69#70#74"]


@pytest.mark.parametrize("name", ESCAPED_SCRIPT_NAMES)
def test_pdfium_reads_an_escaped_name_as_javascript(name: bytes) -> None:
    document = pdfium.PdfDocument(hb.pdf_with_named_script(name))
    try:
        assert pdfium.raw.FPDFDoc_GetJavaScriptActionCount(document.raw) == 1
    finally:
        document.close()


@pytest.mark.parametrize("action", [
    b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",
    b"<< /S /#4A#61#76#61#53#63#72#69#70#74 /#4a#53 (app.alert\\(1\\)) >>",
])
def test_an_escaped_script_action_is_flagged(action: bytes) -> None:
    data = hb.pdf_with_action(action)
    assert b"/JavaScript" not in data and b"/JS" not in data
    verdict = inspect_file(data, "ประกาศ.pdf")
    assert verdict.accepted and "warn_pdf_active_content" in verdict.warnings


@pytest.mark.parametrize("action", [
    b"<< /S /L#61unch /F (C:\\\\Windows\\\\System32\\\\calc.exe) >>",
    b"<< /S /#4C#61#75#6E#63#68 /F (cmd.exe) >>",
    b"<< /Type /Filespec /F (x.exe) /EF << /F 5 0 R >> /Embedded#46ile true >>",
    b"<< /S /GoTo /D [3 0 R /Fit] /RichM#65dia true >>",
])
def test_escaped_launch_and_embedding_names_are_flagged(action: bytes) -> None:
    verdict = inspect_file(hb.pdf_with_action(action), "x.pdf")
    assert verdict.accepted and "warn_pdf_active_content" in verdict.warnings


def test_a_script_only_pdfium_can_see_is_flagged() -> None:
    # The Names tree entry is found by PDFium even though its name is escaped.
    verdict = inspect_file(hb.pdf_with_named_script(), "x.pdf")
    assert verdict.details.get("javascript_actions") == 1
    assert "warn_pdf_active_content" in verdict.warnings


@pytest.mark.parametrize("text", [b"/Jav#61", b"/Lau#6Ech#65r", b"/JSON", b"/Font#20Name"])
def test_harmless_escaped_names_are_not_flagged(text: bytes) -> None:
    data = hb.pdf_with_action(b"<< /Type /Annot " + text + b" true >>")
    verdict = inspect_file(data, "x.pdf")
    assert verdict.accepted and "warn_pdf_active_content" not in verdict.warnings
    plain = inspect_file(hb.plain_pdf(), "x.pdf")
    assert plain.accepted and plain.warnings == ()


# ----------------------------------------------------------------------------- OOXML


def test_a_renamed_vba_project_reached_by_its_relationship_is_refused() -> None:
    data = hb.docx_with_hidden_macros()
    assert b"vbaProject.bin" not in data and b"macroEnabled" not in data
    verdict = inspect_file(data, "หนังสือเวียน.docx")
    assert verdict.reason_code == "ooxml_macro"
    assert "มาโคร" in verdict.reason("th")


def test_a_relationship_type_spelled_with_a_character_reference_is_still_read() -> None:
    data = hb.docx_with_hidden_macros(escape_type=True, payload=b"\x89PNG\r\n\x1a\nnot ole")
    assert b"vbaProject" not in data
    assert inspect_file(data, "x.docx").reason_code == "ooxml_macro"


def test_a_vba_project_under_any_name_is_refused_by_its_content() -> None:
    # No relationship points at it and its content type says image: the compound file's own
    # directory (a _VBA_PROJECT stream) gives it away.
    data = hb.docx_with_hidden_macros(relationship=f"{hb.OFFICE_RELS}/image")
    assert inspect_file(data, "x.docx").reason_code == "ooxml_macro"


@pytest.mark.parametrize("relationship", ["vbaProjectSignature", "wordVbaData",
                                          "keyMapCustomizations", "attachedToolbars"])
def test_other_macro_relationships_are_refused(relationship: str) -> None:
    data = hb.docx_with_hidden_macros(target="customizations.xml", payload=b"<x/>",
                                      relationship=f"{hb.MS_RELS}/{relationship}",
                                      extension_type="application/xml")
    assert inspect_file(data, "x.docx").reason_code == "ooxml_macro"


def test_an_excel_4_macro_sheet_is_refused() -> None:
    assert inspect_file(hb.xlsx_with_macro_sheet(), "งบประมาณ.xlsx").reason_code == "ooxml_macro"


def test_ordinary_office_files_with_pictures_and_embedded_objects_pass() -> None:
    picture = hb.docx_with_hidden_macros(relationship=f"{hb.OFFICE_RELS}/image",
                                         payload=b.png(40, 30))
    embedded = hb.docx_with_hidden_macros(
        target="embeddings/oleObject1.bin", relationship=f"{hb.OFFICE_RELS}/oleObject",
        payload=b.xls(), extension_type="application/vnd.openxmlformats-officedocument."
        "oleObject")
    for data in (picture, embedded, b.docx(), b.xlsx()):
        verdict = inspect_file(data, "x.docx" if data is not b.xlsx() else "x.xlsx")
        assert verdict.reason_code in ("", "file_extension_mismatch"), verdict.reason("en")
    assert inspect_file(b.xlsx(), "x.xlsx").accepted
    assert inspect_file(picture, "x.docx").accepted
    assert inspect_file(embedded, "x.docx").accepted


def test_attaching_a_document_with_hidden_macros_saves_nothing(desk: Desk) -> None:  # noqa: F811
    stored = desk.stored_files()
    with pytest.raises(UserError) as refused:
        attach_file(desk.ctx, desk.webmaster, desk.request_id, "หนังสือเวียน.docx",
                    hb.docx_with_hidden_macros())
    assert refused.value.params["verdict"].reason_code == "ooxml_macro"
    assert desk.stored_files() == stored
