"""PySide6's per-import source scan is answered by the module's name (desktop/ui/
feature_scan.py): modules imported afterwards get the default the scan gives our modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.ui import feature_scan


def test_modules_imported_afterwards_get_their_default_by_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import PySide6.QtCore  # noqa: F401

    assert feature_scan.skip_source_scan()
    feature = sys.modules["PySide6.support.feature"]
    assert feature._mod_uses_pyside is feature_scan.uses_pyside
    # a screen module that names PySide6 in its source but not in its name, and the reverse:
    # the name decides, the source is not read
    (tmp_path / "plain_probe_h12.py").write_text("import PySide6  # a Qt user by source\n")
    (tmp_path / "tests_probe_h12.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    # import statements (PySide6 hooks __import__, not importlib.import_module)
    import plain_probe_h12  # type: ignore[import-not-found]  # noqa: F401
    import tests_probe_h12  # type: ignore[import-not-found]  # noqa: F401
    assert feature.pyside_feature_dict["plain_probe_h12"] == -1      # ignored
    assert feature.pyside_feature_dict["tests_probe_h12"] == 0       # PySide's default
    for name in ("plain_probe_h12", "tests_probe_h12"):
        sys.modules.pop(name, None)
