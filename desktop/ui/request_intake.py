"""The work behind the attachment list, run on worker threads (no widgets here).

``expand_paths`` turns dropped files and folders into a file list; ``take_in`` reads and attaches
one file; ``load_files`` lists a request's files with their thumbnails.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.messages import register
from desktop.domain.users import User
from desktop.services import attachments as att
from desktop.services.context import AppContext
from desktop.services.publishing import PAPER_FORM_CAPTION  # the one definition

"""Marks the scanned, signed paper request form: its caption and the start of its name."""

register({
    "title_needed_to_attach": (
        "กรุณากรอกหัวข้อก่อนแนบไฟล์ (ต้องบันทึกร่างคำขอก่อน)",
        "Please enter a title before attaching files (the draft must be saved first).",
    ),
})


@dataclass(frozen=True)
class IntakeItem:
    path: Path
    display_name: str
    caption: str = ""
    replaces: int | None = None


@dataclass
class IntakeReport:
    """What one batch of files came to: accepted, refused (with reasons), duplicate warnings."""

    total: int = 0
    accepted: list[att.AttachResult] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def done(self) -> int:
        return len(self.accepted) + len(self.refused)


@dataclass(frozen=True)
class FileRow:
    stored: att.StoredFile
    thumbnail: bytes | None


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders walked recursively (sorted, symlinked folders not followed)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                found.extend(Path(folder) / name for name in sorted(files))
        elif path.exists():
            found.append(path)
    return found


def take_in(ctx: AppContext, user: User, request_id: int, item: IntakeItem) -> att.AttachResult:
    """Read one file (refused by its size before reading) and run it through the policy;
    a refusal raises ``file_refused``."""
    return att.attach_path(ctx, user, request_id, item.path, item.display_name,
                           caption=item.caption, replaces=item.replaces)


def load_files(ctx: AppContext, request_id: int) -> list[FileRow]:
    rows = []
    for stored in att.list_files(ctx, request_id):
        thumb = att.read_blob(ctx, stored.thumbnail_sha256) if stored.thumbnail_sha256 else None
        rows.append(FileRow(stored, thumb))
    return rows


def paper_form_name(path: Path) -> str:
    return f"{PAPER_FORM_CAPTION}{path.suffix.lower()}"
