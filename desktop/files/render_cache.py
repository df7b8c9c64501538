"""A bounded on-disk cache of thumbnails and page renders, keyed by SHA-256 + variant + size.

``RenderCache(paths.cache_dir / "renders")``; ``get``/``put`` bytes; least recently used entries
go first when the total passes ``max_bytes``; ``clear()`` empties it (the "clear cache" setting).
Writes are atomic (temporary file + rename), so a crash never leaves a half-written entry.
Qt-free: callers encode images themselves (PNG/JPEG bytes).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_SHA = re.compile(r"^[0-9a-f]{64}$")
_VARIANT = re.compile(r"^[a-z0-9_\-]{1,40}$")


class RenderCache:
    def __init__(self, root: Path, max_bytes: int = 256 * 1024 * 1024) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes

    def path_for(self, sha256: str, variant: str, width: int, height: int = 0) -> Path:
        sha = sha256.lower()
        if not _SHA.match(sha) or not _VARIANT.match(variant):
            raise ValueError("cache key needs a SHA-256 hex digest and a simple variant name")
        return self.root / sha[:2] / f"{sha}_{variant}_{int(width)}x{int(height)}.bin"

    def get(self, sha256: str, variant: str, width: int, height: int = 0) -> bytes | None:
        path = self.path_for(sha256, variant, width, height)
        try:
            data = path.read_bytes()
            os.utime(path)  # most recently used
        except OSError:
            return None
        return data

    def put(self, sha256: str, variant: str, width: int, height: int, data: bytes) -> Path:
        path = self.path_for(sha256, variant, width, height)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.evict()
        return path

    def entries(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return [p for p in self.root.glob("??/*.bin") if p.is_file()]

    def total_bytes(self) -> int:
        return sum(_size(p) for p in self.entries())

    def evict(self) -> int:
        """Drop least recently used entries until the cache fits; returns how many went."""
        entries = [(p, p.stat()) for p in self.entries()]
        total = sum(s.st_size for _, s in entries)
        removed = 0
        for path, stat in sorted(entries, key=lambda e: e[1].st_mtime_ns):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= stat.st_size
            removed += 1
        return removed

    def clear(self) -> int:
        removed = 0
        for path in self.entries():
            path.unlink(missing_ok=True)
            removed += 1
        for folder in self.root.glob("??") if self.root.is_dir() else ():
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        return removed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
