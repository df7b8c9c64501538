"""desktop.services.render_cache_settings: the thumbnail cache of this PC (off on a shared
PC), its size limit, and clearing it."""

from __future__ import annotations

from pathlib import Path

from desktop.services.pc_settings import write_pc_setting
from desktop.services.render_cache_settings import (
    DEFAULT_MAX_MB,
    RenderCacheSettings,
    cache_folder,
    clear_render_cache,
    load_settings,
    render_cache_for,
    save_settings,
)
from desktop.services.workstation import WorkstationSettings, save_workstation_settings
from tests.unit.services.support import pc_paths


def test_defaults_and_a_saved_choice(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    assert load_settings(paths) == RenderCacheSettings(True, DEFAULT_MAX_MB)
    save_settings(paths, RenderCacheSettings(enabled=False, max_mb=32))
    assert load_settings(paths) == RenderCacheSettings(False, 32)


def test_bad_sizes_are_read_as_something_usable(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "render_cache", {"max_mb": "lots"})
    assert load_settings(paths).max_mb == DEFAULT_MAX_MB
    write_pc_setting(paths, "render_cache", {"max_mb": -3})
    assert load_settings(paths).max_mb == 1


def test_the_cache_exists_only_when_on_and_not_on_a_shared_pc(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    cache = render_cache_for(paths)
    assert cache is not None and cache.max_bytes == DEFAULT_MAX_MB * 1024 * 1024
    save_settings(paths, RenderCacheSettings(enabled=False))
    assert render_cache_for(paths) is None
    save_settings(paths, RenderCacheSettings(enabled=True))
    save_workstation_settings(paths, WorkstationSettings(shared_pc=True))
    assert render_cache_for(paths) is None


def test_clearing_removes_every_cached_render(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    cache = render_cache_for(paths)
    assert cache is not None
    cache.put("ab" * 32, "thumb", 120, 0, b"\x89PNG fake")
    cache.put("cd" * 32, "page", 800, 600, b"\x89PNG other")
    assert clear_render_cache(paths) == 2
    assert [p for p in cache_folder(paths).rglob("*") if p.is_file()] == []
    assert clear_render_cache(paths) == 0
