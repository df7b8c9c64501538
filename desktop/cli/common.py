"""What every subcommand needs: its streams and language, the profile, a password from stdin,
signing in as someone, a request named by id or WD number, and safe output."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from desktop.cli.arguments import not_text
from desktop.domain.errors import UserError
from desktop.domain.text_safety import printable
from desktop.paths import AppPaths

if TYPE_CHECKING:
    from desktop.domain.users import User
    from desktop.services.context import AppContext


@dataclass(frozen=True)
class Io:
    lang: str
    inp: TextIO
    out: TextIO
    err: TextIO

    def say(self, text: str) -> None:
        """One line on stdout, control characters taken out (names come from the database)."""
        print(safe_text(text), file=self.out)

    def warn(self, text: str) -> None:
        print(safe_text(text), file=self.err)


Handler = Callable[[argparse.Namespace, Io], int]


def safe_text(text: str) -> str:
    """Text for a terminal: no escape sequences or other control characters."""
    return printable(text)


def paths_of(args: argparse.Namespace) -> AppPaths:
    return AppPaths.resolve(args.home, args.database)


@contextmanager
def opened(args: argparse.Namespace, io: Io, *, upgrade: bool = True) -> Iterator[AppContext]:
    """The profile's context for one command, closed afterwards."""
    from desktop.services.context import AppContext

    ctx = AppContext.open(paths_of(args), upgrade=upgrade, lang=io.lang)
    try:
        yield ctx
    finally:
        ctx.close()


def read_secret(io: Io) -> str:
    """One line from stdin (a password piped in); refuses an empty one (or none at all:
    stdin closed or unreadable)."""
    try:
        line = io.inp.readline().rstrip("\r\n")
    except (OSError, ValueError):
        line = ""
    if not line:
        raise UserError("no_secret_stdin")
    if not_text(line):
        raise UserError("secret_not_text")
    return line


def sign_in_as(ctx: AppContext, username: str, io: Io) -> User:
    """``--as NAME``: the password comes on stdin; wrong passwords count towards lockout."""
    from desktop.services import auth

    return auth.sign_in(ctx, username, read_secret(io))


def request_id_of(ctx: AppContext, text: str) -> int:
    """A request named by its number (6) or its WD reference (WD-2569-00006)."""
    from desktop.services.requests import find_request_id

    value = text.strip()
    if value.isdigit():       # also "²" or a number no id column holds (int4): not found
        number = int(value) if value.isdecimal() else 0
        if not 0 < number < 2 ** 31:
            from desktop.domain.errors import NotFound

            raise NotFound("request_not_found", request_id=value)
    return find_request_id(ctx, text)


def add_as_argument(parser: argparse.ArgumentParser, *, required: bool = True,
                    help_text: str = "who does it; the password is read from stdin") -> None:
    parser.add_argument("--as", dest="username", required=required, metavar="USER",
                        help=help_text)
