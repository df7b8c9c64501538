"""Why the system refused a file operation, in Thai and English.

``OSError.strerror`` is English ("No space left on device"); a message for a Thai user says
the reason in Thai.  :func:`os_reason` gives a :class:`~desktop.domain.messages.Localized`
to pass as a message parameter (``UserError("...", detail=os_reason(exc))``): the catalogue
renders it in the user's language.
"""

from __future__ import annotations

import errno

from desktop.domain.messages import Localized

_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("ดิสก์เต็ม", "the disk is full"),
    getattr(errno, "EDQUOT", -2): ("เกินโควตาพื้นที่ดิสก์", "the disk quota is used up"),
    errno.EROFS: ("ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว)", "the disk is read-only"),
    errno.EACCES: ("ไม่มีสิทธิ์เขียนหรืออ่านที่นี่", "permission denied"),
    errno.EPERM: ("ไม่มีสิทธิ์ทำรายการนี้", "operation not permitted"),
    errno.ENOENT: ("ไม่มีไฟล์หรือโฟลเดอร์นี้", "no such file or folder"),
    errno.ENOTDIR: ("ส่วนหนึ่งของเส้นทางไม่ใช่โฟลเดอร์", "part of the path is not a folder"),
    errno.EISDIR: ("เป็นโฟลเดอร์ ไม่ใช่ไฟล์", "it is a folder, not a file"),
    errno.EEXIST: ("มีไฟล์ชื่อนี้อยู่แล้ว", "a file of that name is already there"),
    errno.ENAMETOOLONG: ("ชื่อไฟล์ยาวเกินไป", "the file name is too long"),
    errno.EIO: ("ดิสก์อ่านหรือเขียนผิดพลาด", "a disk input/output error"),
    errno.EFBIG: ("ไฟล์ใหญ่เกินที่ดิสก์รับได้", "the file is too large for the disk"),
    errno.EMFILE: ("เปิดไฟล์พร้อมกันมากเกินไป", "too many open files"),
    errno.EBUSY: ("ไฟล์กำลังถูกใช้งาน", "the file is busy"),
}


def os_reason(exc: OSError) -> Localized:
    """The reason of ``exc`` in both languages (the system's English text when unknown)."""
    known = _REASONS.get(exc.errno or -1)
    if known is not None:
        return Localized(*known)
    text = exc.strerror or type(exc).__name__
    return Localized(text, text)
