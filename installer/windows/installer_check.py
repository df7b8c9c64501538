"""Install WebDesk's setup.exe silently in a fresh Wine prefix, use it, uninstall it, and check
what installer/windows/webdesk.iss promises: a per-machine install in Program Files, Start-menu
entries for all users, an entry in 'Apps & features', a working program, and an uninstall that
removes the program but keeps the user's profile (database, settings, backups).

Used by build_on_linux.py and tests/install/test_windows_installer.py.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

from wine_env import Wine, WineError, make_prefix, virtual_display

APP_ID = "{6F4D2C1B-8E3A-4B7D-9C51-2A7E0F3B9D64}_is1"
START_MENU = Path("ProgramData/Microsoft/Windows/Start Menu/Programs/WebDesk")
SHORTCUTS = ("WebDesk.lnk", "WebDesk demo (no server needed).lnk", "Uninstall WebDesk.lnk")
PROGRAM_FILES = "C:\\Program Files\\WebDesk"


def check_installer(setup: Path, work: Path) -> list[str]:
    """Every check passed, one line each; raises WineError at the first that fails."""
    with virtual_display() as display:
        wine = make_prefix(work / "prefix", work / "stand-ins", display)
        try:
            return _check(wine, setup, work)
        finally:
            wine.stop()


def _check(wine: Wine, setup: Path, work: Path) -> list[str]:
    log = work / "install.log"
    done: list[str] = []
    wine.run([str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
              f"/LOG={_win(log)}"], timeout=1800)
    wine.settle()
    text = log.read_text("utf-8", "replace")
    _expect("Installation process succeeded" in text,
            f"the install log does not say it succeeded: {log}")
    _expect("Parameters: --self-test" in text and _run_exit_codes(text) == ["0"],
            f"the self-test the installer runs did not pass: {_run_exit_codes(text)}")
    app = wine.drive_c / "Program Files" / "WebDesk"
    for name in ("webdesk.exe", "webdesk-gui.exe", "unins000.exe"):
        _expect((app / name).is_file(), f"{PROGRAM_FILES}\\{name} is missing")
    done.append(f"installed per machine in {PROGRAM_FILES} (the 64-bit Program Files); "
                "its [Run] webdesk.exe --self-test exited 0")

    menu = wine.drive_c / START_MENU
    for name in SHORTCUTS:
        _expect((menu / name).is_file(), f"Start menu (all users): {name} is missing")
    for name in SHORTCUTS[:2]:
        _expect(b"webdesk-gui.exe" in (menu / name).read_bytes().lower()
                or "webdesk-gui.exe".encode("utf-16-le") in (menu / name).read_bytes().lower(),
                f"{name} does not start webdesk-gui.exe")
    done.append("Start-menu entries for all users: " + ", ".join(SHORTCUTS))

    entry = uninstall_entry(wine)
    _expect(entry is not None, f"no uninstall entry HKLM\\...\\Uninstall\\{APP_ID} (64-bit)")
    assert entry is not None
    _expect("unins000.exe" in entry.get("UninstallString", "")
            and PROGRAM_FILES.lower() in entry.get("UninstallString", "").lower(),
            f"uninstall entry points elsewhere: {entry.get('UninstallString')}")
    done.append(f"'Apps & features' entry (HKLM, 64-bit): {entry.get('DisplayName')}")

    exe = f"{PROGRAM_FILES}\\webdesk.exe"
    shown = wine.run([exe, "--version"]).stdout
    _expect(shown.startswith("webdesk "), f"webdesk.exe --version said {shown!r}")
    wine.run([exe, "--lang", "en", "seed-demo"], timeout=900)
    database = profile_database(wine)
    _expect(database is not None, "seed-demo left no profile in %LOCALAPPDATA%\\WebDesk")
    assert database is not None
    before = _digest(database)
    users = _count_users(database)
    _expect(users > 0, "the demo profile has no users")
    done.append(f"the installed program runs ({shown.strip()}) and made a profile with "
                f"{users} users in {database.parent.name}")

    wine.run([f"{PROGRAM_FILES}\\unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES",
              "/NORESTART"], timeout=900)
    wine.settle()                     # the uninstaller goes on in a copy of itself
    _expect(not (app / "webdesk.exe").exists(), "webdesk.exe is still installed")
    _expect(not menu.exists(), "the Start-menu folder is still there")
    _expect(uninstall_entry(wine) is None, "the uninstall entry is still there")
    _expect(database.is_file() and _digest(database) == before,
            "uninstalling changed or removed the user's profile")
    _expect(_count_users(database) == users, "the profile lost users")
    done.append(f"uninstalled: program, shortcuts and entry gone; the profile "
                f"({database.name}, {users} users) is untouched")
    return done


def _run_exit_codes(log: str) -> list[str]:
    """Exit codes of the programs the installer's [Run] section started (its log)."""
    return re.findall(r"Process exit code: (\S+)", log)


def uninstall_entry(wine: Wine) -> dict[str, str] | None:
    """The values of HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\APP_ID
    (64-bit view), read from the prefix's system.reg."""
    wine.settle()
    text = (wine.prefix / "system.reg").read_text("utf-8", "replace")
    header = ("[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\"
              + APP_ID.replace("\\", "\\\\") + "]")
    start = text.find(header)
    if start < 0:
        return None
    block = text[start:].split("\n\n", 1)[0]
    values = dict(re.findall(r'^"([^"]+)"="(.*)"$', block, flags=re.MULTILINE))
    return {k: v.replace("\\\\", "\\") for k, v in values.items()}


def profile_database(wine: Wine) -> Path | None:
    found = sorted(wine.drive_c.glob("users/*/AppData/Local/WebDesk/webdesk.sqlite3"))
    return found[0] if found else None


def _count_users(database: Path) -> int:
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True) as connection:
        return int(connection.execute("SELECT count(*) FROM users").fetchone()[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _win(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


def _expect(condition: bool, failure: str) -> None:
    if not condition:
        raise WineError(failure)
