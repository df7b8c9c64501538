"""The plain GUI start is read without argparse (desktop/cli/start.py): it must read every line
it accepts exactly as the parser does, and leave every other line to the parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import build_parser
from desktop.cli.start import GuiStart, gui_start

ROOT = Path(__file__).resolve().parents[2]

ACCEPTED = [
    [],
    ["--home", "/tmp/p"],
    ["--home=/tmp/p"],
    ["--home=-odd-"],                       # = takes any value, as argparse does
    ["--home", ""],
    ["--home", "/a", "--home", "/b"],       # the last one wins
    ["--lang", "en"],
    ["--lang=th", "--home", "/tmp/ที่ทำงาน"],
    ["--database", "sqlite:////tmp/x.db", "--lang", "th", "--home", "/tmp/p"],
    ["--database=postgresql://u@h/db?sslmode=require"],
    ["--home", "a=b"],
]

LEFT_TO_THE_PARSER = [
    ["--lang", "fr"],                      # the parser says which languages there are
    ["--lang=xx"],
    ["--home"],                            # a value is missing
    ["--home", "--lang", "en"],
    ["--ho", "/tmp/p"],                    # an abbreviation
    ["--demo"], ["--self-test"], ["--version"], ["--help"], ["-h"],
    ["request", "list"],
    ["--home", "/tmp/p", "user", "list"],
    ["--"],
    [""],
]


@pytest.mark.parametrize("argv", ACCEPTED, ids=repr)
def test_a_plain_start_is_read_as_the_parser_reads_it(argv: list[str]) -> None:
    start = gui_start(argv)
    args = build_parser(commands=True).parse_args(argv)
    assert start == GuiStart(args.home, args.database, args.lang)
    assert args.command is None and not args.demo and not args.self_test


@pytest.mark.parametrize("argv", LEFT_TO_THE_PARSER, ids=repr)
def test_anything_else_goes_to_the_parser(argv: list[str]) -> None:
    assert gui_start(argv) is None


def test_the_plain_start_imports_neither_argparse_helpers_nor_subcommands() -> None:
    """What `webdesk --home DIR` imports before the GUI: nothing of the CLI's helpers, no
    subcommand, no parser's locale lookups, no platformdirs (a --home is given)."""
    probe = ("import sys\n"
             "import desktop.cli.start as start\n"
             "import desktop.cli as cli\n"
             "cli._run_gui = lambda home, database, lang: print(home, database, lang) or 0\n"
             "sys.argv[1:] = ['--home', '/tmp/p', '--lang', 'en']\n"
             "code = cli.main()\n"
             "heavy = ('desktop.cli.', 'platformdirs', 'locale', 'desktop.domain',\n"
             "         'desktop.services', 'desktop.ui', 'PySide6')\n"
             "print(sorted(m for m in sys.modules if m.startswith(heavy)\n"
             "             and m != 'desktop.cli.start'), code)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("WEBDESK_HOME", None)
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.splitlines() == ["/tmp/p None en", "[] 0"]
