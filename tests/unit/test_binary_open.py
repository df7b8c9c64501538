"""Every ``os.open`` in desktop/ opens with O_BINARY (where the platform has it).  On Windows
``os.open`` without it opens in text mode: every LF written becomes CRLF and a Ctrl+Z read
ends the file — a backup's ZIP, a restored database or a key file would be corrupted there,
while every test on Linux passes.  ``open()`` and ``tempfile`` take care of it themselves."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"
NOT_A_FILE = {"os.devnull"}          # a redirect target, never read or written as data


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = <expression>`` as source text (flags kept in a constant)."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            constants[node.targets[0].id] = ast.unparse(node.value)
    return constants


def _local_assignments(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            found.setdefault(node.targets[0].id, ast.unparse(node.value))
    return found


def _os_open_calls() -> list[tuple[str, int, str, str]]:
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _module_constants(tree) | _local_assignments(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and ast.unparse(node.func) == "os.open"
                    and len(node.args) >= 2):
                flags = ast.unparse(node.args[1])
                spelled = " ".join([flags, *(names.get(part, "") for part in
                                             flags.replace("|", " ").split())])
                calls.append((str(path.relative_to(PACKAGE)), node.lineno,
                              ast.unparse(node.args[0]), spelled))
    return calls


def test_every_os_open_asks_for_binary_mode() -> None:
    calls = _os_open_calls()
    assert len(calls) >= 7                         # the scan sees the calls it is about
    text_mode = [f"{path}:{line}" for path, line, target, flags in calls
                 if target not in NOT_A_FILE and "O_BINARY" not in flags]
    assert text_mode == [], "os.open without O_BINARY (text mode on Windows): " + \
        ", ".join(text_mode)
