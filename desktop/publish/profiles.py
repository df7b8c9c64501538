"""Server profiles: where and how an agency's site is published (stored by the lead in the DB)."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any

from desktop.domain.messages import Localized
from desktop.publish.errors import PublishError

# How the profile's fields are named to a person (a refusal names the fields, never the code).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("ชื่อเซิร์ฟเวอร์", "server name"),
    "host": ("ที่อยู่เครื่อง", "host"),
    "user": ("ชื่อผู้ใช้", "user name"),
    "port": ("พอร์ต", "port"),
    "key_path": ("ไฟล์กุญแจ", "key file"),
    "web_root": ("โฟลเดอร์เว็บไซต์", "web root"),
    "archive_dir": ("โฟลเดอร์เก็บถาวร (ต้องอยู่นอกโฟลเดอร์เว็บไซต์)",
                    "archive folder (outside the web root)"),
    "parallel_connections": ("จำนวนการเชื่อมต่อพร้อมกัน (1-16)", "parallel connections (1-16)"),
    "full_verify_max_mb": ("ขนาดไฟล์ที่ตรวจทุกไบต์", "full check size"),
    "timeouts": ("เวลารอการเชื่อมต่อ", "timeouts"),
    "staging_dir": ("โฟลเดอร์พักไฟล์ (ต้องอยู่นอกโฟลเดอร์เว็บไซต์)",
                    "staging folder (outside the web root)"),
    "log_folder": ("โฟลเดอร์บันทึกการเข้าใช้", "access log folder"),
    "retry_attempts": ("จำนวนครั้งที่ลองใหม่", "retry attempts"),
    "retry_delay": ("เวลารอก่อนลองใหม่", "retry delay"),
}
_CONNECTION_FIELDS = ("name", "host", "user", "port", "key_path", "timeouts")


def _fields_named(bad: list[str]) -> Localized:
    labels = [FIELD_LABELS.get(name, (name, name)) for name in dict.fromkeys(bad)]
    return Localized(", ".join(th for th, _ in labels), ", ".join(en for _, en in labels))


class AuthKind(enum.StrEnum):
    KEY = "key"
    AGENT = "agent"
    PASSWORD = "password"


class PublishMode(enum.StrEnum):
    SITE = "site"      # files plus an item page, the category index and the Atom feed
    FILES = "files"    # files only; the public URLs are reported for pasting into a CMS


class Verify(enum.StrEnum):
    """How a file on the server is checked after the upload."""

    SHA256 = "sha256"     # every byte read back and hashed: SHA-256 of the server's copy
    SAMPLED = "sampled"   # size, first and last chunk and ~1/16 of the rest read back and compared
    SIZE = "size"         # size only (the local file is still hashed against the approved one)


@dataclass(frozen=True)
class ServerProfile:
    name: str
    host: str
    user: str
    web_root: str
    archive_dir: str
    public_base_url: str = ""
    port: int = 22
    auth: AuthKind = AuthKind.KEY
    key_path: str | None = None
    category_folders: dict[str, str] = field(default_factory=dict)
    mode: PublishMode = PublishMode.SITE
    parallel_connections: int = 4
    connect_timeout: float = 15.0
    io_timeout: float = 60.0
    verify_sha256: bool = True
    full_verify_max_mb: int = 32    # larger files: size plus sampled read-back (Verify.SAMPLED)
    staging_dir: str = ""           # outside the web root; "" = next to it (see staging.py)
    site: str = ""                  # site identity; "" = host + web root (profiles may share)
    retry_attempts: int = 5         # reconnects in a row that make no progress, then give up
    retry_first_delay: float = 1.0  # seconds before the first reconnect, doubled each time
    retry_max_delay: float = 30.0
    log_folder: str = ""            # the web server's access logs (webdesk logs fetch)

    def problems(self) -> list[str]:
        """Names of the fields that are missing or wrong (empty when the profile is usable)."""
        bad: list[str] = []
        for name in ("name", "host", "user", "web_root", "archive_dir"):
            if not str(getattr(self, name)).strip():
                bad.append(name)
        if len(self.name) > 100:          # server_profiles.name is String(100)
            bad.append("name")
        if not 0 < self.port < 65536:
            bad.append("port")
        if self.auth == AuthKind.KEY and not self.key_path:
            bad.append("key_path")
        if not self.web_root.startswith("/"):
            bad.append("web_root")
        if not self.archive_dir.startswith("/") or _inside(self.archive_dir, self.web_root):
            bad.append("archive_dir")
        if not 1 <= self.parallel_connections <= 16:
            bad.append("parallel_connections")
        if self.full_verify_max_mb < 0:
            bad.append("full_verify_max_mb")
        if self.connect_timeout <= 0 or self.io_timeout <= 0:
            bad.append("timeouts")
        if self.staging_dir and (not self.staging_dir.startswith("/")
                                 or _inside(self.staging_dir, self.web_root)):
            bad.append("staging_dir")
        if self.log_folder and not self.log_folder.startswith("/"):
            bad.append("log_folder")
        if not 1 <= self.retry_attempts <= 1000:
            bad.append("retry_attempts")
        if not 0 <= self.retry_first_delay <= self.retry_max_delay <= 3600:
            bad.append("retry_delay")
        return bad

    def validate(self) -> ServerProfile:
        bad = self.problems()
        if bad:
            raise PublishError("sftp_profile_invalid", fields=_fields_named(bad))
        return self

    def validate_connection(self) -> ServerProfile:
        """Enough to log in (browsing the server while the folders are still being chosen)."""
        bad = [name for name in self.problems() if name in _CONNECTION_FIELDS]
        if bad:
            raise PublishError("sftp_profile_invalid", fields=_fields_named(bad))
        return self

    def folder_for(self, category: str) -> str:
        """The remote folder (relative to the web root) of a category; its code by default."""
        return self.category_folders.get(category, category)

    def public_url(self, relative_path: str) -> str:
        base = self.public_base_url.rstrip("/")
        return f"{base}/{relative_path.lstrip('/')}"

    @property
    def site_id(self) -> str:
        """Which web site this profile writes to.  Profiles with the same host and web root
        (another user, port or relay) are the same site: one set of records, one index."""
        if self.site.strip():
            return self.site.strip()
        root = self.web_root.rstrip("/") or "/"
        return f"{self.host.strip().lower()}:{root}"

    @property
    def known_hosts_name(self) -> str:
        """How OpenSSH writes this host in known_hosts."""
        return self.host if self.port == 22 else f"[{self.host}]:{self.port}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["auth"] = self.auth.value
        data["mode"] = self.mode.value
        data["category_folders"] = dict(self.category_folders)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServerProfile:
        known = set(cls.__dataclass_fields__)
        values = {key: value for key, value in data.items() if key in known}
        if "auth" in values:
            values["auth"] = AuthKind(values["auth"])
        if "mode" in values:
            values["mode"] = PublishMode(values["mode"])
        if "category_folders" in values:
            values["category_folders"] = dict(values["category_folders"] or {})
        if "port" in values:
            values["port"] = int(values["port"])
        if "retry_attempts" in values:
            values["retry_attempts"] = int(values["retry_attempts"])
        return cls(**values)


def _inside(path: str, folder: str) -> bool:
    path = path.rstrip("/") + "/"
    folder = folder.rstrip("/") + "/"
    return path.startswith(folder)
