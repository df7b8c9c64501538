"""The entry point PyInstaller freezes: the `webdesk` command (GUI by default)."""

import sys

from desktop.cli import main


def utf8_output() -> None:
    """Windows writes a redirected stdout/stderr (a pipe, a file, an installer's log) in the ANSI
    code page: cp1252 cannot encode Thai and the tour/self-test died with UnicodeEncodeError.
    A console (UTF-16 underneath) and Linux are UTF-8 already; webdesk-gui.exe has no streams."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


if __name__ == "__main__":
    utf8_output()
    raise SystemExit(main())
