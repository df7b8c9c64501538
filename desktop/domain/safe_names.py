"""Names for attachments: a clean display name (kept, Thai as is) and a URL-safe web name.

* :func:`clean_display_name` keeps what a person typed (Thai included), NFC-normalised, with
  folders, control and bidi-override characters removed and the length bounded.
* :func:`web_names` gives every file of a request a lower-case ASCII slug such as
  ``annual-report-2569.pdf``; names with no ASCII letters (typically Thai) become
  ``file-<n>.pdf`` (deterministic, no transliteration); names are unique within the request.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

DISPLAY_NAME_MAX = 200
WEB_NAME_MAX = 80
WEB_EXTENSION_MAX = 8

# Directional overrides/isolates and marks can disguise "fdp.exe" as "exe.pdf".
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
)
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)]
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _is_unwanted(char: str) -> bool:
    if char in _BIDI_CONTROLS or char == "\ufeff":
        return True
    category = unicodedata.category(char)
    return category in ("Cc", "Cs", "Co", "Cn") or category in ("Zl", "Zp")


def clean_display_name(name: str) -> str:
    """The name to show: last path component, NFC, no control chars, at most 200 chars."""
    text = unicodedata.normalize("NFC", str(name))
    text = text.replace("\\", "/").split("/")[-1]
    text = "".join(" " if char in "\t\r\n" else char for char in text if not _is_unwanted(char)
                   or char in "\t\r\n")
    text = " ".join(text.split())
    text = text.strip(" .")
    if not text:
        return "file"
    if len(text) > DISPLAY_NAME_MAX:
        stem, ext = split_extension(text)
        keep = DISPLAY_NAME_MAX - (len(ext) + 1 if ext else 0)
        text = stem[:keep].rstrip(" .") + (f".{ext}" if ext else "")
    return text


def split_extension(name: str) -> tuple[str, str]:
    """``("report", "PDF")`` for ``report.PDF``; an extension is 1-8 letters or digits."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or len(ext) > WEB_EXTENSION_MAX or not ext.isalnum():
        return name, ""
    if not ext.isascii():
        return name, ""
    return stem, ext


def display_extension(name: str) -> str:
    """The lower-case extension of a (cleaned) display name, or ``""``."""
    return split_extension(clean_display_name(name))[1].lower()


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits separated by single hyphens (may be empty)."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if c.isascii() and not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")


def web_name(display_name: str, position: int, extension: str | None = None) -> str:
    """The web name for one file (``position`` counts from 1); not yet unique in a request."""
    stem, ext = split_extension(clean_display_name(display_name))
    ext = slug(extension if extension is not None else ext).replace("-", "")[:WEB_EXTENSION_MAX]
    base = slug(stem)
    if not any(c.isalpha() for c in base) or base in _WINDOWS_RESERVED:
        base = f"file-{position}" + (f"-{base}" if base else "")
    room = WEB_NAME_MAX - (len(ext) + 1 if ext else 0)
    base = base[:room].rstrip("-")
    return f"{base}.{ext}" if ext else base


def web_names(
    display_names: Sequence[str],
    extensions: Sequence[str | None] | None = None,
    taken: Iterable[str] = (),
) -> list[str]:
    """Unique web names, in order, for a request's files (``taken`` = names already in use)."""
    used = {name.lower() for name in taken}
    result: list[str] = []
    for index, display in enumerate(display_names):
        ext_override = extensions[index] if extensions is not None else None
        candidate = web_name(display, index + 1, ext_override)
        result_name = _make_unique(candidate, used)
        used.add(result_name)
        result.append(result_name)
    return result


def _make_unique(candidate: str, used: set[str]) -> str:
    if candidate not in used:
        return candidate
    stem, dot, ext = candidate.rpartition(".")
    if not dot:
        stem, ext = candidate, ""
    counter = 2
    while True:
        suffix = f"-{counter}"
        room = WEB_NAME_MAX - len(suffix) - (len(ext) + 1 if ext else 0)
        name = stem[:room].rstrip("-") + suffix + (f".{ext}" if ext else "")
        if name not in used:
            return name
        counter += 1
