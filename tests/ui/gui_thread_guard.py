"""Catch database work and password hashing done on the GUI thread by the UI.

An instrument, not a mock: SQLAlchemy's ``before_cursor_execute`` event and thin wrappers
around argon2's hash/verify functions (the real ones still run) note every call made on the
main thread while a frame of ``desktop/ui`` is on the stack — i.e. the UI doing it itself
instead of through the task runner.  Test code that prepares data directly (no UI frame on
the stack) is not counted.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import argon2
import argon2.low_level
from sqlalchemy import event
from sqlalchemy.engine import Engine

UI_DIR = str(Path(__file__).resolve().parents[2] / "desktop" / "ui") + "/"
_ARGON2_FUNCTIONS = ("hash_secret", "hash_secret_raw", "verify_secret")


@dataclass
class GuiThreadGuard:
    violations: list[str] = field(default_factory=list)

    def note(self, what: str) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame: FrameType | None = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename.startswith(UI_DIR):
                stack = "".join(traceback.format_stack(sys._getframe(2), limit=12))
                self.violations.append(f"{what} on the GUI thread:\n{stack}")
                return
            frame = frame.f_back

    def report(self) -> str:
        return "\n\n".join(self.violations[:3])


def _wrapped(guard: GuiThreadGuard, what: str,
             original: Callable[..., Any]) -> Callable[..., Any]:
    def instrumented(*args: Any, **kwargs: Any) -> Any:
        guard.note(what)
        return original(*args, **kwargs)

    instrumented.__wrapped__ = original  # type: ignore[attr-defined]
    return instrumented


@contextmanager
def gui_thread_guard() -> Iterator[GuiThreadGuard]:
    """Record DB statements and argon2 hashes the UI runs on the GUI thread."""
    guard = GuiThreadGuard()

    def on_execute(*_args: object) -> None:
        guard.note("a database statement")

    event.listen(Engine, "before_cursor_execute", on_execute)
    patched: list[tuple[object, str, object]] = []

    def patch(owner: object, name: str, what: str) -> None:
        original = getattr(owner, name)
        patched.append((owner, name, original))
        setattr(owner, name, _wrapped(guard, what, original))

    for name in _ARGON2_FUNCTIONS:
        original = getattr(argon2.low_level, name)
        patch(argon2.low_level, name, "an argon2 hash")
        # ... and wherever a module imported the function by name.
        for module in list(sys.modules.values()):
            if module is None or not getattr(module, "__name__", "").startswith(
                    ("desktop.", "argon2.")) or module is argon2.low_level:
                continue
            for attribute, value in list(vars(module).items()):
                if value is original:
                    patch(module, attribute, "an argon2 hash")
    try:
        yield guard
    finally:
        event.remove(Engine, "before_cursor_execute", on_execute)
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)
