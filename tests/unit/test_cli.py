"""The `webdesk` command, run as a user would (a real subprocess for the entry points)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from desktop import __version__
from desktop.cli import main
from desktop.paths import AppPaths
from desktop.store.database import Database
from tests.support.tamper import as_owner

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_python_m_desktop_version_and_home_env(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WEBDESK_HOME": str(tmp_path / "p")}
    done = subprocess.run([sys.executable, "-m", "desktop", "--version"], capture_output=True,
                          text=True, env=env, check=False)
    assert done.returncode == 0 and done.stdout.strip() == f"webdesk {__version__}"
    done = subprocess.run([sys.executable, "-m", "desktop", "db", "upgrade"], capture_output=True,
                          text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "p" / "webdesk.sqlite3").exists()


def test_gui_without_a_display_says_so_clearly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-m", "desktop", "--home", str(tmp_path)],
                          capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.returncode == 3
    assert "DISPLAY" in done.stderr and "Traceback" not in done.stderr


def test_user_add_reads_password_from_stdin(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    home = str(tmp_path)
    # An empty database: the first user needs no sign-in, becomes admin, makes the agency key.
    code, out = run("--home", home, "user", "add", "admin", "--role", "admin",
                    stdin="long-enough-1\n")
    assert code == 0 and "agency key SHA256:" in out
    # After that, nobody adds a user without an admin's password ...
    code, _ = run("--home", home, "--lang", "en", "user", "add", "mallory", "--role", "admin",
                  stdin="another-pass-2\n")
    assert code == 2 and "admin's password" in capsys.readouterr().err
    code, _ = run("--home", home, "--lang", "en", "user", "add", "mallory", "--role", "admin",
                  "--as", "admin", stdin="wrong-password\nanother-pass-2\n")
    assert code == 2
    # ... which comes first on stdin, then the new user's password.
    code, out = run("--home", home, "user", "add", "kanya", "--role", "webmaster",
                    "--role", "approver", "--as", "admin",
                    stdin="long-enough-1\nanother-pass-2\n")
    assert code == 0 and "approver,webmaster" in out
    code, out = run("--home", home, "user", "list")
    assert "kanya\tapprover,webmaster\tactive\tkey:certified" in out
    assert "mallory" not in out
    assert run("--home", home, "--lang", "en", "user", "add", "weak", "--role", "webmaster",
               "--as", "admin", stdin="long-enough-1\nshort\n")[0] == 2


def test_seed_list_json_and_audit_verify_and_tamper(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    home = str(tmp_path)
    code, out = run("--home", home, "seed-demo")
    assert code == 0 and "director" in out
    code, out = run("--home", home, "request", "list", "--json")
    rows = json.loads(out)
    assert {r["state"] for r in rows} == {"draft", "submitted", "in_review", "returned",
                                          "awaiting_approval", "approved", "rejected",
                                          "published", "taken_down", "archived", "withdrawn"}
    assert run("--home", home, "audit", "verify")[0] == 0
    db = Database(AppPaths.resolve(home).database_url)
    with db.write() as s:
        as_owner(s).execute(text("update audit_log set actor_name = 'mallory' where id = 5"))
    db.dispose()
    code, out = run("--home", home, "audit", "verify")
    assert code == 1 and "audit_log id=5" in out


def test_audit_export_csv_and_bad_date(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    home = str(tmp_path / "p")
    run("--home", home, "seed-demo")
    out_file = tmp_path / "audit.csv"
    code, out = run("--home", home, "audit", "export", "--from", "2000-01-01", "--to",
                    "2100-01-01", "--out", str(out_file))
    assert code == 0 and out_file.exists()
    assert "request_registered" in out_file.read_text(encoding="utf-8-sig")
    code, _ = run("--home", home, "--lang", "th", "audit", "export", "--from", "31/02/2569",
                  "--to", "2100-01-01", "--out", str(out_file))
    assert code == 2
    assert "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2569" in capsys.readouterr().err
    # Thai offices write BE dates: 1/10/2569 is 1 October 2026
    code, out = run("--home", home, "audit", "export", "--from", "1/10/2569", "--to",
                    "31 ธ.ค. 2600", "--out", str(out_file))
    assert code == 0, out


def test_newer_database_refused_by_cli(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    home = str(tmp_path)
    run("--home", home, "db", "upgrade")
    db = Database(AppPaths.resolve(home).database_url)
    with db.write() as s:
        s.execute(text("update alembic_version set version_num = 'zzzz'"))
    db.dispose()
    code, _ = run("--home", home, "--lang", "th", "request", "list")
    assert code == 2
    assert "รุ่นที่ใหม่กว่า" in capsys.readouterr().err


def test_unreachable_database_is_a_clear_message(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, _ = run("--home", str(tmp_path), "--lang", "th", "--database",
                  "postgresql+psycopg://nobody@127.0.0.1:1/none", "request", "list")
    err = capsys.readouterr().err
    assert code == 2 and "เชื่อมต่อฐานข้อมูลไม่ได้" in err and "Traceback" not in err


def test_render_cache_setting_and_clear(tmp_path: Path) -> None:
    from desktop.files.render_cache import RenderCache
    from desktop.services.render_cache_settings import cache_folder, render_cache_for

    home = str(tmp_path)
    paths = AppPaths.resolve(home)
    cache = render_cache_for(paths)
    assert cache is not None and cache.max_bytes == 256 * 1024 * 1024
    cache.put("ab" * 32, "thumb", 320, 320, b"x" * 1000)
    code, out = run("--home", home, "cache", "info")
    assert code == 0 and "on\tlimit 256 MB" in out
    assert run("--home", home, "cache", "clear")[1].strip() == "removed 1 cached files"
    assert RenderCache(cache_folder(paths)).entries() == []
    run("--home", home, "cache", "set", "--max-mb", "64")
    assert render_cache_for(paths).max_bytes == 64 * 1024 * 1024  # type: ignore[union-attr]
    run("--home", home, "cache", "set", "--off")
    assert render_cache_for(paths) is None
    run("--home", home, "cache", "set", "--on")
    run("--home", home, "workstation", "--shared-pc", "on")
    assert render_cache_for(paths) is None  # a shared PC keeps no renders on disk
