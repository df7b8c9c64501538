"""desktop.services.fast_path_settings: this PC's switch for the SSH fast path, applied to
the publish room (which can switch it off, never on past its self-check)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.paths import AppPaths
from desktop.publish import fast_path
from desktop.services.fast_path_settings import (
    apply_fast_path_setting,
    fast_path_enabled,
    set_fast_path_enabled,
)
from desktop.services.pc_settings import read_pc_settings, write_pc_setting


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppPaths]:
    monkeypatch.delenv(fast_path.ENVIRONMENT, raising=False)
    yield AppPaths.resolve(tmp_path / "profile", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    fast_path.configure(enabled=True)          # the process-wide default for other tests


def test_on_unless_switched_off(paths: AppPaths) -> None:
    assert fast_path_enabled(paths)
    write_pc_setting(paths, "fast_path", {"enabled": "no"})     # only a real false turns it off
    assert fast_path_enabled(paths)


def test_switching_off_is_saved_and_reaches_the_publish_room(paths: AppPaths) -> None:
    set_fast_path_enabled(paths, False)
    assert read_pc_settings(paths.settings_file)["fast_path"] == {"enabled": False}
    assert not fast_path_enabled(paths)
    assert "settings" in (fast_path.switched_off_because() or "")
    set_fast_path_enabled(paths, True)
    assert fast_path.switched_off_because() is None or \
        "settings" not in (fast_path.switched_off_because() or "")


def test_opening_a_profile_applies_its_setting(paths: AppPaths) -> None:
    write_pc_setting(paths, "fast_path", {"enabled": False})
    apply_fast_path_setting(paths)
    assert "settings" in (fast_path.switched_off_because() or "")
