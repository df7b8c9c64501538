"""Build the desktop package: `.venv/bin/python installer/build_bundle.py` (Linux) or
`py installer\\build_bundle.py` (Windows).

1. PyInstaller makes the one-folder bundle dist/WebDesk/ from installer/webdesk.spec
   (installed by `pip install -e '.[test]'`, which both README commands do).
2. Its `webdesk --self-test` runs (offscreen): the main window, the headless tour, the form.
3. Linux: dist/WebDesk-VERSION-linux-x86_64.tar.gz.  Windows: Inno Setup's `iscc` compiles
   installer/windows/webdesk.iss into dist/WebDesk-VERSION-setup.exe (when iscc is on PATH).

    --dist DIR / --work DIR   where the bundle and PyInstaller's scratch go
    --no-self-test            build only
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "webdesk.spec"
ISS = ROOT / "installer" / "windows" / "webdesk.iss"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from desktop import __version__

    return __version__


def build(dist: Path, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
                   cwd=ROOT, check=True)
    return dist / "WebDesk"


def executable(bundle: Path) -> Path:
    return bundle / ("webdesk.exe" if os.name == "nt" else "webdesk")


def self_test(bundle: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    subprocess.run([str(executable(bundle)), "--self-test"], env=env, check=True)


def package(bundle: Path, dist: Path) -> Path:
    if os.name == "nt":
        iscc = shutil.which("iscc") or shutil.which("ISCC")
        if iscc is None:
            print("Inno Setup (iscc) is not on PATH: the bundle is in", bundle)
            return bundle
        subprocess.run([iscc, f"/DAppVersion={version()}", f"/DBundleDir={bundle}",
                        f"/O{dist}", str(ISS)], check=True)
        return dist / f"WebDesk-{version()}-setup.exe"
    archive = dist / f"WebDesk-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname="WebDesk")
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-self-test", action="store_true")
    parser.add_argument("--no-package", action="store_true")
    args = parser.parse_args(argv)
    bundle = build(args.dist, args.work)
    if not args.no_self_test:
        self_test(bundle)
    if not args.no_package:
        print("built", package(bundle, args.dist))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
