"""Every error code raised anywhere in desktop/ has its Thai and English message: the code is
found in the source (``UserError("code", ...)`` and its subclasses), every module is imported
(which registers the messages), and each code must then be in the catalogue.  A code without
a message would reach a user as a bare identifier."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from desktop.domain import messages

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"
ERROR_CLASSES = {"UserError", "IllegalTransition", "PermissionDenied", "ValidationFailed",
                 "AuthenticationFailed", "NotFound", "DateInputError", "PublishError",
                 "HostKeyUnknownError", "HostKeyChangedError"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def raised_codes() -> dict[str, str]:
    """code -> where it is first raised (file:line)."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else \
                func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            if name in ERROR_CLASSES and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_raised_error_code_has_thai_and_english() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts and path.name != "__main__.py":
            importlib.import_module(_module(path))
    missing = []
    for code, where in sorted(raised_codes().items()):
        thai = messages.message_text(code, "th")
        english = messages.message_text(code, "en")
        if thai == code or english == code or not thai.strip() or not english.strip():
            missing.append(f"{code} ({where})")
    assert not missing, "error codes without a registered Thai/English message: " + \
        ", ".join(missing)


def _all_subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_all_subclasses(sub)]
    return found


def test_every_message_enum_member_has_thai_and_english() -> None:
    """Codes declared as enums (desktop.domain.messages.MessageCode) carry their texts."""
    test_every_raised_error_code_has_thai_and_english()      # imports every module
    enums = _all_subclasses(messages.MessageCode)
    assert enums, "no MessageCode enums found"
    for enum in enums:
        for member in enum:
            assert messages.message_text(member, "th") != member.value, member
            assert messages.message_text(member, "en") != member.value, member


def test_the_scan_finds_codes() -> None:
    """The scan still sees the codes raised as plain strings (the modules not yet converted to
    MessageCode enums, whose members are checked above)."""
    codes = raised_codes()
    assert "request_not_found" in codes and len(codes) > 50
