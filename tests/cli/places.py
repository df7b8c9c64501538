"""Where the gauntlet's cases write, good and bad."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Places:
    """Where the cases write: ``{out}`` a usable folder, ``{missing}`` a folder that is not
    there, ``{folder}`` an existing folder (named like a file), ``{ro}`` a read-only disk,
    ``{full}`` a full disk, ``{home}`` the profile."""

    out: Path
    missing: Path
    folder: Path
    ro: Path
    full: Path
    home: Path

    def fill(self, text: str) -> str:
        return text.format(out=self.out, missing=self.missing, folder=self.folder, ro=self.ro,
                           full=self.full, home=self.home)

    def listing(self) -> dict[str, list[str]]:
        """What is in each place (a refused command must leave nothing behind)."""
        return {str(place): sorted(p.name for p in place.iterdir())
                for place in (self.out, self.ro, self.full) if place.is_dir()}


def fill_up(folder: Path) -> None:
    """Write until the disk says it is full (down to the last byte)."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (4096, 1):
            try:
                while os.write(handle, b"\0" * size) == size:
                    pass
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(handle)
