"""Every folder of tests is a package, so test files in different folders may share a name.

Without ``__init__.py``, pytest imports ``tests/a/test_x.py`` and ``tests/b/test_x.py`` both as
``test_x`` and stops the whole run with "import file mismatch".
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_every_folder_with_tests_is_a_package() -> None:
    folders = {path.parent for path in TESTS.rglob("*.py")
               if "__pycache__" not in path.parts and "bench" not in path.parts}
    assert TESTS / "unit" in folders
    missing = sorted(str(folder.relative_to(TESTS.parent)) for folder in folders
                     if not (folder / "__init__.py").exists())
    assert missing == [], f"add an empty __init__.py to: {', '.join(missing)}"
