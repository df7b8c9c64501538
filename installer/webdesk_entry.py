"""The entry point PyInstaller freezes: the `webdesk` command (GUI by default)."""

from desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
