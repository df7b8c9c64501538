"""Per-PC settings (not in the shared database): shared-PC mode and the idle lock time.

Kept in the profile's ``settings.json`` under the ``workstation`` key; other keys in that file
belong to others and are preserved.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings, write_pc_setting

KEY = "workstation"
DEFAULT_IDLE_SECONDS = 5 * 60


@dataclass(frozen=True)
class WorkstationSettings:
    shared_pc: bool = False
    idle_lock_seconds: float = DEFAULT_IDLE_SECONDS
    lock_after_decision: bool = True




def load_workstation_settings(paths: AppPaths) -> WorkstationSettings:
    raw = read_pc_settings(paths.settings_file).get(KEY)
    if not isinstance(raw, dict):
        return WorkstationSettings()
    default = WorkstationSettings()
    try:
        idle = float(raw.get("idle_lock_seconds", default.idle_lock_seconds))
    except (TypeError, ValueError):
        idle = default.idle_lock_seconds
    usable = math.isfinite(idle) and idle > 0       # "inf" would mean: never lock
    return WorkstationSettings(shared_pc=bool(raw.get("shared_pc", default.shared_pc)),
                               idle_lock_seconds=idle if usable else default.idle_lock_seconds,
                               lock_after_decision=bool(raw.get("lock_after_decision", True)))


def save_workstation_settings(paths: AppPaths, settings: WorkstationSettings) -> None:
    write_pc_setting(paths, KEY, asdict(settings))
