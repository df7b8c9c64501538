"""The rooms of desktop/ import only what DESIGN.md allows (checked with ast, nothing imported).

    domain    stdlib and desktop.domain only (so no SQLAlchemy, no Qt)
    store     domain                      files     domain
    publish   domain, store               reports   domain, store
    services  anything but ui             ui        anything
    cli.py    anything; desktop.ui and Qt widgets only inside a function (lazily, for the GUI)

Everywhere outside desktop/ui (and the lazy imports of cli.py): no PySide6.QtWidgets,
PySide6.QtPdfWidgets or any other PySide6.Qt*Widgets module. Top-level helpers such as
desktop/paths.py count as "base": every room but domain may import them.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "desktop"
PACKAGE = "desktop"

ROOMS = ("domain", "store", "files", "publish", "reports", "services", "ui")
BASE = "base"  # desktop/__init__.py, desktop/paths.py and other top-level modules
CLI = "cli"
ENTRY = "__main__"

# Which rooms of desktop/ each room may import (its own room is always allowed).
ALLOWED_ROOMS: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "store": frozenset({"domain", BASE}),
    "files": frozenset({"domain", BASE}),
    "publish": frozenset({"domain", "store", BASE}),
    "reports": frozenset({"domain", "store", BASE}),
    "services": frozenset({"domain", "store", "files", "publish", "reports", BASE}),
    "ui": frozenset({"domain", "store", "files", "publish", "reports", "services", BASE}),
    BASE: frozenset({"domain", BASE}),
    CLI: frozenset({*ROOMS, BASE} - {"ui"}),
    ENTRY: frozenset({CLI, BASE}),
}
LAZY_ONLY_ROOMS: dict[str, frozenset[str]] = {CLI: frozenset({"ui"})}

RULES = {
    "domain": "desktop/domain imports only the standard library and desktop.domain",
    "store": "desktop/store may import desktop.domain (not services/ui/files/publish/reports)",
    "files": "desktop/files may import desktop.domain only",
    "publish": "desktop/publish may import desktop.domain and desktop.store only",
    "reports": "desktop/reports may import desktop.domain and desktop.store only",
    "services": "desktop/services may import anything but desktop.ui",
    "ui": "desktop/ui may not import desktop.cli",
    BASE: "top-level helpers of desktop/ may import desktop.domain and each other only",
    CLI: "desktop/cli.py imports desktop.ui only lazily, inside the function that opens the GUI",
    ENTRY: "desktop/__main__.py only starts desktop.cli",
}
WIDGETS_RULE = (
    "only desktop/ui imports Qt widgets (PySide6.QtWidgets, PySide6.QtPdfWidgets, ...); "
    "desktop/cli.py may do so lazily"
)


@dataclass(frozen=True)
class ImportUse:
    target: str  # absolute dotted name of the imported module
    line: int
    lazy: bool  # inside a function body, so only imported when that function runs


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room_of(name: str) -> str:
    """The room of a module inside desktop/: a ROOMS entry, CLI, ENTRY or BASE."""
    parts = name.split(".")
    if len(parts) < 2:
        return BASE
    if parts[1] in ROOMS:
        return parts[1]
    if parts[1] == "cli":
        return CLI
    if parts[1] == "__main__":
        return ENTRY
    return BASE


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, name: str, is_package: bool, package_dir: Path) -> None:
        self.name = name
        self.is_package = is_package
        self.package_dir = package_dir
        self.depth = 0
        self.uses: list[ImportUse] = []

    def _visit_function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_function(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_function(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._absolute(node.module, node.level)
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            if self._is_submodule(candidate):
                self._add(candidate, node.lineno)
            else:
                self._add(base, node.lineno)

    def _absolute(self, module: str | None, level: int) -> str:
        if level == 0:
            return module or ""
        parts = self.name.split(".")
        if not self.is_package:
            parts = parts[:-1]
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        return ".".join([*parts, module] if module else parts)

    def _is_submodule(self, dotted: str) -> bool:
        parts = dotted.split(".")
        if parts[0] == "PySide6":
            return len(parts) == 2 and parts[1].startswith("Qt")
        if parts[0] != PACKAGE:
            return False
        path = self.package_dir.parent.joinpath(*parts)
        return path.is_dir() or path.with_suffix(".py").exists()

    def _add(self, target: str, line: int) -> None:
        self.uses.append(ImportUse(target=target, line=line, lazy=self.depth > 0))


def imports_in(source: str, name: str, is_package: bool = False,
               package_dir: Path = PACKAGE_DIR) -> list[ImportUse]:
    collector = _ImportCollector(name, is_package, package_dir)
    collector.visit(ast.parse(source))
    return collector.uses


def is_widgets_module(target: str) -> bool:
    parts = target.split(".")
    return parts[0] == "PySide6" and len(parts) > 1 and parts[1].endswith("Widgets")


def broken_rules(name: str, uses: list[ImportUse]) -> list[tuple[ImportUse, str]]:
    """Each import of module ``name`` that breaks a rule, with the rule it breaks."""
    room = room_of(name)
    found: list[tuple[ImportUse, str]] = []
    for use in uses:
        top = use.target.split(".")[0]
        if top == PACKAGE:
            target_room = room_of(use.target)
            allowed = ALLOWED_ROOMS[room] | {room}
            lazy_ok = use.lazy and target_room in LAZY_ONLY_ROOMS.get(room, frozenset())
            if target_room not in allowed and not lazy_ok:
                found.append((use, RULES[room]))
            continue
        if room == "domain" and top not in sys.stdlib_module_names:
            found.append((use, RULES["domain"]))
            continue
        if is_widgets_module(use.target) and room != "ui" and not (room == CLI and use.lazy):
            found.append((use, WIDGETS_RULE))
    return found


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(
        path for path in package_dir.rglob("*.py")
        if "__pycache__" not in path.parts and not path.name.startswith(".")
    )


def check_tree(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """One readable line per broken rule in the whole package."""
    problems: list[str] = []
    for path in source_files(package_dir):
        shown = path.relative_to(package_dir.parent)
        try:
            source = path.read_text(encoding="utf-8")
            uses = imports_in(source, module_name(path, package_dir),
                              path.name == "__init__.py", package_dir)
        except (SyntaxError, UnicodeDecodeError) as error:
            problems.append(f"{shown}: cannot be parsed ({error})")
            continue
        name = module_name(path, package_dir)
        for use, rule in broken_rules(name, uses):
            how = " (inside a function)" if use.lazy else ""
            problems.append(f"{shown}:{use.line} imports {use.target}{how} -- rule: {rule}")
    return problems


def test_desktop_rooms_import_only_what_they_may() -> None:
    files = source_files()
    assert len(files) >= 8, f"expected the desktop/ package at {PACKAGE_DIR}"
    problems = check_tree()
    assert not problems, "architecture rules broken:\n  " + "\n  ".join(problems)


def _broken(path: str, source: str) -> list[str]:
    name = module_name(PACKAGE_DIR / path)
    uses = imports_in(source, name, path.endswith("__init__.py"))
    return [f"{use.target}: {rule}" for use, rule in broken_rules(name, uses)]


def test_domain_may_not_import_sqlalchemy_qt_or_other_rooms() -> None:
    assert _broken("domain/x.py", "import sqlalchemy") == [f"sqlalchemy: {RULES['domain']}"]
    assert _broken("domain/x.py", "from PySide6.QtCore import QObject")
    assert _broken("domain/x.py", "from ..store import models")
    assert _broken("domain/x.py", "import desktop.paths")
    assert _broken("domain/x.py", "from __future__ import annotations\nimport hashlib\n"
                   "from desktop.domain.errors import UserError\nfrom . import workflow") == []


def test_lower_rooms_may_not_reach_up() -> None:
    assert _broken("store/x.py", "from desktop.services import register")
    assert _broken("store/x.py", "from desktop import files")
    assert _broken("files/x.py", "from desktop.store import models")
    assert _broken("publish/x.py", "from desktop.reports import excel")
    assert _broken("reports/x.py", "from ..publish import sftp")
    assert _broken("services/x.py", "from desktop.ui import main_window")
    assert _broken("store/x.py", "import sqlalchemy\nfrom desktop.domain import request") == []
    assert _broken("publish/x.py", "import paramiko\nfrom desktop.store import blobs") == []
    assert _broken("services/x.py", "from desktop import files, publish, reports, store") == []


def test_only_ui_imports_widgets_and_cli_only_lazily() -> None:
    assert _broken("services/x.py", "from PySide6.QtWidgets import QWidget") == [
        f"PySide6.QtWidgets: {WIDGETS_RULE}"
    ]
    assert _broken("reports/x.py", "from PySide6 import QtPdfWidgets")
    assert _broken("cli.py", "from PySide6.QtWidgets import QApplication")
    assert _broken("cli.py", "from desktop.ui import app")
    lazy_gui = "def gui():\n    from PySide6.QtWidgets import QApplication\n" \
               "    from desktop.ui.app import run\n"
    assert _broken("cli.py", lazy_gui) == []
    assert _broken("ui/x.py", "from PySide6.QtWidgets import QWidget\n"
                   "from desktop.services import queue") == []
