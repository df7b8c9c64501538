"""The README's two commands, .ci/run and the Debian package list agree with each other."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEBIAN_NAME = re.compile(r"^[a-z0-9][a-z0-9+.-]+$")


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```(?:bash|sh)?\n(.*?)```", text, re.DOTALL)
    assert match, "README.md has no code block"
    before = text[: match.start()]
    assert before.strip().count("\n") <= 1, "README.md must open with the two commands"
    return [line.strip() for line in match.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_run_and_test_commands() -> None:
    assert readme_commands() == ["bash installer/run.sh", "bash installer/test.sh"]
    for command in readme_commands():
        assert (ROOT / command.split()[1]).is_file()


def test_ci_runs_exactly_the_readme_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines
    commands = [line for line in lines if line.startswith("exec ")]
    assert commands == [f"exec {readme_commands()[1]}"]


def debian_packages(block: str = "") -> list[str]:
    result = subprocess.run(
        ["bash", "-c", 'source installer/common.sh && debian_packages "$1"', "-", block],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return result.stdout.split()


def test_debian_package_list_is_one_valid_name_per_line() -> None:
    names = debian_packages()
    assert {"postgresql", "openssh-server", "xvfb", "poppler-utils", "libxcb-icccm4"} <= set(names)
    bad = [name for name in names if not DEBIAN_NAME.match(name)]
    assert bad == [], f"not Debian package names: {bad}"
    for line in (ROOT / "installer" / "debian-packages.txt").read_text().splitlines():
        assert len(line.split("#")[0].split()) <= 1, f"one package per line: {line!r}"


def test_app_runtime_block_is_the_qt_subset() -> None:
    runtime = debian_packages("app runtime")
    assert {"libegl1", "libxkbcommon0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(runtime)
    assert "postgresql" not in runtime and "xvfb" not in runtime
    assert set(runtime) < set(debian_packages())
