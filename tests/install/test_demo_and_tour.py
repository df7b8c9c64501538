"""`webdesk --demo` without a display: the narrated headless tour, end to end against the
embedded asyncssh SFTP server and a real HTTP fetch; `seed-demo` twice does nothing; the demo
environment the GUI opens."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.demo import seed_demo
from desktop.services.demo_tour import run_tour

ROOT = Path(__file__).resolve().parents[2]
STEPS = 9


def _no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "WEBDESK_HOME")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_demo_without_a_display_runs_the_whole_job_and_says_each_step_in_both_languages(
        tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run([sys.executable, "-m", "desktop", "--demo"], cwd=tmp_path,
                            env={**_no_display_env(), "TMPDIR": str(scratch)},
                            capture_output=True, text=True, timeout=600, check=False)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert out.count("✓") == STEPS and "✗" not in out
    for thai, english in (("ลงทะเบียนคำขอเผยแพร่ พร้อมไฟล์ PDF และภาพ JPEG",
                           "Registering a request with a PDF and a JPEG"),
                          ("ผู้อำนวยการลงนามอนุมัติ", "The director signs it off"),
                          ("เผยแพร่ขึ้นเว็บไซต์ผ่าน SFTP", "Publishing over SFTP"),
                          ("ตรวจค่า SHA-256 ของทุกไฟล์", "checking every file's SHA-256"),
                          ("นำลงจากเว็บไซต์", "Taking it down")):
        assert thai in out and english in out
    assert "SHA-256 equal: file-1.pdf" in out and "file-2.jpg" in out
    assert "HTTP 404 now" in out and "chain intact" in out
    assert "webdesk --demo" in out.splitlines()[-1]        # then: how to open the GUI
    assert "Traceback" not in result.stderr
    assert list(scratch.iterdir()) == []          # the throwaway profile and servers: gone


def test_a_step_that_fails_stops_the_tour_and_says_where(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the tour wants its folder")
    out = io.StringIO()
    assert run_tour(out, blocked) is False
    text = out.getvalue()
    assert "✗" in text and "✓" not in text
    assert "ไม่สำเร็จที่ขั้นตอนที่ 1 จาก 9" in text and "failed at step 1 of 9" in text


def test_seed_demo_twice_makes_the_demo_once_and_reset_starts_again(home: Path) -> None:
    first, second, third = io.StringIO(), io.StringIO(), io.StringIO()
    assert main(["--home", str(home), "seed-demo"], stdout=first) == 0
    assert main(["--home", str(home), "seed-demo"], stdout=second) == 0
    listing = io.StringIO()
    main(["--home", str(home), "request", "list"], stdout=listing)
    assert len(listing.getvalue().splitlines()) == 12
    assert "มีข้อมูลตัวอย่างอยู่แล้ว" in second.getvalue() and "director-demo-1" in second.getvalue()

    assert main(["--home", str(home), "seed-demo", "--reset"], stdout=third) == 0
    assert "สร้างคำขอตัวอย่าง 12 รายการ" in third.getvalue()
    listing = io.StringIO()
    main(["--home", str(home), "request", "list"], stdout=listing)
    assert len(listing.getvalue().splitlines()) == 12
    verify = io.StringIO()
    assert main(["--home", str(home), "audit", "verify"], stdout=verify) == 0


def test_seed_demo_refuses_a_profile_with_real_users(home: Path) -> None:
    from desktop.domain.workflow import Role
    from desktop.services import auth

    ctx = AppContext.open(AppPaths.resolve(home))
    try:
        auth.create_user(ctx, auth.NewUser("realadmin", "a-real-password-1",
                                           frozenset({Role.ADMIN})))
        with pytest.raises(UserError) as caught:
            seed_demo(ctx, io.StringIO())
        assert caught.value.code == "demo_needs_empty_profile"
        assert [u.username for u in auth.list_users(ctx)] == ["realadmin"]
    finally:
        ctx.close()
