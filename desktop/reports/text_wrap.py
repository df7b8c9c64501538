"""Line wrapping for Thai (and mixed Thai/Latin) text, for any measuring function.

Thai is written without spaces between words, so a greedy wrapper that only breaks at
spaces overflows, and one that breaks at any character can strand a vowel or tone mark at
the start of a line.  This wrapper breaks at spaces first, then at likely syllable ends
(before a leading vowel เ แ โ ใ ไ, after ะ ำ ๆ ฯ and after a cancelled consonant ์), and
only as a last resort between two grapheme clusters — never before a combining mark or a
following vowel, never after a leading vowel.

When PyThaiNLP is installed its dictionary tokenizer (``newmm``) finds the word boundaries
instead of the syllable heuristic, so words such as "อำเภอ" are never split.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

Segmenter = Callable[[str], list[str]]

# Marks that sit above/below the previous consonant (and sara am/aa, which follow it).
_COMBINING = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                       "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_FOLLOWING = frozenset("\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f")  # ะ า ำ ๅ ๆ ฯ
_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
_SYLLABLE_END = frozenset("\u0e30\u0e33\u0e46\u0e2f\u0e4c")  # ะ ำ ๆ ฯ ์
_LATIN_BREAK_AFTER = frozenset("/-._?&=,;")
# A line less full than this takes part of a too-long unit (split between clusters)
# rather than leaving a wide gap.
FILL_BEFORE_SPLITTING = 0.6


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _may_break_before(text: str, i: int) -> bool:
    """True when a line may end just before ``text[i]`` (0 < i < len(text))."""
    ch, prev = text[i], text[i - 1]
    return not (ch in _COMBINING or ch in _FOLLOWING or prev in _LEADING or ch.isspace())


def _preferred_break_before(text: str, i: int) -> bool:
    ch, prev = text[i], text[i - 1]
    if prev.isspace():
        return True
    if not _may_break_before(text, i):
        return False
    if _is_thai(ch) and ch in _LEADING:
        return True
    if prev in _SYLLABLE_END:
        return True
    if not _is_thai(ch) and not _is_thai(prev):
        return prev in _LATIN_BREAK_AFTER
    return _is_thai(ch) != _is_thai(prev)  # a change of script


def _split(text: str, boundary: Callable[[str, int], bool]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for i in range(1, len(text)):
        if boundary(text, i):
            pieces.append(text[start:i])
            start = i
    pieces.append(text[start:])
    return [p for p in pieces if p]


def heuristic_units(text: str) -> list[str]:
    """Pieces of ``text`` between likely break points (no dictionary)."""
    return _split(text, _preferred_break_before)


@lru_cache(maxsize=1)
def _dictionary_tokenizer() -> Segmenter | None:
    try:
        from pythainlp.tokenize import word_tokenize
    except ImportError:
        return None

    def tokenize(text: str) -> list[str]:
        return list(word_tokenize(text, engine="newmm", keep_whitespace=True))
    return tokenize


def dictionary_units(text: str) -> list[str]:
    """Words of ``text`` (spaces kept on the word before them); heuristic without PyThaiNLP."""
    tokenize = _dictionary_tokenizer()
    if tokenize is None or not any(_is_thai(ch) for ch in text):
        return heuristic_units(text)
    units: list[str] = []
    for token in tokenize(text):
        for piece in heuristic_units(token) if not any(map(_is_thai, token)) else [token]:
            if units and (piece.isspace() or not _may_break_before(units[-1] + piece,
                                                                   len(units[-1]))):
                units[-1] += piece
            else:
                units.append(piece)
    return units


def has_dictionary() -> bool:
    """True when PyThaiNLP's dictionary word breaker is available."""
    return _dictionary_tokenizer() is not None


def wrap_text(text: str, width: float, measure: Callable[[str], float],
              segmenter: Segmenter = dictionary_units) -> list[str]:
    """Split ``text`` into lines no wider than ``width`` as ``measure`` sees them.

    Newlines in ``text`` are kept as paragraph breaks; an empty paragraph gives an empty
    line.  A single cluster wider than ``width`` gets a line of its own.  ``segmenter``
    cuts a paragraph into units that may end a line (default: words).
    """
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.extend(_wrap_paragraph(paragraph.rstrip(), width, measure, segmenter))
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Callable[[str], float],
                    segmenter: Segmenter) -> list[str]:
    if not paragraph.strip():
        return [""]
    lines: list[str] = []
    current = ""
    for unit in segmenter(paragraph):
        candidate = current + unit
        if measure(candidate.rstrip()) <= width:
            current = candidate
            continue
        if current.strip() and measure(current) >= FILL_BEFORE_SPLITTING * width:
            lines.append(current.rstrip())
            current = ""
            unit = unit.lstrip()
            if measure(unit.rstrip()) <= width:
                current = unit
                continue
        for cluster in _split(unit, _may_break_before):
            candidate = current + cluster
            if measure(candidate.rstrip()) <= width or not current:
                current = candidate
            else:
                lines.append(current.rstrip())
                current = cluster
    if current.strip():
        lines.append(current.rstrip())
    return lines
