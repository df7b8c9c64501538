"""This PC's switch for the SSH fast path (``settings.json``: ``{"fast_path": {"enabled":
false}}``), applied when the profile is opened.  ``WEBDESK_FAST_PATH=0`` in the environment
also switches it off; nothing here can switch on what the self-check refused
(:mod:`desktop.publish.fast_path`)."""

from __future__ import annotations

import sys

from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings, write_pc_setting

KEY = "fast_path"


def fast_path_enabled(paths: AppPaths) -> bool:
    raw = read_pc_settings(paths.settings_file).get(KEY)
    return not (isinstance(raw, dict) and raw.get("enabled") is False)


def apply_fast_path_setting(paths: AppPaths) -> None:
    """Tell the publish room (imported only when needed: paramiko takes a quarter second)."""
    enabled = fast_path_enabled(paths)
    if enabled and "desktop.publish.fast_path" not in sys.modules:
        return                      # on is the default of a fresh import
    from desktop.publish import fast_path

    fast_path.configure(enabled=enabled)


def set_fast_path_enabled(paths: AppPaths, enabled: bool) -> None:
    write_pc_setting(paths, KEY, {"enabled": enabled})
    apply_fast_path_setting(paths)
