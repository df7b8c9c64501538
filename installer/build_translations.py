"""Build the Thai UI translation: scan desktop/ui for translatable strings, merge the Thai
text from resources/i18n/th.json, write resources/i18n/webdesk_th.ts and compile it to .qm
with pyside6-lrelease.

    python installer/build_translations.py          # build, list what is missing
    python installer/build_translations.py --check  # exit 1 if any string lacks Thai
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop" / "ui"
I18N = ROOT / "resources" / "i18n"


def _const(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def scan(folder: Path = UI) -> dict[str, set[str]]:
    """{context: {source text}} for every tr()/translate() call in the UI code."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _walk(tree, None, found)
    return found


def _walk(node: ast.AST, klass: str | None, found: dict[str, set[str]]) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.ClassDef):
            _walk(child, child.name, found)
            continue
        if isinstance(child, ast.Call):
            _call(child, klass, found)
        if _is_column_list(child, klass):
            assert isinstance(child, ast.Assign) and klass is not None
            for element in child.value.elts:  # type: ignore[attr-defined]
                text = _const(element)
                if text:
                    found.setdefault(klass, set()).add(text)
        _walk(child, klass, found)


def _is_column_list(node: ast.AST, klass: str | None) -> bool:
    """``COLUMNS = ("Reference", ...)`` in a class: header texts translated in data()."""
    return (isinstance(node, ast.Assign) and klass is not None
            and isinstance(node.value, ast.Tuple | ast.List)
            and any(isinstance(t, ast.Name) and t.id in ("COLUMNS", "TRANSLATABLE")
                    for t in node.targets))


def _call(call: ast.Call, klass: str | None, found: dict[str, set[str]]) -> None:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) \
        else ""
    if name == "tr" and isinstance(func, ast.Attribute) and len(call.args) >= 1 and klass:
        text = _const(call.args[0])
        if text:
            found.setdefault(klass, set()).add(text)
    elif name in ("translate", "tr") and len(call.args) >= 2:
        context, text = _const(call.args[0]), _const(call.args[1])
        if context and text:
            found.setdefault(context, set()).add(text)


def load_thai() -> dict[str, dict[str, str]]:
    path = I18N / "th.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def missing(found: dict[str, set[str]], thai: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    return sorted((c, s) for c, texts in found.items() for s in texts
                  if not thai.get(c, {}).get(s))


def write_ts(found: dict[str, set[str]], thai: dict[str, dict[str, str]], path: Path) -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="th_TH" sourcelanguage="en">']
    for context in sorted(found):
        lines.append(f"<context>\n    <name>{escape(context)}</name>")
        for source in sorted(found[context]):
            text = thai.get(context, {}).get(source, "")
            kind = "" if text else ' type="unfinished"'
            lines.append(f"    <message>\n        <source>{escape(source)}</source>\n"
                         f"        <translation{kind}>{escape(text)}</translation>\n"
                         "    </message>")
        lines.append("</context>")
    lines.append("</TS>\n")
    path.write_text("\n".join(lines), encoding="utf-8")


def lrelease() -> str:
    exe = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    return exe


def main(argv: list[str]) -> int:
    found = scan()
    thai = load_thai()
    gaps = missing(found, thai)
    for context, source in gaps:
        print(f"missing Thai: [{context}] {source!r}")
    if "--check" in argv:
        return 1 if gaps else 0
    I18N.mkdir(parents=True, exist_ok=True)
    ts = I18N / "webdesk_th.ts"
    write_ts(found, thai, ts)
    subprocess.run([lrelease(), str(ts), "-qm", str(I18N / "webdesk_th.qm")], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{sum(len(v) for v in found.values())} strings, {len(gaps)} missing; wrote {ts.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
