"""Text that is safe to print on a terminal: names and titles come from the database (anyone
may have written them) and file names from the disk, so escape sequences and other control
characters are taken out before they reach a terminal.

* :func:`printable` — a message or a line: control characters (C0 including ESC and CR, DEL,
  C1 including the one-byte CSI) and bidirectional overrides/isolates/marks are removed;
  newlines and tabs stay.  Thai vowels, tone marks and the zero-width space Thai text uses
  between words are kept.
* :func:`one_line` — a value inside a line (a title in a table row): also newlines, tabs and
  Unicode line/paragraph separators become a space, so a value cannot fake a row of its own.
* :func:`terminal_json` — JSON for a terminal: the data is kept whole, every character
  :func:`printable` would remove is written as a ``\\uXXXX`` escape.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

_KEEP = frozenset("\n\t")
_LINE_BREAKS = frozenset("\n\t\u2028\u2029\u0085\v\f\r")
# Embeddings and overrides (LRE RLE PDF LRO RLO), isolates (LRI RLI FSI PDI) and the marks
# LRM, RLM and ALM: they reorder what is shown ("Trojan Source", disguised file names).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                           "\u200e\u200f\u061c")


def _unsafe(char: str) -> bool:
    if char in _KEEP:
        return False
    return (unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS)


def printable(text: str) -> str:
    """``text`` without control characters (C0, DEL, C1), bidi controls or line/paragraph
    separators; newlines and tabs stay.  Thai combining marks are not control characters."""
    if text.isprintable():  # the common case: nothing to take out (newline/tab are not)
        return text
    return "".join(char for char in text if not _unsafe(char))


def one_line(text: str) -> str:
    """A value to put inside one line of output: :func:`printable`, with every line break or
    tab (also CR, NEL, U+2028/U+2029) turned into a single space."""
    spaced = "".join(" " if char in _LINE_BREAKS else char for char in text)
    return printable(spaced)


def terminal_json(data: Any, *, indent: int | None = None) -> str:
    """``json.dumps(data, ensure_ascii=False)`` (Thai stays readable) with every character a
    terminal could act on escaped as ``\\uXXXX``: the same data for a program reading it."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if text.isprintable():
        return text
    return "".join(f"\\u{ord(char):04x}" if _unsafe(char) else char for char in text)
