"""Rules shared by the zip and rar checks: unsafe entry names, executables, the size budget."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop.domain.file_policy import FilePolicy
from desktop.files.findings import Findings, Refused

EXECUTABLE_EXTENSIONS = frozenset({
    "exe", "dll", "com", "scr", "pif", "cpl", "msi", "msp", "msc", "sys", "drv", "ocx",
    "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "lnk", "reg",
    "jar", "class", "apk", "app", "dmg", "pkg", "deb", "rpm", "sh", "bash", "zsh", "csh",
    "run", "elf", "so", "dylib", "py", "pyc", "pl", "rb", "php", "phtml", "asp",
    "aspx", "jsp", "cgi", "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm",
    "appx", "msix", "iso", "img", "vhd", "vhdx", "gadget", "inf", "url", "website", "svg",
    "html", "htm", "xhtml", "shtml", "mht", "mhtml",
})
NESTED_ARCHIVE_EXTENSIONS = frozenset({"zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar",
                                       "cab", "arj", "lzh", "z", "zst"})
_DRIVE = re.compile(r"^[A-Za-z]:")
MIB = 1024 * 1024
RATIO_FLOOR = MIB  # ratios of small entries are noise; only judge a megabyte or more


@dataclass
class ArchiveBudget:
    """Uncompressed bytes allowed across an archive and every archive nested in it."""

    limit: int
    used: int = 0

    def charge(self, amount: int, what: str) -> None:
        self.used += amount
        if self.used > self.limit:
            raise Refused("archive_bomb",
                          detail=f"{what}: more than {self.limit} bytes when unpacked")


def unsafe_entry_reason(name: str) -> str | None:
    """Why an entry name could escape the folder it is unpacked in, or None."""
    if not name:
        return "empty name"
    if any(unicodedata.category(char) == "Cc" for char in name):
        return "control character in name"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "absolute path"
    parts = name.replace("\\", "/").split("/")
    if any(part == ".." for part in parts):
        return "parent folder (..)"
    return None


def extension_of(name: str) -> str:
    last = name.replace("\\", "/").rstrip("/").split("/")[-1]
    _, dot, ext = last.rpartition(".")
    return ext.lower() if dot else ""


def check_declared_sizes(total_uncompressed: int, total_compressed: int, policy: FilePolicy,
                         budget: ArchiveBudget) -> None:
    """Bomb checks on what the archive says it holds, before anything is unpacked."""
    if total_uncompressed > policy.archive_max_total_uncompressed:
        raise Refused("archive_bomb", detail=f"declares {total_uncompressed} bytes unpacked "
                      f"(limit {policy.archive_max_total_uncompressed})")
    if total_uncompressed >= RATIO_FLOOR:
        ratio = total_uncompressed / max(total_compressed, 1)
        if ratio > policy.archive_max_ratio:
            raise Refused("archive_bomb", detail=f"compression ratio {ratio:.0f}:1 "
                          f"(limit {policy.archive_max_ratio}:1)")
    if budget.used + total_uncompressed > budget.limit:
        raise Refused("archive_bomb", detail=f"nested archives unpack to more than "
                      f"{budget.limit} bytes")


def flag_executable(entry: str, policy: FilePolicy, findings: Findings) -> None:
    if policy.refuse_archive_executables:
        raise Refused("archive_executable", entry=entry[:200])
    findings.warn("warn_archive_executable")
    flagged = findings.details.setdefault("executables", [])
    if len(flagged) < 50:
        flagged.append(entry[:200])
