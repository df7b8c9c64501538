"""Is this file a private SSH key WebDesk can use?  Checked when a server profile is saved,
so that a typo or a ``.pub`` file is caught at once rather than at the first publish."""

from __future__ import annotations

import os
from pathlib import Path

import paramiko

from desktop.domain.messages import register
from desktop.publish.errors import PublishError

register({
    "key_file_missing": (
        "ไม่พบไฟล์กุญแจ {path}", "The key file {path} does not exist.",
    ),
    "key_file_unreadable": (
        "อ่านไฟล์กุญแจ {path} ไม่ได้ ({detail})", "The key file {path} cannot be read ({detail}).",
    ),
    "key_file_public": (
        "{path} เป็นกุญแจสาธารณะ (.pub) ต้องระบุไฟล์กุญแจส่วนตัว เช่น {private}",
        "{path} is a public key; give the private key file instead (e.g. {private}).",
    ),
    "key_file_not_private_key": (
        "{path} ไม่ใช่ไฟล์กุญแจส่วนตัว SSH ที่อ่านได้ (รองรับ OpenSSH, PEM: ed25519, ecdsa, rsa)",
        "{path} is not an SSH private key WebDesk can read (OpenSSH or PEM: ed25519, ecdsa, "
        "rsa).",
    ),
})

MAX_KEY_FILE = 64 * 1024


def check_private_key_file(path_text: str) -> str:
    """The key's type ("ssh-ed25519", ...), or "encrypted" for a key with a passphrase (asked
    when connecting); raises a :class:`PublishError` saying what is wrong otherwise."""
    path = Path(os.path.expanduser(path_text))
    if not path.is_file():
        raise PublishError("key_file_missing", path=str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(MAX_KEY_FILE + 1)
    except OSError as exc:
        raise PublishError("key_file_unreadable", path=str(path),
                           detail=exc.strerror or str(exc)) from exc
    if len(head) > MAX_KEY_FILE:
        raise PublishError("key_file_not_private_key", path=str(path))
    if head.lstrip().startswith((b"ssh-", b"ecdsa-", b"sk-")):
        raise PublishError("key_file_public", path=str(path),
                           private=str(path.with_suffix("")) if path.suffix == ".pub"
                           else "~/.ssh/id_ed25519")
    try:
        return str(paramiko.PKey.from_path(str(path)).get_name())
    except (paramiko.PasswordRequiredException, TypeError):
        return "encrypted"          # cryptography says "password-protected" with a TypeError
    except (ValueError, paramiko.SSHException, UnicodeDecodeError) as exc:
        raise PublishError("key_file_not_private_key", path=str(path)) from exc
    except OSError as exc:
        raise PublishError("key_file_unreadable", path=str(path),
                           detail=exc.strerror or str(exc)) from exc
