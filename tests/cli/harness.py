"""Running ``webdesk`` against hostile input and checking the house rule on what comes back.

``run_cli`` calls ``desktop.cli.main`` in this process (fast); ``run_launcher`` runs the real
``webdesk`` launcher of the venv.  ``refused`` checks one refusal: a non-zero exit (2: the
user's or the environment's fault), a message on stderr in the chosen language that names the
problem, and no traceback or "internal error" (exit 70 is a bug).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.cli import main
from desktop.domain.text_safety import printable

VENV_BIN = Path(sys.executable).parent
LAUNCHER = VENV_BIN / "webdesk"
THAI = re.compile("[\u0e01-\u0e5b]")
BUG_MARKERS = ("Traceback", "internal error", "ข้อผิดพลาดภายใน", "Exception:")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


class _ClosedStdin(io.StringIO):
    """Standard input whose writer went away before anything came (reads give '')."""


def run_cli(argv: Sequence[str], stdin: str | None = "") -> Outcome:
    """``webdesk ARGV`` in this process; ``stdin=None`` is a closed standard input."""
    out, err = io.StringIO(), io.StringIO()
    if stdin is None:
        source: io.StringIO = io.StringIO()
        source.close()
    else:
        source = io.StringIO(stdin)
    with contextlib.redirect_stderr(err):
        try:
            code = main(list(argv), stdin=source, stdout=out)
        except SystemExit as exc:   # argparse: --help, a usage error
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return Outcome(code, out.getvalue(), err.getvalue())


def run_launcher(argv: Sequence[str], stdin: bytes | None = b"", *,
                 shell_suffix: str = "", env: dict[str, str] | None = None,
                 timeout: float = 300) -> Outcome:
    """The real ``webdesk`` launcher in a subprocess.  ``shell_suffix`` (e.g. ``| head -1``
    or ``0<&-``) makes it run through bash, with ``pipefail`` so the exit code is webdesk's."""
    environment = {**os.environ, **(env or {})}
    if shell_suffix:
        command = " ".join(_quote(a) for a in [str(LAUNCHER), *argv])
        done = subprocess.run(["bash", "-o", "pipefail", "-c", f"{command} {shell_suffix}"],
                              input=stdin, capture_output=True, env=environment,
                              timeout=timeout, check=False)
    else:
        done = subprocess.run([str(LAUNCHER), *argv], input=stdin, capture_output=True,
                              env=environment, timeout=timeout, check=False)
    return Outcome(done.returncode, done.stdout.decode("utf-8", "replace"),
                   done.stderr.decode("utf-8", "replace"))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def refused(outcome: Outcome, lang: str, *names: str, code: int = 2) -> None:
    """The house rule for one refusal: exit ``code``, a message in ``lang`` on stderr that
    contains every one of ``names`` (case-insensitive), no traceback, not a bug, nothing a
    terminal would act on (escape sequences, bidi overrides)."""
    err = outcome.err
    assert not any(marker in err or marker in outcome.out for marker in BUG_MARKERS), \
        f"a bug reached the user (exit {outcome.code}):\n{err}{outcome.out}"
    assert outcome.code == code, f"exit {outcome.code}, expected {code}:\n{err}{outcome.out}"
    assert err.strip(), f"no message on stderr (exit {outcome.code}); stdout: {outcome.out!r}"
    assert printable(err) == err, f"control or bidi characters reach the terminal: {err!r}"
    if lang == "th":
        assert THAI.search(err), f"not in Thai: {err!r}"
    for name in names:
        assert name.lower() in err.lower(), f"the message does not name {name!r}: {err!r}"
