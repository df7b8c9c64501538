"""desktop.services.workstation: shared-PC mode and the idle lock of this PC."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from desktop.services.workstation import (
    DEFAULT_IDLE_SECONDS,
    WorkstationSettings,
    load_workstation_settings,
    save_workstation_settings,
)
from tests.unit.services.support import pc_paths


def test_defaults_on_a_new_pc(tmp_path: Path) -> None:
    settings = load_workstation_settings(pc_paths(tmp_path))
    assert settings == WorkstationSettings(False, DEFAULT_IDLE_SECONDS, True)


def test_saved_settings_come_back_and_other_keys_stay(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "language", "en")
    chosen = WorkstationSettings(shared_pc=True, idle_lock_seconds=90.0,
                                 lock_after_decision=False)
    save_workstation_settings(paths, chosen)
    assert load_workstation_settings(paths) == chosen
    assert read_pc_settings(paths.settings_file)["language"] == "en"


@pytest.mark.parametrize("idle", ["soon", None, -5, 0, [1], "inf", "nan", 1e309])
def test_a_bad_idle_time_falls_back_to_the_default(tmp_path: Path, idle: object) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "workstation", {"shared_pc": True, "idle_lock_seconds": idle})
    settings = load_workstation_settings(paths)
    assert settings.shared_pc is True
    assert settings.idle_lock_seconds == DEFAULT_IDLE_SECONDS


def test_a_value_that_is_not_a_table_is_ignored(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "workstation", "shared")
    assert load_workstation_settings(paths) == WorkstationSettings()
