"""Command-line mistakes in the user's language.

argparse speaks English only.  :class:`WebdeskParser` (the class of the ``webdesk`` parser
and, through ``add_subparsers``, of every subcommand's) says what was wrong in Thai when the
chosen language is Thai — the language is worked out from the command line before parsing
(:func:`language_of`) — and never echoes a control character the user typed.  Type
checkers for values that must be positive or finite (:func:`positive_int`,
:func:`positive_minutes`) raise messages in the same language.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from typing import NoReturn

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.text_safety import printable


class ArgumentMessage(MessageCode):
    ARGUMENT_NOT_TEXT = (
        "argument_not_text",
        "ส่วน “{word}” ของคำสั่งมีไบต์ที่ไม่ใช่ข้อความ UTF-8 (เช่น ชื่อไฟล์ที่เข้ารหัสแบบอื่น) "
        "กรุณาเปลี่ยนชื่อหรือพิมพ์ใหม่",
        "The argument “{word}” holds bytes that are not UTF-8 text (e.g. a file name in "
        "another encoding); rename it or type it again.",
    )
    SECRET_NOT_TEXT = (
        "secret_not_text",
        "รหัสผ่านที่ได้รับทาง stdin มีไบต์ที่ไม่ใช่ข้อความ UTF-8",
        "The password given on stdin holds bytes that are not UTF-8 text.",
    )


_LANG: ContextVar[str] = ContextVar("webdesk_cli_lang", default="th")

_TYPE_NAMES = {"int": "จำนวนเต็ม", "float": "ตัวเลข"}
# argparse's English messages (Python 3.11) -> Thai.  Values keep argparse's quoting.
_THAI = (
    (r"the following arguments are required: (?P<a>.+)", "ต้องระบุ {a}"),
    (r"one of the arguments (?P<a>.+) is required", "ต้องระบุอย่างใดอย่างหนึ่งใน {a}"),
    (r"argument \w*command: invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)",
     "ไม่มีคำสั่ง {v} (คำสั่งที่มี: {c})"),
    (r"argument (?P<arg>\S+): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)",
     "{arg}: ไม่มีตัวเลือก {v} (เลือกได้: {c})"),
    (r"argument (?P<arg>\S+): invalid (?P<t>\w+) value: (?P<v>.+)",
     "{arg}: {v} ไม่ใช่{type}"),
    (r"argument (?P<arg>\S+): expected one argument", "{arg}: ต้องมีค่าตามหลัง"),
    (r"argument (?P<arg>\S+): expected at least one argument",
     "{arg}: ต้องมีค่าตามหลังอย่างน้อยหนึ่งค่า"),
    (r"argument (?P<arg>\S+): expected at most one argument", "{arg}: รับค่าได้ไม่เกินหนึ่งค่า"),
    (r"argument (?P<arg>\S+): expected (?P<n>\d+) arguments?", "{arg}: ต้องมีค่าตามหลัง {n} ค่า"),
    (r"argument (?P<arg>\S+): not allowed with argument (?P<b>\S+)",
     "ใช้ {arg} ร่วมกับ {b} ไม่ได้"),
    (r"argument (?P<arg>\S+): ignored explicit argument (?P<v>.+)",
     "{arg}: ไม่รับค่า {v}"),
    (r"unrecognized arguments: (?P<a>.+)", "ไม่รู้จักส่วนนี้ของคำสั่ง: {a}"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.+)",
     "ตัวเลือก {o} กำกวม อาจหมายถึง {m}"),
    (r"(?P<o>--\S+) must follow a --file", "{o} ต้องตามหลัง --file"),
    (r"argument (?P<arg>\S+): (?P<m>.+)", "{arg}: {m}"),
)


def language_of(argv: Sequence[str]) -> str:
    """``--lang th|en`` (or ``--lang=...``) on the command line, else WEBDESK_LANG, else
    Thai: WebDesk speaks Thai first, whatever the system locale."""
    chosen = os.environ.get("WEBDESK_LANG", "").strip().lower()
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif word.startswith("--lang="):
            chosen = word.partition("=")[2]
    return chosen if chosen in ("th", "en") else "th"


def not_text(value: str) -> bool:
    """True when ``value`` came from bytes that are not UTF-8 (Python keeps them as lone
    surrogates: they cannot be stored, hashed or printed)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def refuse_undecodable(argv: Sequence[str]) -> None:
    """A :class:`UserError` naming the first argument that is not UTF-8 text."""
    for word in argv:
        if not_text(word):
            shown = word.encode("utf-8", "replace").decode("utf-8")
            raise UserError(ArgumentMessage.ARGUMENT_NOT_TEXT, word=printable(shown)[:200])


def use_language(lang: str) -> None:
    """The language of the parser's messages for what follows (one command)."""
    _LANG.set(lang if lang in ("th", "en") else "th")


def thai_usage_error(message: str) -> str:
    """argparse's English ``message`` said in Thai (unknown ones keep their English after a
    Thai lead-in, so the user still reads what argparse found)."""
    for pattern, template in _THAI:
        found = re.fullmatch(pattern, message, flags=re.DOTALL)
        if found:
            values = found.groupdict()
            values["type"] = _TYPE_NAMES.get(values.get("t") or "", "ค่าที่ใช้ได้")
            return template.format(**values)
    return f"คำสั่งไม่ถูกต้อง: {message}"


class WebdeskParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors come in the chosen language, control characters
    taken out; exit code 2 like argparse's."""

    def error(self, message: str) -> NoReturn:
        if _LANG.get() != "th":
            self.print_usage(sys.stderr)
            self.exit(2, printable(f"{self.prog}: error: {message}\n"))
        text = thai_usage_error(message)
        self.exit(2, printable(f"{self.prog}: {text}\n(ดูวิธีใช้: {self.prog} --help)\n"))


def _said(thai: str, english: str) -> str:
    return thai if _LANG.get() == "th" else english


def positive_int(text: str) -> int:
    """A whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_said(
            f"“{text}” ไม่ใช่จำนวนเต็ม", f"“{text}” is not a whole number")) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_said(
            f"ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป (ระบุไว้ {value})",
            f"must be a whole number of at least 1 (given {value})"))
    return value


MAX_MINUTES = 24 * 60


def positive_minutes(text: str) -> float:
    """Minutes: a finite number above 0 and at most a day."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or not 0 < value <= MAX_MINUTES:
        raise argparse.ArgumentTypeError(_said(
            f"ต้องเป็นจำนวนนาทีมากกว่า 0 และไม่เกิน {MAX_MINUTES} (ระบุไว้ “{text}”)",
            f"must be a number of minutes above 0 and at most {MAX_MINUTES} "
            f"(given “{text}”)"))
    return value
