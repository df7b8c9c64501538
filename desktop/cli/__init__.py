"""The ``webdesk`` command: the GUI by default; headless subcommands for unattended work.

One module per group of subcommands (``admin``, ``requests``, ``publish``, ``forms``); each has
``register(subparsers)`` and sets ``handler(args, io) -> exit code`` on its parsers.  The CLI
speaks to the services only (and the domain's value types); the GUI is imported lazily.
"""

from __future__ import annotations

import argparse
import io as io_module
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TextIO

from desktop import __version__
from desktop.cli import demo
from desktop.cli.arguments import (
    WebdeskParser,
    language_of,
    refuse_undecodable,
    use_language,
)
from desktop.cli.common import Io, safe_text, utf8_streams
from desktop.domain.errors import UserError
from desktop.paths import AppPaths


def command_groups() -> tuple[ModuleType, ...]:
    """Every group of subcommands (imported here: the plain GUI start needs none of them)."""
    from desktop.cli import admin, backup, bulk, forms, publish, report, requests, trust, users

    return (admin, users, trust, requests, publish, forms, backup, demo, report, bulk)


def __getattr__(name: str) -> object:
    if name == "COMMAND_GROUPS":     # the tuple, for whoever reads it from outside
        return command_groups()
    raise AttributeError(f"module 'desktop.cli' has no attribute {name!r}")


# `webdesk`, `webdesk --home DIR --lang th`, `webdesk --demo`, `webdesk --version`: the GUI
# (or the demo) starts without importing and building every subcommand's parser (a quarter of
# the time to the first window).
_START_OPTIONS = ("--home", "--database", "--lang")
_START_FLAGS = ("--demo", "--self-test", "--version")


def is_plain_start(argv: Sequence[str]) -> bool:
    """Only the options of a start (no subcommand, no --help) on the line."""
    words = list(argv)
    while words:
        word = words.pop(0)
        if word in _START_FLAGS or word.partition("=")[0] in _START_OPTIONS and "=" in word:
            continue
        if word in _START_OPTIONS and words and not words[0].startswith("-"):
            words.pop(0)
            continue
        return False
    return True


def default_lang() -> str:
    """Thai unless WEBDESK_LANG says otherwise: WebDesk speaks Thai first, whatever the
    system locale (Thai offices often run English Windows)."""
    env = os.environ.get("WEBDESK_LANG", "").strip().lower()
    return env if env in ("th", "en") else "th"


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The ``webdesk`` parser; without ``commands`` only the options of a plain start."""
    parser = WebdeskParser(prog="webdesk", description="WebDesk")
    parser.add_argument("--version", action="version", version=f"webdesk {__version__}")
    parser.add_argument("--home", help="profile folder (env WEBDESK_HOME)")
    parser.add_argument("--database", help="database URL (env WEBDESK_DATABASE_URL)")
    parser.add_argument("--lang", choices=("th", "en"), help="language of messages")
    demo.add_flags(parser)
    if commands:
        sub = parser.add_subparsers(dest="command")
        for group in command_groups():
            group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if argv is None:  # a real process, not a test handing its own streams
        utf8_streams()
    use_language(language_of(words))  # usage errors too
    parser = build_parser(commands=not is_plain_start(words))
    args = parser.parse_args(argv)
    lang = args.lang or default_lang()
    # stdin closed (`webdesk ... 0<&-`): Python has no sys.stdin; reading gives nothing
    io = Io(lang=lang, inp=stdin or sys.stdin or io_module.StringIO(),
            out=stdout or sys.stdout, err=sys.stderr)
    _log_unraisable(args)
    flag_handler = demo.flag_handler(args)
    if getattr(args, "command", None) is None and flag_handler is None:
        from desktop.ui.app import run_gui

        return run_gui(AppPaths.resolve(args.home, args.database), lang)
    try:
        refuse_undecodable(sys.argv[1:] if argv is None else argv)
        handler = flag_handler or getattr(args, "handler", None)
        if handler is None:
            parser.print_usage(sys.stderr)
            return 2
        return int(handler(args, io))
    except UserError as exc:
        print(safe_text(exc.text(lang)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `webdesk request list | head`: the reader went away; end quietly (no traceback,
        # no "internal error") and keep Python from complaining when it flushes stdout.
        _silence_stdout()
        return 0
    except Exception:  # a bug: log the traceback, show a plain message
        from desktop.logging_setup import log_bug

        where = log_bug(AppPaths.resolve(args.home, args.database))
        print(_BUG_MESSAGE[lang].format(log=where), file=sys.stderr)
        return 70


def _log_unraisable(args: argparse.Namespace) -> None:
    """An error Python can only report ("Exception ignored in ...", e.g. a half-written
    workbook collected after a full disk) goes to the bug log, not to the user's screen."""
    def log(unraisable: sys.UnraisableHookArgs) -> None:
        from desktop.logging_setup import log_bug

        if unraisable.exc_value is not None:
            log_bug(AppPaths.resolve(args.home, args.database),
                    (unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback))

    sys.unraisablehook = log


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_BUG_MESSAGE = {
    "th": "เกิดข้อผิดพลาดภายในโปรแกรม รายละเอียดถูกบันทึกไว้ที่ {log} กรุณาแจ้งผู้ดูแลระบบ",
    "en": "An internal error occurred. Details were written to {log}; please tell your admin.",
}
