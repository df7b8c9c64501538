"""The one way WebDesk writes a byte size: 812 B, 3.4 KB, 12.0 MB, 1.2 GB (1 KB = 1,024 B).

Thai writes bytes as ``ไบต์``; the larger units keep their Latin abbreviations, as Thai
government sites write them.
"""

from __future__ import annotations

_UNITS = (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024))


def format_size(size: float, lang: str = "en") -> str:
    """``size`` bytes for people: one decimal from KB up, whole bytes below."""
    for unit, scale in _UNITS:
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{int(size)} ไบต์" if lang == "th" else f"{int(size)} B"
