"""Settings of this PC (not of the shared database): the profile's ``settings.json``.

Each room owns one key; writing one key keeps the others.  Written to a temporary name and
renamed, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.domain.os_reasons import os_reason
from desktop.paths import AppPaths


class PcSettingsMessage(MessageCode):
    PC_SETTINGS_UNWRITABLE = (
        "pc_settings_unwritable",
        "บันทึกการตั้งค่าของเครื่องนี้ลงใน {path} ไม่ได้: {detail}",
        "Cannot save this PC's settings to {path}: {detail}.",
    )



def read_pc_settings(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_pc_setting(paths: AppPaths, key: str, value: object) -> None:
    """Set one key; a profile that cannot be written (a file, a full or read-only disk) is
    the user's to fix: a :class:`UserError`, and no ``.part`` left behind."""
    tmp = paths.settings_file.with_name(paths.settings_file.name + ".part")
    try:
        paths.home.mkdir(parents=True, exist_ok=True)
        data = read_pc_settings(paths.settings_file)
        data[key] = value
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(paths.settings_file)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise UserError(PcSettingsMessage.PC_SETTINGS_UNWRITABLE, path=str(paths.settings_file),
                        detail=os_reason(exc)) from None
