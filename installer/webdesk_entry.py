"""The entry point PyInstaller freezes: the `webdesk` command (GUI by default).

``main`` writes a redirected stdout/stderr in UTF-8 (``cli.start.utf8_streams``): on Windows a
pipe or a file is in the ANSI code page, which cannot encode Thai."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
