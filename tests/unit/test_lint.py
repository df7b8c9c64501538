"""The code stays ruff-clean (the style rules live in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.components import require

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    require(Path(ruff).exists(), "ruff (pip install '.[test]')")
    done = subprocess.run([ruff, "check", "--output-format", "concise", "desktop", "tests",
                           "tools", "installer"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    require(Path(mypy).exists(), "mypy (pip install '.[test]')")
    done = subprocess.run([mypy, "desktop"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
