"""desktop.services.ui_language: the sign-in screen's language, remembered per PC."""

from __future__ import annotations

from pathlib import Path

from desktop.services.pc_settings import read_pc_settings, write_pc_setting
from desktop.services.ui_language import remember_language, remembered_language
from tests.unit.services.support import pc_paths


def test_nothing_remembered_on_a_new_pc(tmp_path: Path) -> None:
    assert remembered_language(pc_paths(tmp_path)) is None


def test_the_last_choice_is_remembered_beside_other_settings(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    write_pc_setting(paths, "workstation", {"shared_pc": True})
    remember_language(paths, "en")
    assert remembered_language(paths) == "en"
    remember_language(paths, "th")
    assert remembered_language(paths) == "th"
    assert read_pc_settings(paths.settings_file)["workstation"] == {"shared_pc": True}


def test_an_unknown_language_is_neither_stored_nor_read(tmp_path: Path) -> None:
    paths = pc_paths(tmp_path)
    remember_language(paths, "th")
    remember_language(paths, "fr")
    assert remembered_language(paths) == "th"
    write_pc_setting(paths, "language", "klingon")      # a hand-edited file
    assert remembered_language(paths) is None
