"""The on-disk thumbnail/render cache of this PC: its size limit, on/off, and clearing it.

Kept in the profile's ``settings.json`` under ``render_cache`` (per PC, like shared-PC mode).
On a shared PC the cache is off, so nothing of one person's files stays on disk for the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.files.render_cache import RenderCache
from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings, write_pc_setting

KEY = "render_cache"
DEFAULT_MAX_MB = 256


@dataclass(frozen=True)
class RenderCacheSettings:
    enabled: bool = True
    max_mb: int = DEFAULT_MAX_MB




def cache_folder(paths: AppPaths) -> Path:
    return paths.cache_dir / "renders"


def load_settings(paths: AppPaths) -> RenderCacheSettings:
    raw = read_pc_settings(paths.settings_file).get(KEY)
    if not isinstance(raw, dict):
        return RenderCacheSettings()
    try:
        max_mb = max(1, int(raw.get("max_mb", DEFAULT_MAX_MB)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        max_mb = DEFAULT_MAX_MB
    return RenderCacheSettings(enabled=bool(raw.get("enabled", True)), max_mb=max_mb)


def save_settings(paths: AppPaths, settings: RenderCacheSettings) -> None:
    write_pc_setting(paths, KEY, {"enabled": settings.enabled, "max_mb": settings.max_mb})


def render_cache_for(paths: AppPaths) -> RenderCache | None:
    """The cache to use, or None (switched off, or a shared PC)."""
    from desktop.services.workstation import load_workstation_settings

    settings = load_settings(paths)
    if not settings.enabled or load_workstation_settings(paths).shared_pc:
        return None
    return RenderCache(cache_folder(paths), settings.max_mb * 1024 * 1024)


def clear_render_cache(paths: AppPaths) -> int:
    """Delete every cached render; returns how many cached files were removed."""
    return RenderCache(cache_folder(paths)).clear()
