"""Every translatable string of desktop/ui/preview has Thai in resources/i18n/th_preview.json."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_preview_string_has_thai() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_translations", ROOT / "installer" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = module.scan(ROOT / "desktop" / "ui" / "preview")
    assert sum(len(v) for v in found.values()) >= 20
    import json
    thai = json.loads((ROOT / "resources" / "i18n" / "th_preview.json").read_text("utf-8"))
    assert module.missing(found, thai) == []
