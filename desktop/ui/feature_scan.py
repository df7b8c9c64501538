"""Imports after PySide6 without reading every module's source.

Once PySide6 is imported, its import hook (``PySide6.support.feature.feature_imported``) asks
of every newly imported module whether it "uses PySide" by reading its whole source file
(``inspect.getsource``), to give the module a default for ``from __feature__ import
snake_case, true_property``.  The app imports some 500 modules after PySide6 (SQLAlchemy, the
store, the services, the windows): ~0.3 s of the time to the first window (bench_scale), and
again for every module a screen imports later.

WebDesk uses no ``__feature__``, and only desktop.ui may import PySide6 (tests/unit/
test_architecture.py), so the answer follows from the module's name: the same answer as the
source scan gives for our own modules, at no cost.  Nothing changes on a PySide6 without that
hook (checked by name; the version is pinned in pyproject.toml).
"""

from __future__ import annotations

import sys
from types import ModuleType

QT_USERS = ("desktop.ui", "tests", "PySide6", "shiboken6", "pytestqt", "__main__")


def uses_pyside(module: ModuleType) -> bool:
    """Whether ``module`` may use PySide6, by its name."""
    name = str(getattr(module, "__name__", ""))
    return name.startswith(QT_USERS)


def skip_source_scan() -> bool:
    """Answer PySide6's per-import question by name (call after importing PySide6); True when
    the hook was there to answer."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
