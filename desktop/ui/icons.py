"""The app's icons: the SVG set in resources/icons (see resources/icons/LICENSE.txt)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from desktop.paths import resources_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def icon_path(name: str) -> str:
    return str(resources_dir() / "icons" / f"{name}.svg")


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (an empty icon when the file is missing: a test lists them)."""
    from PySide6.QtGui import QIcon  # here: icon_path() alone makes no QIcon class

    return QIcon(icon_path(name))
