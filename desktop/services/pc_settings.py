"""Settings of this PC (not of the shared database): the profile's ``settings.json``.

Each room owns one key; writing one key keeps the others.  Written to a temporary name and
renamed, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.paths import AppPaths


def read_pc_settings(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_pc_setting(paths: AppPaths, key: str, value: object) -> None:
    paths.home.mkdir(parents=True, exist_ok=True)
    data = read_pc_settings(paths.settings_file)
    data[key] = value
    tmp = paths.settings_file.with_name(paths.settings_file.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(paths.settings_file)
