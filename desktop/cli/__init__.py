"""The ``webdesk`` command: the GUI by default; headless subcommands for unattended work.

One module per group of subcommands (``admin``, ``requests``, ``publish``, ``forms``); each has
``register(subparsers)`` and sets ``handler(args, io) -> exit code`` on its parsers.  The CLI
speaks to the services only (and the domain's value types); the GUI is imported lazily.

The plain GUI start (``webdesk``, ``webdesk --home DIR --lang th``) is read by
:func:`desktop.cli.start.gui_start` and goes straight to the GUI: no argparse parser, no
subcommand module, nothing of the CLI's helpers is imported on the way to the sign-in screen's
first paint.  Everything else goes through the parser.
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
from desktop.cli.start import default_lang, gui_start, is_plain_start, utf8_streams
from desktop.paths import AppPaths


def command_groups() -> tuple[ModuleType, ...]:
    """Every group of subcommands (imported here: the plain GUI start needs none of them)."""
    from desktop.cli import (
        admin,
        backup,
        bulk,
        demo,
        forms,
        publish,
        report,
        requests,
        trust,
        users,
    )

    return (admin, users, trust, requests, publish, forms, backup, demo, report, bulk)


def __getattr__(name: str) -> object:
    if name == "COMMAND_GROUPS":     # the tuple, for whoever reads it from outside
        return command_groups()
    raise AttributeError(f"module 'desktop.cli' has no attribute {name!r}")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The ``webdesk`` parser; without ``commands`` only the options of a plain start."""
    from desktop.cli import demo
    from desktop.cli.arguments import WebdeskParser

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
    start = gui_start(words)
    if start is not None:           # `webdesk [--home DIR] [--database URL] [--lang th|en]`
        _log_unraisable(start.home, start.database)
        return _run_gui(start.home, start.database, start.lang or default_lang())
    return _command(words, argv, stdin, stdout)


def _run_gui(home: str | None, database: str | None, lang: str) -> int:
    from desktop.ui.app import run_gui

    return run_gui(AppPaths.resolve(home, database), lang)


def _command(words: Sequence[str], argv: Sequence[str] | None, stdin: TextIO | None,
             stdout: TextIO | None) -> int:
    """Everything but the plain GUI start: a subcommand, a flag, or a line the parser refuses."""
    from desktop.cli import demo
    from desktop.cli.arguments import language_of, refuse_undecodable, use_language
    from desktop.cli.common import Io, safe_text
    from desktop.domain.errors import UserError

    use_language(language_of(words))  # usage errors too
    parser = build_parser(commands=not is_plain_start(words))
    args = parser.parse_args(argv)
    lang = args.lang or default_lang()
    # stdin closed (`webdesk ... 0<&-`): Python has no sys.stdin; reading gives nothing
    io = Io(lang=lang, inp=stdin or sys.stdin or io_module.StringIO(),
            out=stdout or sys.stdout, err=sys.stderr)
    _log_unraisable(args.home, args.database)
    flag_handler = demo.flag_handler(args)
    if getattr(args, "command", None) is None and flag_handler is None:
        return _run_gui(args.home, args.database, lang)   # e.g. an abbreviated --ho DIR
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


def _log_unraisable(home: str | None, database: str | None) -> None:
    """An error Python can only report ("Exception ignored in ...", e.g. a half-written
    workbook collected after a full disk) goes to the bug log, not to the user's screen."""
    def log(unraisable: sys.UnraisableHookArgs) -> None:
        from desktop.logging_setup import log_bug

        if unraisable.exc_value is not None:
            log_bug(AppPaths.resolve(home, database),
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
