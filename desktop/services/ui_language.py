"""The interface language chosen on this PC (Thai unless someone picked English here).

Kept in the profile's settings.json (per PC, like shared-PC mode), so the sign-in screen opens
in the language last chosen on this computer.
"""

from __future__ import annotations

from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings, write_pc_setting

KEY = "language"
LANGUAGES = ("th", "en")


def remembered_language(paths: AppPaths) -> str | None:
    value = read_pc_settings(paths.settings_file).get(KEY)
    return value if value in LANGUAGES else None


def remember_language(paths: AppPaths, lang: str) -> None:
    if lang in LANGUAGES:
        write_pc_setting(paths, KEY, lang)
