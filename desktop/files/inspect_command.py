"""``webdesk inspect FILE...``: run the file policy on files and folders without registering.

One line per file, ``<path>: OK <type> <size>`` or ``<path>: REFUSED <reason>``; with
``--json`` one JSON document: an array of one object per file (written as each file is
inspected, an object per line).  Folders are walked recursively (symbolic links to
folders are not followed).  Exit status 0 when every file passes, 1 otherwise.  File names
are whatever is on the disk: in a line they lose their control characters and line breaks
(an escape sequence in a name cannot drive the terminal or fake a line); in JSON they are
kept whole, with those characters written as ``\\uXXXX``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from desktop.domain.file_policy import FilePolicy, Verdict
from desktop.domain.messages import message_text
from desktop.domain.text_safety import one_line, printable, terminal_json
from desktop.files.intake import inspect_file


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given, and every file under each folder in a stable (sorted) order."""
    for given in paths:
        if os.path.isdir(given):
            for root, folders, files in os.walk(given):
                folders.sort()
                for name in sorted(files):
                    yield os.path.join(root, name)
        else:
            yield given


def verdict_line(path: str, verdict: Verdict, lang: str) -> str:
    shown = one_line(path)
    if verdict.accepted:
        assert verdict.kind is not None
        line = f"{shown}: OK {verdict.kind.value} {verdict.size}"
        if verdict.warnings:
            notes = "; ".join(message_text(code, lang).rstrip(".")
                              for code in verdict.warnings)
            line += f" ({notes})"
        return printable(line)
    return f"{shown}: REFUSED {one_line(verdict.reason(lang))} [{verdict.reason_code}]"


def inspect_command(paths: list[str], as_json: bool = False, lang: str = "th",
                    out: TextIO | None = None, policy: FilePolicy | None = None) -> int:
    """Inspect every file; print one line (or JSON object) each; 0 if all pass, else 1."""
    out = out or sys.stdout
    policy = policy or FilePolicy()
    all_passed = True
    seen_any = False
    for path in expand_paths(paths):
        verdict = inspect_file(path, Path(path).name, policy)
        all_passed = all_passed and verdict.accepted
        if as_json:
            record = {"path": path, **verdict.to_dict(lang)}
            out.write(("," if seen_any else "[") + "\n" + terminal_json(record))
        else:
            out.write(verdict_line(path, verdict, lang) + "\n")
        seen_any = True
    if seen_any and as_json:
        out.write("\n]\n")
    if not seen_any:
        text = message_text("inspect_no_files", lang)
        out.write((terminal_json({"error": "inspect_no_files", "reason": text})
                   if as_json else text) + "\n")
        return 1
    return 0 if all_passed else 1
