"""Every module of desktop/services/ has its own unit-test file here,
``tests/unit/services/test_<module>.py``, that names the module it tests."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SERVICES = ROOT / "desktop" / "services"
HERE = Path(__file__).resolve().parent


def _modules() -> list[str]:
    return sorted(p.stem for p in SERVICES.glob("*.py") if p.stem != "__init__")


def test_every_service_module_has_a_test_file() -> None:
    modules = _modules()
    assert len(modules) > 50                     # the folder is where this test thinks it is
    missing = [m for m in modules if not (HERE / f"test_{m}.py").is_file()]
    assert missing == [], "add tests/unit/services/test_<module>.py for: " + ", ".join(missing)


def test_each_test_file_imports_its_module() -> None:
    wrong = []
    for module in _modules():
        test_file = HERE / f"test_{module}.py"
        if not test_file.is_file():
            continue
        text = test_file.read_text(encoding="utf-8")
        pattern = (rf"(from desktop\.services\.{module} import|import desktop\.services\.{module}"
                   rf"|from desktop\.services import [^\n]*\b{module}\b)")
        if not re.search(pattern, text):
            wrong.append(test_file.name)
    assert wrong == [], "these test files do not import their module: " + ", ".join(wrong)
