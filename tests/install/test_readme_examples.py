"""Every shell example in the README works as written in a new shell after `bash installer/run.sh`.

`installer/run.sh` runs first, as the README says (no arguments: the demo, which without a
display is the headless tour), with the launcher going to a folder of this test; then every
```bash block runs in a fresh `bash` whose PATH is the system's plus that folder (no venv
activated), from the checkout, one block after the other with one HOME. The README's own
first block is the two commands (run.sh just ran; test.sh is this suite); a block may be
marked `<!-- readme-test: skip (why) -->` on the line above it, and the reasons are checked to
be there.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BLOCK = re.compile(r"(?P<before>[^\n]*)\n```(?P<lang>[a-z]*)\n(?P<body>.*?)```", re.DOTALL)
SKIP = re.compile(r"<!-- readme-test: skip \((?P<why>[^)]+)\) -->")
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def shell_blocks() -> list[tuple[int, str, str | None]]:
    """(line, script, reason to skip or None) of every ```bash/```sh block but the first."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        if match.group("lang") not in ("bash", "sh"):
            continue
        skip = SKIP.search(match.group("before"))
        line = text[:match.start("body")].count("\n") + 1
        found.append((line, match.group("body"), skip.group("why") if skip else None))
    return found[1:]


def _fresh_env(tmp_path: Path) -> dict[str, str]:
    for name in ("home", "bin", "tmp"):
        (tmp_path / name).mkdir(exist_ok=True)
    return {"HOME": str(tmp_path / "home"), "PATH": f"{tmp_path / 'bin'}:{SYSTEM_PATH}",
            "LANG": "C.UTF-8", "TMPDIR": str(tmp_path / "tmp"),
            "WEBDESK_BIN_DIR": str(tmp_path / "bin"), "CI": os.environ.get("CI", "")}


def test_no_example_calls_a_bare_python() -> None:
    """Debian 12 has no `python`, and a new shell has no venv: say `.venv/bin/python`."""
    text = README.read_text(encoding="utf-8")
    bare = re.findall(r"(?<![\w./])python3? (?:-m |tools/|tests/|installer/)\S*", text)
    assert bare == []


def test_the_readme_opens_on_the_demo_and_links_its_docs() -> None:
    text = README.read_text(encoding="utf-8")
    assert "shared folder" not in text
    for link in re.findall(r"\]\((docs/[^)]+)\)", text):
        assert (ROOT / link).is_file(), link
    assert {"docs/architecture.md", "docs/workflow.md", "docs/user-guide-th.md"} <= set(
        re.findall(r"\]\((docs/[^)]+)\)", text))
    assert all(why.strip() for _line, _body, why in shell_blocks() if why is not None)


@pytest.mark.slow
def test_every_shell_example_works_in_a_new_shell_after_run_sh(tmp_path: Path) -> None:
    env = _fresh_env(tmp_path)
    first = subprocess.run(["bash", "installer/run.sh"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=1800, check=False)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "Every step worked." in first.stdout           # no display: the narrated tour
    launcher = tmp_path / "bin" / "webdesk"
    assert launcher.is_symlink() and launcher.resolve() == (ROOT / ".venv/bin/webdesk").resolve()
    again = subprocess.run(["bash", "installer/run.sh", "--version"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0 and again.stdout.startswith("webdesk ")
    assert "Python packages: up to date" in again.stderr  # one install, one stamp

    failures = []
    for line, script, skip in shell_blocks():
        if skip is not None:
            continue
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=1800,
                              check=False)
        if done.returncode != 0:
            failures.append(f"README.md line {line} (exit {done.returncode}):\n{script}\n"
                            f"{done.stdout[-1500:]}\n{done.stderr[-1500:]}")
    assert failures == [], "\n\n".join(failures)


def test_both_readme_commands_install_the_same_way() -> None:
    """The bug this guards against: two stamps, each command reinstalling after the other."""
    for script in ("installer/run.sh", "installer/test.sh"):
        text = (ROOT / script).read_text(encoding="utf-8")
        assert 'install_webdesk "$venv"' in text and "pip_install_once" not in text, script


def test_the_launcher_goes_where_pipx_puts_it(tmp_path: Path) -> None:
    def where(**env: str) -> str:
        done = subprocess.run(["bash", "-c", "source installer/common.sh && launcher_dir"],
                              cwd=ROOT, env={"PATH": SYSTEM_PATH, "HOME": str(tmp_path), **env},
                              capture_output=True, text=True, check=True)
        return done.stdout.strip()

    expected = "/usr/local/bin" if os.geteuid() == 0 else f"{tmp_path}/.local/bin"
    assert where() == expected
    assert where(WEBDESK_BIN_DIR=str(tmp_path / "b")) == str(tmp_path / "b")


def test_the_launcher_never_replaces_a_file_it_did_not_make(tmp_path: Path) -> None:
    own = tmp_path / "webdesk"
    own.write_text("#!/bin/sh\necho mine\n")
    script = 'source installer/common.sh && install_launcher "$1"'
    subprocess.run(["bash", "-c", script, "-", str(ROOT / ".venv/bin/webdesk")], cwd=ROOT,
                   env={"PATH": SYSTEM_PATH, "HOME": str(tmp_path),
                        "WEBDESK_BIN_DIR": str(tmp_path)}, capture_output=True, check=True)
    assert not own.is_symlink() and own.read_text().endswith("mine\n")
