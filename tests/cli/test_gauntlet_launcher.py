"""Gauntlet through the real ``webdesk`` launcher (a subprocess): a reader that went away, a
closed stdin, bytes that are not UTF-8, the exit codes a script sees, and what Python would
print on its own (tracebacks from logging, "Exception ignored" at a full disk)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.harness import BUG_MARKERS, LAUNCHER, Outcome, refused, run_launcher
from tests.cli.places import Places
from tests.cli.profiles import Profile

QUIET = ("Traceback", "BrokenPipe", "Exception ignored", "internal error",
         "ข้อผิดพลาดภายใน")


def _into_a_closed_pipe(argv: list[str]) -> Outcome:
    """stdout is a pipe whose reader is already gone: the first write fails (EPIPE)."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run([str(LAUNCHER), *argv], stdout=writer, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=300, check=False)
    finally:
        os.close(writer)
    return Outcome(done.returncode, "", done.stderr.decode("utf-8", "replace"))


@pytest.mark.parametrize("args", [
    ("request", "list"), ("request", "list", "--json"), ("user", "list"),
    ("approval", "show"), ("audit", "verify"), ("--help",), ("request", "--help"),
], ids=lambda args: "-".join(a.strip("-") for a in args))
def test_a_reader_that_went_away_ends_it_quietly(profile: Profile, args: tuple[str, ...]
                                                 ) -> None:
    """``webdesk ... | head``: the reader left; exit 0 (the work was done), nothing on
    stderr — no traceback, no BrokenPipeError, no "internal error"."""
    home = ("--home", str(profile.home)) if args[0] != "--help" else ()
    outcome = _into_a_closed_pipe([*home, *args])
    assert outcome.code == 0 and outcome.err == "", outcome


def test_head_takes_the_first_line(profile: Profile) -> None:
    outcome = run_launcher(["--home", str(profile.home), "request", "list"],
                           shell_suffix="| head -1")
    assert outcome.code == 0 and outcome.err == "", outcome
    assert outcome.out.count("\n") == 1 and "WD-2569-000" in outcome.out


@pytest.mark.parametrize(("lang", "word"), [("th", "stdin"), ("en", "stdin")])
def test_a_closed_stdin_is_no_password(profile: Profile, lang: str, word: str) -> None:
    """``0<&-``: Python has no sys.stdin at all; the password is missing, said as such."""
    before = profile.snapshot()
    outcome = run_launcher(["--home", str(profile.home), "--lang", lang, "request", "submit",
                            "1", "--as", "somchai"], stdin=None, shell_suffix="0<&-")
    refused(outcome, lang, word)
    assert profile.snapshot() == before


def test_stdin_from_dev_null_is_no_password(profile: Profile) -> None:
    outcome = run_launcher(["--home", str(profile.home), "user", "passwd", "--as", "somchai"],
                           stdin=b"")
    refused(outcome, "th", "stdin")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_bytes_that_are_not_utf8(profile: Profile, lang: str) -> None:
    """A password or an argument in another encoding (a TIS-620 file name, a mistyped byte):
    a message, not exit 70 when it reaches the password hash or the database."""
    head = ["--home", str(profile.home), "--lang", lang]
    password = run_launcher([*head, "request", "submit", "1", "--as", "somchai"],
                            stdin=b"\xff\xfe-pass\n")
    refused(password, lang, "stdin" if lang == "th" else "password")
    title = run_launcher([*head, "request", "add", "--title", "\udcff\udcfeข่าว", "--as",
                          "somchai"], stdin=b"somchai-demo-1\n")
    refused(title, lang, "ข่าว")


def test_exit_codes_a_script_sees(profile: Profile) -> None:
    """0 done, 1 a finding (a check that failed), 2 the user's or environment's fault."""
    home = ["--home", str(profile.home)]
    assert run_launcher([*home, "audit", "verify"]).code == 0
    assert run_launcher([*home, "signoff", "verify", "1"]).code == 1
    usage = run_launcher([*home, "request", "list", "--state", "bogus"])
    refused(usage, "th", "bogus")
    english = run_launcher([*home, "request", "submit", "999", "--as", "somchai"],
                           stdin=b"somchai-demo-1\n", env={"WEBDESK_LANG": "en"})
    refused(english, "en", "999")
    assert "Request 999" in english.err


def test_a_profile_that_is_a_file_shows_no_traceback(tmp_path: Path) -> None:
    """Even where the bug log cannot live in the profile, no traceback reaches the screen."""
    home = tmp_path / "profile"
    home.write_text("a file\n", encoding="utf-8")
    outcome = run_launcher(["--home", str(home), "request", "list"])
    refused(outcome, "th", str(home))


@pytest.mark.parametrize("kind", ["xlsx", "pdf", "summary"])
def test_a_report_on_a_full_disk_prints_nothing_else(profile: Profile, places: Places,
                                                     kind: str) -> None:
    """openpyxl's half-written workbook is collected after the refusal ("Exception ignored
    in ... Traceback"): that goes to the bug log, the user sees one message."""
    target = places.full / f"report.{'xlsx' if kind == 'xlsx' else 'pdf'}"
    extra = ["--kind", "summary"] if kind == "summary" else []
    outcome = run_launcher(["--home", str(profile.home), "report", "--fiscal-year", "2570",
                            "--out", str(target), *extra])
    refused(outcome, "th", str(target))
    assert not any(marker in outcome.err for marker in (*BUG_MARKERS, *QUIET)), outcome.err
    assert outcome.err.count("\n") == 1, outcome.err
    assert sorted(p.name for p in places.full.iterdir()) == ["filler"]
