"""The rooms of desktop/ import only what the README's layout table says (checked with ast).

    room       may import (desktop)             third-party libraries
    domain     -                                (standard library only)
    store      domain                           sqlalchemy, alembic, psycopg
    files      domain                           PIL, pypdfium2, openpyxl (reading)
    publish    domain, store                    paramiko, asyncssh, keyring
    reports    domain, store                    openpyxl, fpdf, uharfbuzz, pypdfium2, PIL, pythainlp
    keys       domain                           cryptography, argon2
    services   every room but ui and cli        -
    ui         services, domain                 PySide6 (and its shiboken6)
    cli        services, domain; ui lazily      -

Every room but domain may also import the top-level helpers (desktop/paths.py: platformdirs;
desktop/logging_setup.py): they are "base".  Nothing outside ui imports Qt (QtCore and QtGui
included).  No module imports by name at run time (importlib.import_module, __import__):
those imports would escape this test.

Breaks still waiting in other people's zones are listed in PENDING, each with its owner; a
test fails when a listed break is gone, so the list only shrinks.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "desktop"
PACKAGE = "desktop"

ROOMS = ("domain", "store", "files", "publish", "reports", "keys", "services", "ui", "cli")
BASE = "base"    # desktop/__init__.py, desktop/paths.py, desktop/logging_setup.py
ENTRY = "__main__"

ALLOWED_ROOMS: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "store": frozenset({"domain", BASE}),
    "files": frozenset({"domain", BASE}),
    "publish": frozenset({"domain", "store", BASE}),
    "reports": frozenset({"domain", "store", BASE}),
    "keys": frozenset({"domain", BASE}),
    "services": frozenset({"domain", "store", "files", "publish", "reports", "keys", BASE}),
    "ui": frozenset({"services", "domain", BASE}),
    "cli": frozenset({"services", "domain", BASE}),
    BASE: frozenset({"domain", BASE}),
    ENTRY: frozenset({"cli", BASE}),
}
LAZY_ONLY_ROOMS: dict[str, frozenset[str]] = {"cli": frozenset({"ui"})}

THIRD_PARTY: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "store": frozenset({"sqlalchemy", "alembic", "psycopg"}),
    "files": frozenset({"PIL", "pypdfium2", "openpyxl"}),
    "publish": frozenset({"paramiko", "asyncssh", "keyring"}),
    "reports": frozenset({"openpyxl", "fpdf", "uharfbuzz", "pypdfium2", "PIL", "pythainlp"}),
    "keys": frozenset({"cryptography", "argon2"}),
    "services": frozenset(),
    "ui": frozenset({"PySide6", "shiboken6"}),
    "cli": frozenset(),
    BASE: frozenset({"platformdirs"}),
    ENTRY: frozenset(),
}
QT_PACKAGES = frozenset({"PySide6", "shiboken6"})

RULES = {
    "domain": "desktop/domain imports only the standard library and desktop.domain",
    "store": "desktop/store may import desktop.domain",
    "files": "desktop/files may import desktop.domain",
    "publish": "desktop/publish may import desktop.domain and desktop.store",
    "reports": "desktop/reports may import desktop.domain and desktop.store",
    "keys": "desktop/keys may import desktop.domain",
    "services": "desktop/services may import every room but desktop.ui and desktop.cli",
    "ui": "desktop/ui may import desktop.services and desktop.domain",
    "cli": "desktop/cli may import desktop.services and desktop.domain (desktop.ui only "
           "inside the function that opens the GUI)",
    BASE: "top-level helpers of desktop/ may import desktop.domain and each other",
    ENTRY: "desktop/__main__.py only starts desktop.cli",
}
QT_RULE = "only desktop/ui imports Qt (PySide6.QtCore and QtGui too)"
DYNAMIC_RULE = "no imports by name at run time (importlib.import_module, __import__)"


def third_party_rule(room: str, library: str) -> str:
    homes = sorted(r for r, libraries in THIRD_PARTY.items() if library in libraries)
    where = ", ".join(f"desktop/{r}" for r in homes) if homes else "no room yet (add it to "\
        "the README table and THIRD_PARTY first)"
    return f"{library} belongs in {where}, not desktop/{room}"


# Breaks in other people's zones, by who removes them: (file under desktop/, what it imports).
_PENDING_BY_OWNER: dict[str, tuple[tuple[str, str], ...]] = {
}
PENDING: dict[tuple[str, str], str] = {
    key: owner for owner, keys in _PENDING_BY_OWNER.items() for key in keys}


@dataclass(frozen=True)
class ImportUse:
    target: str     # absolute dotted name of the imported module, or a DYNAMIC marker
    line: int
    lazy: bool      # inside a function body: only imported when that function runs


DYNAMIC = "<dynamic import>"


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room_of(name: str) -> str:
    """The room of a module inside desktop/: a ROOMS entry, ENTRY or BASE."""
    parts = name.split(".")
    if len(parts) < 2:
        return BASE
    if parts[1] in ROOMS:
        return parts[1]
    if parts[1] == ENTRY:
        return ENTRY
    return BASE


class _ImportCollector(ast.NodeVisitor):
    def __init__(self, name: str, is_package: bool, package_dir: Path) -> None:
        self.name, self.is_package, self.package_dir = name, is_package, package_dir
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
            if base == "importlib" and alias.name == "import_module":
                self._add(DYNAMIC, node.lineno)
            candidate = f"{base}.{alias.name}"
            self._add(candidate if self._is_submodule(candidate) else base, node.lineno)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (isinstance(func, ast.Name) and func.id in ("__import__", "import_module")) or (
                isinstance(func, ast.Attribute) and func.attr in ("import_module",
                                                                  "__import__")):
            self._add(DYNAMIC, node.lineno)
        self.generic_visit(node)

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


def broken_rules(name: str, uses: list[ImportUse]) -> list[tuple[ImportUse, str, str]]:
    """Each import of module ``name`` that breaks a rule: (use, PENDING key word, rule)."""
    room = room_of(name)
    found: list[tuple[ImportUse, str, str]] = []
    for use in uses:
        if use.target == DYNAMIC:
            found.append((use, "dynamic", DYNAMIC_RULE))
            continue
        top = use.target.split(".")[0]
        if top == PACKAGE:
            target_room = room_of(use.target)
            allowed = ALLOWED_ROOMS[room] | {room}
            lazy_ok = use.lazy and target_room in LAZY_ONLY_ROOMS.get(room, frozenset())
            if target_room not in allowed and not lazy_ok:
                found.append((use, use.target, RULES[room]))
            continue
        if top in sys.stdlib_module_names or top == "__future__":
            continue
        if top in QT_PACKAGES and room != "ui":
            found.append((use, top, QT_RULE))
        elif top not in THIRD_PARTY[room]:
            found.append((use, top, third_party_rule(room, top)))
    return found


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    return sorted(path for path in package_dir.rglob("*.py")
                  if "__pycache__" not in path.parts and not path.name.startswith("."))


def pending_key(shown: str, target: str) -> tuple[str, str]:
    """PENDING is keyed by the file and the top of what it imports (or the rule word)."""
    if target.startswith(f"{PACKAGE}."):
        target = ".".join(target.split(".")[:2])
    return shown, target


def check_tree(package_dir: Path = PACKAGE_DIR) -> tuple[list[str], set[tuple[str, str]]]:
    """One readable line per broken rule in the package, and the PENDING keys still seen."""
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for path in source_files(package_dir):
        shown = str(path.relative_to(package_dir))
        try:
            name = module_name(path, package_dir)
            uses = imports_in(path.read_text(encoding="utf-8"), name,
                              path.name == "__init__.py", package_dir)
        except (SyntaxError, UnicodeDecodeError) as error:
            problems.append(f"desktop/{shown}: cannot be parsed ({error})")
            continue
        for use, target, rule in broken_rules(name, uses):
            key = pending_key(shown, target)
            if key in PENDING:
                seen.add(key)
                continue
            how = " (inside a function)" if use.lazy else ""
            what = "imports by name at run time" if use.target == DYNAMIC \
                else f"imports {use.target}{how}"
            line = f"desktop/{shown}:{use.line} {what} -- rule: {rule}"
            if line not in problems:
                problems.append(line)
    return problems, seen


def test_desktop_rooms_import_only_what_they_may() -> None:
    assert len(source_files()) >= 8, f"expected the desktop/ package at {PACKAGE_DIR}"
    problems, _seen = check_tree()
    assert not problems, "architecture rules broken:\n  " + "\n  ".join(problems)


def test_pending_breaks_are_still_there_so_the_list_only_shrinks() -> None:
    _problems, seen = check_tree()
    gone = sorted(set(PENDING) - seen)
    assert not gone, f"fixed -- remove from PENDING in {__file__}: {gone}"


def test_readme_table_says_the_same_as_this_test() -> None:
    readme = (PACKAGE_DIR.parent / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`desktop/"):
            rows[cells[0].strip("`").removeprefix("desktop/").strip("/")] = cells
    assert set(rows) == set(ROOMS), f"README layout rows: {sorted(rows)}"
    for room, (_, _, may_import, libraries) in rows.items():
        named = {word.strip(" ,.()") for word in may_import.replace(";", ",").split()}
        for other in ALLOWED_ROOMS[room] - {BASE}:
            assert other in named, f"README row {room}: may import {other}?"
        for library in THIRD_PARTY[room] - {"shiboken6"}:
            shown = {"PIL": "Pillow", "fpdf": "fpdf2", "argon2": "argon2-cffi",
                     "psycopg": "psycopg", "PySide6": "PySide6"}.get(library, library)
            assert shown.lower() in libraries.lower(), f"README row {room}: {shown}?"


# ----- the checker itself -----
def _broken(path: str, source: str) -> list[str]:
    name = module_name(PACKAGE_DIR / path)
    uses = imports_in(source, name, path.endswith("__init__.py"))
    return [f"{target}: {rule}" for _use, target, rule in broken_rules(name, uses)]


def test_domain_imports_the_standard_library_only() -> None:
    assert _broken("domain/x.py", "import sqlalchemy") == [
        f"sqlalchemy: {third_party_rule('domain', 'sqlalchemy')}"]
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
    assert _broken("keys/x.py", "from desktop.store import models")
    assert _broken("services/x.py", "from desktop.ui import main_window")
    assert _broken("services/x.py", "from desktop.cli import common")
    assert _broken("store/x.py", "import sqlalchemy\nfrom desktop.domain import request") == []
    assert _broken("publish/x.py", "import paramiko\nfrom desktop.store import blobs") == []
    assert _broken("services/x.py", "from desktop import files, keys, publish, reports, "
                                    "store") == []


def test_ui_reaches_the_rest_through_services() -> None:
    assert _broken("ui/x.py", "from desktop.publish.pages import format_size")
    assert _broken("ui/x.py", "from desktop.files.render_cache import RenderCache")
    assert _broken("ui/preview/x.py", "from desktop.store import models")
    assert _broken("ui/x.py", "from PIL import Image") == [
        f"PIL: {third_party_rule('ui', 'PIL')}"]
    assert _broken("ui/x.py", "from PySide6.QtWidgets import QWidget\nimport shiboken6\n"
                   "from desktop.services import requests\n"
                   "from desktop.domain.errors import UserError\n"
                   "from desktop.paths import AppPaths") == []


def test_third_party_libraries_live_in_their_room() -> None:
    assert _broken("services/x.py", "import paramiko")
    assert _broken("services/x.py", "from sqlalchemy import select")
    assert _broken("services/x.py", "from PIL import Image")
    assert _broken("files/x.py", "import openpyxl\nfrom PIL import Image\nimport pypdfium2") == []
    assert _broken("reports/x.py", "from pythainlp.tokenize import word_tokenize") == []
    assert _broken("keys/x.py", "from argon2 import PasswordHasher\n"
                                "from cryptography.hazmat.primitives import hashes") == []
    assert _broken("paths.py", "import platformdirs") == []
    assert _broken("publish/x.py", "import keyring") == []
    assert "belongs in no room yet" in _broken("publish/x.py", "import requests")[0]


def test_qt_only_in_ui_and_the_gui_only_lazily_from_cli() -> None:
    assert _broken("services/x.py", "from PySide6.QtCore import QObject") == [
        f"PySide6: {QT_RULE}"]
    assert _broken("reports/x.py", "from PySide6 import QtGui")
    assert _broken("cli/x.py", "from PySide6.QtWidgets import QApplication")
    assert _broken("cli/x.py", "from desktop.ui import app")
    assert _broken("cli/x.py", "from desktop.store import database")
    assert _broken("cli/__init__.py", "def gui():\n    from desktop.ui.app import run\n") == []


def test_imports_by_name_at_run_time_are_caught() -> None:
    assert _broken("services/x.py", "import importlib\nimportlib.import_module('x')") == [
        f"dynamic: {DYNAMIC_RULE}"]
    assert _broken("cli/x.py", "def f():\n    return __import__('desktop.ui.app')\n")
    assert _broken("ui/x.py", "from importlib import import_module")
    assert _broken("paths.py", "from importlib import resources") == []
