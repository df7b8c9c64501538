"""Thai and English texts for every reason a file is refused or flagged (see file_policy)."""

from __future__ import annotations

from desktop.domain.messages import register

FILE_MESSAGES: dict[str, tuple[str, str]] = {
    # policy and request limits
    "file_policy_invalid": ("ค่านโยบายไฟล์ไม่ถูกต้อง: {field}", "Invalid file policy setting: {field}"),
    "request_too_many_files": (
        "คำขอมีไฟล์แนบ {count} ไฟล์ เกินกว่าที่กำหนด ({limit} ไฟล์)",
        "The request has {count} files; at most {limit} are allowed.",
    ),
    "request_too_large": (
        "ไฟล์แนบรวมกันมีขนาด {size} ไบต์ เกินกว่าที่กำหนด ({limit} ไบต์)",
        "The attachments total {size} bytes; at most {limit} bytes are allowed.",
    ),
    # generic
    "file_not_found": ("ไม่พบไฟล์หรือเปิดอ่านไม่ได้", "The file does not exist or cannot be read."),
    "file_unreadable_detail": ("อ่านไฟล์ไม่ได้: {detail}", "The file cannot be read: {detail}"),
    "inspect_no_files": ("ไม่พบไฟล์ที่จะตรวจ", "No files to inspect."),
    "file_empty": ("ไฟล์ว่างเปล่า (0 ไบต์)", "The file is empty (0 bytes)."),
    "file_too_large": (
        "ไฟล์มีขนาด {size} ไบต์ เกินกว่าที่กำหนด ({limit} ไบต์)",
        "The file is {size} bytes; at most {limit} bytes are allowed.",
    ),
    "file_no_extension": (
        "ชื่อไฟล์ไม่มีนามสกุล (ต้องเป็น pdf, xls, xlsx, doc, docx, jpg, png, zip หรือ rar)",
        "The file name has no extension (pdf, xls, xlsx, doc, docx, jpg, png, zip or rar).",
    ),
    "file_extension_not_allowed": (
        "ไม่อนุญาตไฟล์นามสกุล .{extension}",
        "Files with the extension .{extension} are not allowed.",
    ),
    "file_kind_not_allowed": (
        "นโยบายไฟล์ไม่อนุญาตไฟล์ประเภท {kind}",
        "The file policy does not allow {kind} files.",
    ),
    "file_extension_mismatch": (
        "นามสกุล .{extension} ไม่ตรงกับเนื้อหาจริงของไฟล์ ({actual})",
        "The extension .{extension} does not match the content ({actual}).",
    ),
    "file_executable": (
        "ไฟล์นี้เป็นโปรแกรม ({actual}) ไม่อนุญาตให้เผยแพร่",
        "This file is a program ({actual}) and cannot be published.",
    ),
    "file_script": (
        "ไฟล์นี้เป็นสคริปต์หรือคำสั่ง ({actual}) ไม่อนุญาตให้เผยแพร่",
        "This file is a script ({actual}) and cannot be published.",
    ),
    "file_markup": (
        "ไฟล์นี้เป็นเอกสารเว็บหรือโค้ด ({actual}) ไม่อนุญาตให้แนบ",
        "This file is web markup or code ({actual}) and cannot be attached.",
    ),
    "file_unknown_type": (
        "ไม่รู้จักประเภทของไฟล์นี้จากเนื้อหา",
        "The type of this file cannot be recognised from its content.",
    ),
    "file_polyglot": (
        "ไฟล์นี้มีเนื้อหาของไฟล์ประเภทอื่นซ่อนอยู่ ({actual})",
        "This file hides content of another type ({actual}).",
    ),
    "file_check_failed": (
        "ตรวจสอบไฟล์ไม่สำเร็จ: {detail}",
        "The file could not be checked: {detail}",
    ),
    # images
    "image_corrupt": (
        "ไฟล์ภาพเสียหายหรือไม่สมบูรณ์: {detail}",
        "The image is damaged or incomplete: {detail}",
    ),
    "image_bomb": (
        "ภาพมีขนาด {width}×{height} พิกเซล ใหญ่เกินกว่าจะเปิดได้อย่างปลอดภัย (สูงสุด {limit} พิกเซล)",
        "The image is {width}×{height} pixels, too large to open safely (limit {limit} pixels).",
    ),
    "image_decode_memory": (
        "ภาพขนาด {width}×{height} พิกเซลนี้ต้องใช้หน่วยความจำราว {need_mb} MB ในการเปิด "
        "เกินที่กำหนด ({limit_mb} MB) กรุณาลดขนาดภาพ หรือบันทึกใหม่เป็น JPEG แบบธรรมดา (baseline)",
        "Opening this {width}×{height} image would need about {need_mb} MB of memory (limit "
        "{limit_mb} MB); make it smaller or save it again as a standard (baseline) JPEG.",
    ),
    "image_decode_work": (
        "ภาพ JPEG นี้มี {scans} สแกน ต้องถอดรหัสถึง {blocks_m} ล้านบล็อก เกินที่กำหนด "
        "({limit_m} ล้านบล็อก) อาจเป็นไฟล์ที่จงใจทำให้เครื่องช้า กรุณาบันทึกใหม่เป็น JPEG แบบธรรมดา (baseline)",
        "This JPEG has {scans} scans: decoding it means {blocks_m} million blocks (limit "
        "{limit_m} million), which may be a deliberate slowdown; save it again as a standard "
        "(baseline) JPEG.",
    ),
    # pdf
    "pdf_bad_header": ("ส่วนหัวของไฟล์ PDF ไม่ถูกต้อง", "The PDF header is missing or invalid."),
    "pdf_no_trailer": (
        "ไฟล์ PDF ไม่สมบูรณ์ (ไม่พบส่วนท้าย %%EOF/startxref)",
        "The PDF is incomplete (no %%EOF/startxref trailer).",
    ),
    "pdf_corrupt": ("ไฟล์ PDF เสียหาย: {detail}", "The PDF is damaged: {detail}"),
    "pdf_password": (
        "ไฟล์ PDF ถูกตั้งรหัสผ่านเปิดเอกสาร ผู้เข้าชมเว็บไซต์จะเปิดไม่ได้",
        "The PDF needs a password to open; website visitors could not read it.",
    ),
    "pdf_no_pages": ("ไฟล์ PDF ไม่มีหน้าเอกสาร", "The PDF has no pages."),
    # office
    "ooxml_not_package": (
        "ไฟล์ไม่ใช่เอกสาร Office (OOXML) ที่ถูกต้อง: {detail}",
        "The file is not a valid Office (OOXML) document: {detail}",
    ),
    "ooxml_macro": (
        "เอกสารมีมาโคร (VBA) ซึ่งไม่อนุญาต (เช่น .docm/.xlsm ที่เปลี่ยนนามสกุล)",
        "The document contains macros (VBA), which are not allowed (e.g. a renamed .docm/.xlsm).",
    ),
    "ooxml_remote_content": (
        "เอกสารดึงเนื้อหาจากภายนอกเมื่อเปิด (เช่น แม่แบบหรือวัตถุจากเว็บไซต์อื่น): {detail}",
        "The document loads content from elsewhere when opened (remote template/object): {detail}",
    ),
    "ole_corrupt": (
        "ไฟล์ Office รุ่นเก่า (OLE2) เสียหาย: {detail}",
        "The legacy Office (OLE2) file is damaged: {detail}",
    ),
    "ole_macro": ("เอกสารมีมาโคร (VBA) ซึ่งไม่อนุญาต", "The document contains macros (VBA)."),
    "office_encrypted": (
        "เอกสาร Office ถูกเข้ารหัสด้วยรหัสผ่าน ผู้เข้าชมเว็บไซต์จะเปิดไม่ได้",
        "The Office document is password-encrypted; website visitors could not open it.",
    ),
    # archives
    "archive_corrupt": ("ไฟล์บีบอัดเสียหาย: {detail}", "The archive is damaged: {detail}"),
    "archive_unsafe_path": (
        "ไฟล์บีบอัดมีชื่อไฟล์ภายในที่อันตราย: {entry}",
        "The archive contains an unsafe entry name: {entry}",
    ),
    "archive_encrypted": (
        "ไฟล์บีบอัดมีไฟล์ที่ตั้งรหัสผ่าน: {entry}",
        "The archive contains a password-protected entry: {entry}",
    ),
    "archive_bomb": (
        "ไฟล์บีบอัดขยายได้ใหญ่ผิดปกติ (zip bomb): {detail}",
        "The archive expands to an abnormal size (zip bomb): {detail}",
    ),
    "archive_too_many_entries": (
        "ไฟล์บีบอัดมีไฟล์ภายในเกิน {limit} ไฟล์",
        "The archive holds more than {limit} entries.",
    ),
    "archive_too_deep": (
        "ไฟล์บีบอัดซ้อนกันเกิน {limit} ชั้น",
        "Archives are nested more than {limit} levels deep.",
    ),
    "archive_executable": (
        "ไฟล์บีบอัดมีโปรแกรมหรือสคริปต์อยู่ภายใน: {entry}",
        "The archive contains a program or script: {entry}",
    ),
    # warnings (no parameters)
    "warn_name_cleaned": (
        "ชื่อไฟล์ถูกปรับให้ปลอดภัย (ตัดอักขระควบคุม/เส้นทาง/ความยาว)",
        "The file name was cleaned (control characters, folders or length removed).",
    ),
    "warn_pdf_encrypted": (
        "ไฟล์ PDF ถูกเข้ารหัส (จำกัดสิทธิ์การพิมพ์/คัดลอก) แต่เปิดอ่านได้",
        "The PDF is encrypted (print/copy restrictions) but opens without a password.",
    ),
    "warn_pdf_active_content": (
        "ไฟล์ PDF มี JavaScript, คำสั่งเปิดโปรแกรม หรือไฟล์ฝัง",
        "The PDF contains JavaScript, launch actions or embedded files.",
    ),
    "warn_office_embedded_objects": (
        "เอกสารมีวัตถุฝังหรือ ActiveX อยู่ภายใน",
        "The document contains embedded objects or ActiveX controls.",
    ),
    "warn_archive_executable": (
        "ไฟล์บีบอัดมีโปรแกรมหรือสคริปต์อยู่ภายใน",
        "The archive contains a program or script.",
    ),
    "warn_rar_not_listed": (
        "ตรวจรายชื่อไฟล์ภายใน RAR แล้ว แต่ไม่ได้แตกไฟล์ออกมาตรวจเนื้อหา",
        "The list of files inside the RAR was checked; the files were not unpacked.",
    ),
    "warn_nested_archive_unchecked": (
        "มีไฟล์บีบอัดซ้อนอยู่ภายในที่ตรวจเนื้อหาไม่ได้",
        "A nested archive inside could not be inspected.",
    ),
    "warn_image_metadata": (
        "ภาพมีข้อมูลกำกับ (EXIF/GPS/XMP) ซึ่งจะถูกลบออกจากสำเนาที่เผยแพร่",
        "The image carries metadata (EXIF/GPS/XMP); it is removed from the published copy.",
    ),
    "warn_image_trailing_data": (
        "มีข้อมูลแปลกปลอมต่อท้ายภาพ (จะไม่อยู่ในสำเนาที่เผยแพร่)",
        "Unexpected data follows the end of the image (it is not in the published copy).",
    ),
    "warn_image_gps": (
        "ภาพมีพิกัด GPS ซึ่งจะถูกลบออกจากสำเนาที่เผยแพร่",
        "The image carries GPS coordinates; they are removed from the published copy.",
    ),
}

register(FILE_MESSAGES)
