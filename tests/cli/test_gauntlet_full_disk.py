"""Gauntlet: the profile's own disk is full (a small tmpfs holding a copy of the seeded
profile, filled to the last byte).  Every command refuses with a message naming the disk;
once space is back, the database holds exactly what it held and its audit chain verifies."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.cases import pw
from tests.cli.harness import refused
from tests.cli.places import fill_up
from tests.cli.profiles import Profile, assert_unchanged, copy_profile
from tests.support.components import require

COMMANDS = {
    "request-list": (("request", "list"), ""),
    "request-add": (("request", "add", "--title", "ข่าว", "--as", "somchai"), pw("somchai")),
    "request-submit": (("request", "submit", "1", "--as", "somchai"), pw("somchai")),
    "decide": (("request", "decide", "5", "--approve", "--as", "director"), pw("director")),
    "user-add": (("user", "add", "malee", "--role", "webmaster", "--as", "admin"),
                 pw("admin") + "malee-pass-123\n"),
    "server-default": (("server", "default", "site", "--as", "admin"), pw("admin")),
    "approval-signature": (("approval", "signature", "on", "--admin", "admin"), pw("admin")),
    "logs-keep": (("logs", "keep", "--days", "120"), ""),
    "workstation": (("workstation", "--shared-pc", "on"), ""),
}


@pytest.fixture
def full_profile(sqlite_template: Profile, tmp_path: Path) -> Iterator[Profile]:
    require(os.geteuid() == 0, "root, to mount the small tmpfs disk of the CLI gauntlet")
    disk = tmp_path / "disk"
    disk.mkdir()
    size_kib = sum(p.stat().st_size for p in sqlite_template.home.rglob("*")
                   if p.is_file()) // 1024 + 512
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(disk)],
                   check=True, capture_output=True)
    try:
        yield copy_profile(sqlite_template, disk / "profile")
    finally:
        subprocess.run(["umount", str(disk)], check=False, capture_output=True)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_profile_disk_refuses_and_loses_nothing(full_profile: Profile, command: str,
                                                       lang: str) -> None:
    argv, stdin = COMMANDS[command]
    before = full_profile.snapshot()
    settings = (full_profile.home / "settings.json").read_bytes()
    filler = full_profile.home.parent / "filler"
    fill_up(full_profile.home.parent)
    outcome = full_profile.run(lang, *argv, stdin=stdin)
    refused(outcome, lang, "ดิสก์" if lang == "th" else "disk")
    filler.unlink()
    assert_unchanged(before, full_profile.snapshot())
    assert (full_profile.home / "settings.json").read_bytes() == settings
    assert not list(full_profile.home.glob("*.part"))
    assert full_profile.audit_verifies()
