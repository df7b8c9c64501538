"""desktop.services.pc_settings: this PC's settings.json, one key per room, never half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from tests.unit.services.support import assert_refusal, pc_paths


def test_a_missing_file_reads_as_no_settings(tmp_path: Path) -> None:
    assert read_pc_settings(tmp_path / "nothing.json") == {}


def test_writing_one_key_keeps_the_others_and_leaves_no_temporary(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "workstation", {"shared_pc": True})     # makes the folder too
    write_pc_setting(paths, "language", "en")
    write_pc_setting(paths, "workstation", {"shared_pc": False})
    assert read_pc_settings(paths.settings_file) == {"workstation": {"shared_pc": False},
                                                     "language": "en"}
    assert [p.name for p in paths.home.iterdir()] == ["settings.json"]


def test_thai_values_are_kept_as_written(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "note", "เครื่องห้องผู้อำนวยการ")
    assert "เครื่องห้องผู้อำนวยการ" in paths.settings_file.read_text(encoding="utf-8")
    assert read_pc_settings(paths.settings_file)["note"] == "เครื่องห้องผู้อำนวยการ"


def test_a_damaged_or_foreign_file_reads_as_empty_and_is_replaced_on_write(
        tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    paths.home.mkdir(parents=True)
    for damaged in ("{not json", "[1, 2, 3]", ""):
        paths.settings_file.write_text(damaged, encoding="utf-8")
        assert read_pc_settings(paths.settings_file) == {}
    write_pc_setting(paths, "language", "th")
    assert json.loads(paths.settings_file.read_text(encoding="utf-8")) == {"language": "th"}


def test_a_profile_that_cannot_be_written_is_said_and_leaves_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "profile"
    blocker.write_text("a file where the profile folder should be")
    paths = AppPaths.resolve(blocker, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with pytest.raises(UserError) as caught:
        write_pc_setting(paths, "language", "th")
    assert_refusal(caught.value, "pc_settings_unwritable")
    folder = tmp_path / "ok"
    ok = AppPaths.resolve(folder, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    folder.mkdir()
    ok.settings_file.mkdir()                           # a folder where the file should go
    with pytest.raises(UserError):
        write_pc_setting(ok, "language", "th")
    assert sorted(p.name for p in folder.iterdir()) == ["settings.json"]   # no .part left
