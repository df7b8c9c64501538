"""The plain start, ``webdesk [--home DIR] [--database URL] [--lang th|en]``, read without
argparse.

Opening the GUI is what ``webdesk`` does most, and the sign-in screen should paint as soon as a
bare Qt window would.  Building the argparse parser (whose gettext lookups import ``locale``)
and importing the subcommands' helpers cost that start milliseconds for three options, so
:func:`gui_start` reads exactly those, in the forms argparse accepts (``--home DIR`` and
``--home=DIR``, the last one given wins), and answers None for anything else: a subcommand, a
flag (``--demo``, ``--version``, ``--help``...), an abbreviation, a value that looks like an
option, a language that is not ``th`` or ``en``.  Those go through the full parser as before
(tests/unit/test_cli_start.py checks both readings agree).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NamedTuple

START_OPTIONS = ("--home", "--database", "--lang")
START_FLAGS = ("--demo", "--self-test", "--version")
LANGUAGES = ("th", "en")


class GuiStart(NamedTuple):
    home: str | None
    database: str | None
    lang: str | None


def is_plain_start(argv: Sequence[str]) -> bool:
    """Only the options and flags of a start (no subcommand, no --help) on the line: the
    parser needs none of the subcommands."""
    return _start_words(argv, START_FLAGS) is not None


def gui_start(argv: Sequence[str]) -> GuiStart | None:
    """The options of a plain GUI start, or None when the line is anything else."""
    values = _start_words(argv, ())
    if values is None:
        return None
    lang = values.get("--lang")
    if lang is not None and lang not in LANGUAGES:
        return None                 # the parser says why
    return GuiStart(values.get("--home"), values.get("--database"), lang)


def _start_words(argv: Sequence[str], flags: Sequence[str]) -> dict[str, str] | None:
    """The start options on the line (``--home DIR`` or ``--home=DIR``, the last one wins)
    when it holds nothing but those and ``flags``; None otherwise (a subcommand, another
    flag, an abbreviation, an option whose value is missing or looks like an option)."""
    values: dict[str, str] = {}
    words = list(argv)
    while words:
        word = words.pop(0)
        if word in flags:
            continue
        name, equals, value = word.partition("=")
        if name not in START_OPTIONS:
            return None
        if not equals:
            if not words or words[0].startswith("-"):
                return None
            value = words.pop(0)
        values[name] = value
    return values


def default_lang() -> str:
    """Thai unless WEBDESK_LANG says otherwise: WebDesk speaks Thai first, whatever the
    system locale (Thai offices often run English Windows)."""
    env = os.environ.get("WEBDESK_LANG", "").strip().lower()
    return env if env in LANGUAGES else "th"


def utf8_streams() -> None:
    """Write a redirected stdout/stderr in UTF-8 whatever the system's code page: Windows writes a
    pipe or a file in the ANSI code page (cp1252 cannot encode Thai: the command died with
    UnicodeEncodeError), and a Linux shell under a non-UTF-8 locale does the same."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
