"""What a checker found: details and warnings, or a refusal raised as :class:`Refused`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class Refused(Exception):  # noqa: N818  (a verdict, not an error)
    """Raised by a checker to refuse the file with a reason code from file_messages."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class Findings:
    """Collected while a file is checked; becomes a Verdict's details and warnings."""

    details: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def warn(self, code: str) -> None:
        if code not in self.warnings:
            self.warnings.append(code)
