"""The on-disk render cache: keyed by SHA-256 + variant + size, bounded, clearable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.files.render_cache import RenderCache

A, B, C = "a" * 64, "b" * 64, "c" * 64


def test_put_get_and_key_includes_size(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path / "renders")
    cache.put(A, "thumb", 320, 200, b"png-a")
    assert cache.get(A, "thumb", 320, 200) == b"png-a"
    assert cache.get(A, "thumb", 160, 100) is None
    assert cache.get(B, "thumb", 320, 200) is None


def test_bounded_least_recently_used_goes_first(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path, max_bytes=250)
    cache.put(A, "page1", 100, 0, b"x" * 100)
    cache.put(B, "page1", 100, 0, b"y" * 100)
    old = cache.path_for(A, "page1", 100)
    os.utime(old, ns=(1, 1))                       # A is the stalest...
    os.utime(cache.path_for(B, "page1", 100), ns=(2, 2))
    assert cache.get(A, "page1", 100) == b"x" * 100   # ...until it is used again
    cache.put(C, "page1", 100, 0, b"z" * 100)
    assert cache.total_bytes() <= 250
    assert cache.get(B, "page1", 100) is None
    assert cache.get(A, "page1", 100) is not None and cache.get(C, "page1", 100) is not None


def test_clear(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    cache.put(A, "thumb", 1, 1, b"1")
    cache.put(B, "thumb", 1, 1, b"2")
    assert cache.clear() == 2
    assert cache.entries() == [] and cache.get(A, "thumb", 1, 1) is None


def test_bad_keys_are_refused(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    with pytest.raises(ValueError):
        cache.path_for("../../etc/passwd", "thumb", 1)
    with pytest.raises(ValueError):
        cache.path_for(A, "../x", 1)
