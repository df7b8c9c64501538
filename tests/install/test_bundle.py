"""The Linux desktop package: the PyInstaller one-folder bundle builds, and its own
`webdesk --self-test` (main window offscreen, the headless tour against the embedded SFTP and
web servers, the official form) passes with no display and without the venv."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.components import require

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_linux_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    try:
        import PyInstaller  # noqa: F401
        found = True
    except ImportError:
        found = False
    require(found, "PyInstaller (pip install -e '.[test]')")
    dist, work = tmp_path / "dist", tmp_path / "work"
    built = subprocess.run([sys.executable, "installer/build_bundle.py", "--dist", str(dist),
                            "--work", str(work), "--no-self-test", "--no-package"], cwd=ROOT,
                           capture_output=True, text=True, timeout=1800, check=False)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    bundle = dist / "WebDesk"
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "Sarabun-Regular.ttf").is_file()
    assert (internal / "resources" / "i18n" / "webdesk_th.qm").is_file()
    assert list((internal / "desktop" / "store" / "migrations" / "versions").glob("0001_*.py"))
    assert list(internal.rglob("libqoffscreen.so")) and list(internal.rglob("libqxcb.so"))

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(scratch),
           "LANG": "C.UTF-8"}                     # no venv, no display, no PYTHONPATH
    run = subprocess.run([str(bundle / "webdesk"), "--self-test"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Every step worked." in run.stdout and "self-test: OK" in run.stdout
    assert "the published and taken-down request is listed: True" in run.stdout
    assert not list(scratch.glob("webdesk-self-test-*"))   # the temporary profile is gone
    version = subprocess.run([str(bundle / "webdesk"), "--version"], env=env,
                             capture_output=True, text=True, check=True)
    assert version.stdout.startswith("webdesk ")
    assert os.access(bundle / "webdesk", os.X_OK)
