"""What files a request may carry: the admin-editable file policy and the verdict on one file.

Defaults follow seed 002 §2.10: the allowed types are pdf, xls, xlsx, doc, docx, jpg, png,
zip and rar, decided by content, and each file's size is recorded and limited.  The seed gives
no numbers for the limits, so the defaults below are conservative and an admin edits them as
JSON (:meth:`FilePolicy.to_dict` / :meth:`FilePolicy.from_dict`).
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from desktop.domain import file_messages  # noqa: F401  (registers the texts)
from desktop.domain.errors import UserError
from desktop.domain.messages import message_text

MIB = 1024 * 1024


class FileKind(enum.Enum):
    """An allowed file type, decided by content.  The value is the canonical extension."""

    PDF = "pdf"
    DOC = "doc"
    DOCX = "docx"
    XLS = "xls"
    XLSX = "xlsx"
    JPEG = "jpg"
    PNG = "png"
    ZIP = "zip"
    RAR = "rar"

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES[self]

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(ext for ext, kind in EXTENSION_KINDS.items() if kind is self)

    @property
    def is_image(self) -> bool:
        return self in (FileKind.JPEG, FileKind.PNG)

    @property
    def is_archive(self) -> bool:
        return self in (FileKind.ZIP, FileKind.RAR)


_MEDIA_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOC: "application/msword",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLS: "application/vnd.ms-excel",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.ZIP: "application/zip",
    FileKind.RAR: "application/vnd.rar",
}

#: Lower-case extension (without the dot) -> the kind its content must be.
EXTENSION_KINDS: dict[str, FileKind] = {
    "pdf": FileKind.PDF,
    "doc": FileKind.DOC,
    "docx": FileKind.DOCX,
    "xls": FileKind.XLS,
    "xlsx": FileKind.XLSX,
    "jpg": FileKind.JPEG,
    "jpeg": FileKind.JPEG,
    "png": FileKind.PNG,
    "zip": FileKind.ZIP,
    "rar": FileKind.RAR,
}


@dataclass(frozen=True)
class FilePolicy:
    """The limits every attachment is checked against.  Sizes are in bytes."""

    allowed_kinds: tuple[str, ...] = tuple(kind.value for kind in FileKind)
    max_file_bytes: int = 25 * MIB
    max_request_bytes: int = 100 * MIB
    max_files_per_request: int = 50
    image_max_pixels: int = 89_478_485  # Pillow's own decompression-bomb limit
    # Working memory of one image decode: a progressive JPEG's coefficients, a PNG's frame.
    image_max_decode_bytes: int = 176 * MIB
    image_web_max_width: int = 1600
    image_web_jpeg_quality: int = 85
    thumbnail_max_side: int = 320
    archive_max_total_uncompressed: int = 200 * MIB
    archive_max_ratio: int = 100
    archive_max_entries: int = 1000
    archive_max_depth: int = 2  # an archive inside an archive is depth 2
    refuse_archive_executables: bool = True
    refuse_password_pdf: bool = True

    def allows(self, kind: FileKind) -> bool:
        return kind.value in self.allowed_kinds

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["allowed_kinds"] = list(self.allowed_kinds)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FilePolicy:
        """Build a policy from admin-edited JSON; missing keys keep their defaults."""
        if not isinstance(data, dict):
            raise UserError("file_policy_invalid", field="(root)")
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                raise UserError("file_policy_invalid", field=key)
            default = getattr(cls(), key)
            if key == "allowed_kinds":
                values[key] = _parse_kinds(value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    raise UserError("file_policy_invalid", field=key)
                values[key] = value
            else:
                if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                    raise UserError("file_policy_invalid", field=key)
                values[key] = value
        policy = cls(**values)
        if not 1 <= policy.image_web_jpeg_quality <= 95:
            raise UserError("file_policy_invalid", field="image_web_jpeg_quality")
        return policy


def _parse_kinds(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise UserError("file_policy_invalid", field="allowed_kinds")
    kinds: list[str] = []
    for item in value:
        text = str(item).lower().lstrip(".")
        kind = EXTENSION_KINDS.get(text)
        if kind is None:
            raise UserError("file_policy_invalid", field="allowed_kinds")
        if kind.value not in kinds:
            kinds.append(kind.value)
    return tuple(kinds)


@dataclass(frozen=True)
class Verdict:
    """The outcome of inspecting one file.  ``reason_code`` is empty when accepted."""

    accepted: bool
    display_name: str
    size: int
    sha256: str
    kind: FileKind | None = None
    media_type: str = ""
    reason_code: str = ""
    reason_params: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def reason(self, lang: str = "th") -> str:
        if self.accepted:
            return ""
        return message_text(self.reason_code, lang, **self.reason_params)

    def warning_texts(self, lang: str = "th") -> list[str]:
        return [message_text(code, lang) for code in self.warnings]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "display_name": self.display_name,
            "kind": self.kind.value if self.kind else None,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "reason_code": self.reason_code or None,
            "reason": self.reason(lang) or None,
            "reason_params": {k: _jsonable(v) for k, v in self.reason_params.items()},
            "warnings": list(self.warnings),
            "details": {k: _jsonable(v) for k, v in self.details.items()},
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return str(value)


def request_size_problem(sizes: list[int], policy: FilePolicy) -> UserError | None:
    """The per-request limits: how many files and how many bytes in total."""
    if len(sizes) > policy.max_files_per_request:
        return UserError("request_too_many_files", count=len(sizes),
                         limit=policy.max_files_per_request)
    total = sum(sizes)
    if total > policy.max_request_bytes:
        return UserError("request_too_large", size=total, limit=policy.max_request_bytes)
    return None
