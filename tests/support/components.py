"""Finding the real components a test needs, and failing (under CI) or skipping when one is missing.

A green CI must mean the real thing ran: with ``CI=true`` a missing component is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

import pytest


def running_in_ci() -> bool:
    """True when the environment says ``CI=true`` (as ``.ci/run`` is started)."""
    return os.environ.get("CI", "").strip().lower() == "true"


def require(available: bool, what: str) -> None:
    """Stop the current test unless ``available``: pytest.fail under CI, else pytest.skip.

    ``what`` names the missing component and how to get it, e.g.
    ``require(which("pdftotext") is not None, "pdftotext (Debian: poppler-utils)")``.
    """
    if available:
        return
    message = f"missing component: {what}"
    if running_in_ci():
        pytest.fail(f"{message} (CI=true, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)


def which(command: str) -> str | None:
    """Path of ``command`` on PATH or in the sbin folders root has (sshd lives in /usr/sbin)."""
    found = shutil.which(command)
    if found:
        return found
    extra = os.pathsep.join(["/usr/local/sbin", "/usr/sbin", "/sbin"])
    return shutil.which(command, path=extra)


def postgres_bin_dir() -> Path | None:
    """Folder with initdb and pg_ctl: Debian's newest /usr/lib/postgresql/N/bin, else PATH.

    ``WEBDESK_PG_BINDIR`` overrides the search.
    """
    override = os.environ.get("WEBDESK_PG_BINDIR")
    if override:
        folder = Path(override)
        return folder if (folder / "initdb").exists() else None
    candidates = glob.glob("/usr/lib/postgresql/*/bin")
    candidates.sort(key=_version_key, reverse=True)
    for candidate in candidates:
        folder = Path(candidate)
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).parent
    return None


def _version_key(bin_dir: str) -> tuple[int, ...]:
    version = Path(bin_dir).parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())
