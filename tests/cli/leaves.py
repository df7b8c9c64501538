"""Every subcommand of ``webdesk`` (a leaf of its parser) with one valid invocation against the
seeded template, and what it touches: ``db`` (the database), ``pc`` (writes this PC's
settings.json), ``read`` (reads the profile's folders only), ``file`` (a file named on the
command line, checked before the profile) or ``report`` (a check whose findings, a broken
database among them, are its output: exit 1, said on stdout)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from desktop.cli import build_parser
from tests.cli.cases import pw

NEW_PASSWORD = "malee-pass-123\n"


@dataclass(frozen=True)
class Leaf:
    argv: tuple[str, ...]
    stdin: str = ""
    touches: str = "db"


def _leaf(*argv: str, stdin: str = "", touches: str = "db") -> Leaf:
    return Leaf(argv, stdin, touches)


LEAVES: dict[str, Leaf] = {
    "db upgrade": _leaf("db", "upgrade"),
    "db current": _leaf("db", "current"),
    "db check": _leaf("db", "check", touches="report"),
    "audit verify": _leaf("audit", "verify"),
    "audit export": _leaf("audit", "export", "--from", "2000-01-01", "--to", "2100-12-31",
                          "--out", "{out}/audit.xlsx"),
    "audit purge": _leaf("audit", "purge", "--before", "2020-01-01", "--admin", "admin",
                         stdin=pw("admin")),
    "cache clear": _leaf("cache", "clear", touches="read"),
    "cache info": _leaf("cache", "info", touches="read"),
    "cache set": _leaf("cache", "set", "--max-mb", "64", touches="pc"),
    "inspect": _leaf("inspect", "{out}/fake.pdf", touches="file"),
    "user add": _leaf("user", "add", "malee", "--role", "webmaster", "--as", "admin",
                      stdin=pw("admin") + NEW_PASSWORD),
    "user list": _leaf("user", "list"),
    "user disable": _leaf("user", "disable", "somsri", "--as", "admin", stdin=pw("admin")),
    "user enable": _leaf("user", "enable", "retired", "--as", "admin", stdin=pw("admin")),
    "user unlock": _leaf("user", "unlock", "somsri", "--as", "admin", stdin=pw("admin")),
    "user certify": _leaf("user", "certify", "somsri", "--as", "admin", stdin=pw("admin")),
    "user reset-password": _leaf("user", "reset-password", "somsri", "--as", "admin",
                                 stdin=pw("admin") + NEW_PASSWORD),
    "user set-roles": _leaf("user", "set-roles", "somsri", "--role", "webmaster", "--as",
                            "admin", stdin=pw("admin")),
    "user passwd": _leaf("user", "passwd", "--as", "somchai", stdin=pw("somchai") + NEW_PASSWORD),
    "keys show": _leaf("keys", "show"),
    "keys trust-agency": _leaf("keys", "trust-agency", "--fingerprint", "SHA256:x"),
    "signoff verify": _leaf("signoff", "verify", "6"),
    "signoff resign": _leaf("signoff", "resign", "6", "--as", "director", stdin=pw("director")),
    "request list": _leaf("request", "list", "--json"),
    "request add": _leaf("request", "add", "--title", "ข่าว", "--as", "somchai",
                         stdin=pw("somchai")),
    "request submit": _leaf("request", "submit", "1", "--as", "somchai", stdin=pw("somchai")),
    "request review": _leaf("request", "review", "2", "--as", "somchai", stdin=pw("somchai")),
    "request return": _leaf("request", "return", "3", "--reason", "แก้ไข", "--as", "somchai",
                            stdin=pw("somchai")),
    "request send": _leaf("request", "send", "3", "--as", "somsri", stdin=pw("somsri")),
    "request withdraw": _leaf("request", "withdraw", "1", "--reason", "ยกเลิก", "--as",
                              "somchai", stdin=pw("somchai")),
    "request decide": _leaf("request", "decide", "5", "--approve", "--as", "director",
                            stdin=pw("director")),
    "request published-elsewhere": _leaf("request", "published-elsewhere", "6", "--url",
                                         "https://www.example.go.th/a", "--reason", "ขึ้นแล้ว",
                                         "--as", "admin", stdin=pw("admin")),
    "request extend": _leaf("request", "extend", "8", "--until", "2600-12-31", "--as",
                            "somchai", stdin=pw("somchai")),
    "server add": _leaf("server", "add", "www2", "--host", "127.0.0.1", "--user", "web",
                        "--agent", "--web-root", "/srv/www", "--url", "https://x", "--archive",
                        "/srv/archive", "--as", "admin", stdin=pw("admin")),
    "server list": _leaf("server", "list"),
    "server default": _leaf("server", "default", "site", "--as", "admin", stdin=pw("admin")),
    "server trust": _leaf("server", "trust", "site", "--as", "admin", stdin=pw("admin")),
    "publish": _leaf("publish", "6", "--as", "somchai", stdin=pw("somchai")),
    "takedown": _leaf("takedown", "8", "--as", "somchai", stdin=pw("somchai")),
    "reconcile": _leaf("reconcile", "--as", "somchai", stdin=pw("somchai")),
    "form": _leaf("form", "1", "--out", "{out}/form.pdf"),
    "workstation": _leaf("workstation", "--shared-pc", "on", touches="pc"),
    "approval show": _leaf("approval", "show"),
    "approval set-chain": _leaf("approval", "set-chain", "news", "--admin", "admin",
                                stdin=pw("admin")),
    "approval signature": _leaf("approval", "signature", "on", "--admin", "admin",
                                stdin=pw("admin")),
    "backup": _leaf("backup", "--out", "{out}/site.wdbackup"),
    "restore": _leaf("restore", "{out}/fake.pdf", touches="file"),
    "seed-demo": _leaf("seed-demo"),
    "report": _leaf("report", "--fiscal-year", "2570", "--out", "{out}/report.pdf"),
    "logs import": _leaf("logs", "import", "{out}/binary.csv"),
    "logs fetch": _leaf("logs", "fetch", "--folder", "/var/log", "--as", "somchai",
                        stdin=pw("somchai")),
    "logs keep": _leaf("logs", "keep", "--days", "120"),
    "logs purge": _leaf("logs", "purge", "--keep-days", "120"),
    "survey preview": _leaf("survey", "preview", "{out}/empty.csv"),
    "survey import": _leaf("survey", "import", "{out}/empty.csv"),
    "seed-bulk": _leaf("seed-bulk", "--requests", "1"),
}


def parser_leaves(parser: argparse.ArgumentParser | None = None,
                  prefix: tuple[str, ...] = ()) -> Iterator[str]:
    """The name of every subcommand of the real parser ("request add", "publish", ...)."""
    parser = parser or build_parser()
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield " ".join(prefix)
        return
    for name, child in groups[0].choices.items():
        yield from parser_leaves(child, (*prefix, name))


def leaf_of(argv: Sequence[str], parser: argparse.ArgumentParser | None = None) -> str:
    """The subcommand an argument list names ("" when it names none)."""
    parser = parser or build_parser()
    path: list[str] = []
    for word in argv:
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not groups:
            break
        if word in groups[0].choices:
            path.append(word)
            parser = groups[0].choices[word]
    return " ".join(path)
