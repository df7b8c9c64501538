"""The Windows package, built and checked under Wine on Debian (installer/windows/README.md).

NOT collected by the CI's pytest run (its testpaths are tests/): it needs Wine with i386
(`dpkg --add-architecture i386`) and ~20 minutes on this 2-core machine.  Run it by hand:

    .venv/bin/python -m pytest -q installer/windows/test_windows_package.py

To put it in CI: move it to tests/install/, add `dpkg --add-architecture i386` to
installer/test.sh and the packages of README.md to installer/debian-packages.txt.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "installer" / "windows"))

from tests.support.components import require  # noqa: E402

NEEDED = ("wine", "wineserver", "wineboot", "x86_64-w64-mingw32-gcc", "osslsigncode", "npm")


@pytest.mark.slow
def test_the_windows_bundle_installs_runs_and_uninstalls_keeping_the_profile(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for tool in NEEDED:
        require(shutil.which(tool) is not None, f"{tool} (installer/windows/README.md)")
    require(Path("/usr/lib/i386-linux-gnu/wine/i386-windows").is_dir(),
            "32-bit Wine (wine32:i386) for Inno Setup's compiler and Setup stub")
    import build_on_linux

    exit_code = build_on_linux.main(["--work", str(tmp_path / "windows"), "--fast"])
    printed = capsys.readouterr()
    assert exit_code == 0, printed.out[-3000:] + printed.err[-3000:]
    dist = tmp_path / "windows" / "dist"
    assert (dist / "WebDesk" / "webdesk.exe").is_file()
    assert (dist / "WebDesk" / "_internal" / "resources" / "i18n" / "webdesk_th.qm").is_file()
    assert list((dist / "WebDesk" / "_internal").rglob("qoffscreen.dll"))
    assert list((dist / "WebDesk" / "_internal").rglob("qwindows.dll"))
    setup = dist / f"WebDesk-{build_on_linux.version()}-setup.exe"
    assert setup.read_bytes()[:2] == b"MZ"
    for promise in ("installed per machine", "Start-menu entries for all users",
                    "'Apps & features' entry", "the installed program runs",
                    "the profile (webdesk.sqlite3"):
        assert promise in printed.out, printed.out[-3000:]
