"""Text that is safe to print on a terminal: names and titles come from the database (anyone
may have written them), so escape sequences and other control characters are taken out."""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}


def printable(text: str) -> str:
    """``text`` without control characters (C0, DEL, C1) or bidi overrides; newlines and tabs
    stay.  Thai combining marks are not control characters and are kept."""
    out = []
    for char in text:
        if char in _KEEP:
            out.append(char)
            continue
        category = unicodedata.category(char)
        if category == "Cc" or char in _BIDI_CONTROLS:
            continue
        out.append(char)
    return "".join(out)


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
