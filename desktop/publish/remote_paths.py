"""Remote names that cannot leave the web root: relative, no ``..``, no hidden or odd parts.

Symbolic links are checked on the server by the uploader (``lstat`` of every existing part).
"""

from __future__ import annotations

import posixpath
import unicodedata

from desktop.publish.errors import PublishError

MAX_PART = 255


def safe_relative(path: str, *, allow_empty: bool = False) -> str:
    """``path`` as a clean relative POSIX path, or :class:`PublishError` ``sftp_unsafe_path``.

    Refused: absolute paths, ``..`` and ``.`` parts, empty parts (``a//b``), backslashes,
    control characters, parts starting with a dot (``.htaccess``, our staging folders) and
    parts longer than 255 bytes.
    """
    text = unicodedata.normalize("NFC", path or "")
    if not text:
        if allow_empty:
            return ""
        raise PublishError("sftp_unsafe_path", path=repr(path))
    if text.startswith("/") or "\\" in text or text.endswith("/"):
        raise PublishError("sftp_unsafe_path", path=path)
    for part in text.split("/"):
        if (not part or part in (".", "..") or part.startswith(".")
                or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in part)
                or len(part.encode("utf-8")) > MAX_PART):
            raise PublishError("sftp_unsafe_path", path=path)
    return text


def join(root: str, *parts: str) -> str:
    """Join already-checked parts under an absolute root."""
    pieces = [p for p in parts if p]
    return posixpath.join(root.rstrip("/") or "/", *pieces) if pieces else (root.rstrip("/")
                                                                             or "/")


def prefixes(relative: str) -> list[str]:
    """``a/b/c`` -> ``["a", "a/b", "a/b/c"]``."""
    parts = relative.split("/") if relative else []
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
