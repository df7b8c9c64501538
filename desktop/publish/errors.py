"""User-facing errors of the SFTP publishing room, in Thai and English.

Every failure a webmaster can act on is a :class:`PublishError` (a ``UserError``) with its own
code; the texts are registered with the message catalogue when this module is imported.
"""

from __future__ import annotations

from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.messages import register


class PublishError(UserError):
    """Publishing could not complete; nothing half-done is visible on the site."""


class HostKeyUnknownError(PublishError):
    """The server's key is not in any known_hosts file: the user must confirm it first.

    ``host_key`` carries the paramiko key so that the caller can pass it to
    :func:`desktop.publish.hostkeys.trust` once the user has confirmed the fingerprint.
    """

    def __init__(self, host: str, port: int, host_key: Any, key_type: str,
                 fingerprint: str) -> None:
        super().__init__("sftp_host_key_unknown", host=host, port=port, key_type=key_type,
                         fingerprint=fingerprint)
        self.host = host
        self.port = port
        self.host_key = host_key
        self.key_type = key_type
        self.fingerprint = fingerprint


class HostKeyChangedError(PublishError):
    """The server presents a key other than the one recorded: the connection is blocked."""

    def __init__(self, host: str, port: int, key_type: str, old_fingerprints: list[str],
                 new_fingerprint: str, host_key: Any = None) -> None:
        super().__init__("sftp_host_key_changed", host=host, port=port, key_type=key_type,
                         old_fingerprints=", ".join(old_fingerprints),
                         new_fingerprint=new_fingerprint)
        self.host = host
        self.port = port
        self.key_type = key_type
        self.old_fingerprints = old_fingerprints
        self.new_fingerprint = new_fingerprint
        self.host_key = host_key        # the new key, for an admin who confirms the change


class ConnectionLostError(PublishError):
    """The link dropped mid-way: the work done so far is kept for a retry."""


class PublishCancelledError(PublishError):
    """The user cancelled: the server was left as it was before."""


register({
    "sftp_unreachable": (
        "ติดต่อเซิร์ฟเวอร์ {host} พอร์ต {port} ไม่ได้ ({detail}) กรุณาตรวจสอบชื่อเครื่อง พอร์ต "
        "และการเชื่อมต่อเครือข่าย",
        "Cannot reach the server {host} on port {port} ({detail}). Check the host name, "
        "the port and the network.",
    ),
    "sftp_timeout": (
        "เซิร์ฟเวอร์ {host} พอร์ต {port} ไม่ตอบสนองภายในเวลาที่กำหนด ({seconds} วินาที)",
        "The server {host} on port {port} did not answer in time ({seconds} s).",
    ),
    "sftp_not_ssh": (
        "เซิร์ฟเวอร์ {host} พอร์ต {port} ไม่ใช่บริการ SSH/SFTP ({detail})",
        "The server {host} on port {port} does not speak SSH/SFTP ({detail}).",
    ),
    "sftp_auth_failed": (
        "เข้าสู่ระบบเซิร์ฟเวอร์ {host} ในชื่อ {user} ไม่สำเร็จ: รหัสผ่านหรือกุญแจไม่ถูกต้อง",
        "Could not log in to {host} as {user}: wrong password or key.",
    ),
    "sftp_key_unreadable": (
        "อ่านไฟล์กุญแจ {path} ไม่ได้ ({detail})",
        "Cannot read the key file {path} ({detail}).",
    ),
    "sftp_key_passphrase_wrong": (
        "รหัสผ่านของไฟล์กุญแจ {path} ไม่ถูกต้อง",
        "Wrong passphrase for the key file {path}.",
    ),
    "sftp_no_agent_keys": (
        "ไม่พบกุญแจใน ssh-agent หรือไม่มี ssh-agent ทำงานอยู่",
        "No keys in ssh-agent (or no ssh-agent is running).",
    ),
    "sftp_password_needed": (
        "ต้องใช้รหัสผ่านสำหรับ {user}@{host} แต่ไม่มีที่เก็บรหัสผ่านของระบบ และไม่ได้ป้อนไว้",
        "A password is needed for {user}@{host}, but there is no OS keyring and none was "
        "entered.",
    ),
    "sftp_passphrase_needed": (
        "ต้องใช้รหัสผ่านของไฟล์กุญแจสำหรับ {user}@{host} แต่ไม่มีที่เก็บรหัสผ่านของระบบ "
        "และไม่ได้ป้อนไว้",
        "The key file's passphrase is needed for {user}@{host}, but there is no OS keyring "
        "and none was entered.",
    ),
    "sftp_host_key_unknown": (
        "ยังไม่รู้จักเซิร์ฟเวอร์ {host} (พอร์ต {port}) กุญแจ {key_type} ลายนิ้วมือ {fingerprint} "
        "กรุณาตรวจสอบกับผู้ดูแลเซิร์ฟเวอร์แล้วยืนยันก่อนเชื่อมต่อ",
        "The server {host} (port {port}) is not known yet: {key_type} key {fingerprint}. "
        "Check it with the server's administrator and confirm it before connecting.",
    ),
    "sftp_host_key_changed": (
        "คำเตือน: กุญแจของเซิร์ฟเวอร์ {host} (พอร์ต {port}) เปลี่ยนไป (CHANGED)! เดิม {old_fingerprints} "
        "ใหม่ {key_type} {new_fingerprint} อาจมีผู้ดักฟัง จึงระงับการเชื่อมต่อ "
        "ติดต่อผู้ดูแลเซิร์ฟเวอร์",
        "WARNING: the key of the server {host} (port {port}) has CHANGED! Was {old_fingerprints}, "
        "now {key_type} {new_fingerprint}. Someone may be intercepting the connection, so it "
        "was blocked. Contact the server's administrator.",
    ),
    "sftp_fingerprint_mismatch": (
        "ลายนิ้วมือไม่ตรง: เซิร์ฟเวอร์แสดง {actual} แต่ระบุไว้ {expected}",
        "Fingerprint mismatch: the server shows {actual}, but {expected} was given.",
    ),
    "sftp_permission_denied": (
        "ไม่มีสิทธิ์เขียนที่ {path} บนเซิร์ฟเวอร์ กรุณาให้ผู้ดูแลเซิร์ฟเวอร์ตรวจสอบสิทธิ์",
        "Permission denied on the server at {path}. Ask the server's administrator to check "
        "the permissions.",
    ),
    "sftp_disk_full": (
        "พื้นที่บนเซิร์ฟเวอร์ไม่พอ ({path}): ต้องการ {needed} ไบต์ เหลือ {free} ไบต์",
        "The server's disk is full ({path}): {needed} bytes needed, {free} bytes free.",
    ),
    "sftp_disk_full_write": (
        "พื้นที่บนเซิร์ฟเวอร์เต็มระหว่างเขียน {path} (เหลือ {free} ไบต์)",
        "The server's disk filled up while writing {path} ({free} bytes free).",
    ),
    "sftp_write_failed": (
        "เซิร์ฟเวอร์เขียนไฟล์ {path} ไม่สำเร็จ ({detail}) อาจเป็นเพราะพื้นที่เต็มหรือเกินโควตา",
        "The server could not write {path} ({detail}); the disk may be full or over quota.",
    ),
    "sftp_no_posix_rename": (
        "เซิร์ฟเวอร์ {host} ไม่รองรับการย้ายไฟล์แบบ posix-rename จึงเผยแพร่อย่างปลอดภัยไม่ได้ "
        "(ต้องใช้ OpenSSH SFTP)",
        "The server {host} does not support posix-rename, so WebDesk cannot publish safely "
        "(an OpenSSH SFTP server is needed).",
    ),
    "sftp_unsafe_path": (
        "ชื่อ {path} ไม่ปลอดภัย (ออกนอกโฟลเดอร์เว็บไซต์ หรือมีอักขระต้องห้าม)",
        "The name {path} is not safe (it leaves the web folder or has forbidden characters).",
    ),
    "sftp_remote_symlink": (
        "{path} บนเซิร์ฟเวอร์เป็นลิงก์สัญลักษณ์ (symlink) จึงไม่เขียนผ่าน",
        "{path} on the server is a symbolic link; WebDesk will not write through it.",
    ),
    "sftp_remote_missing": (
        "ไม่พบ {path} บนเซิร์ฟเวอร์",
        "{path} does not exist on the server.",
    ),
    "sftp_verify_failed": (
        "ตรวจสอบไฟล์ {path} หลังอัปโหลดไม่ผ่าน ({detail}) จะส่งใหม่เมื่อลองอีกครั้ง",
        "Checking {path} after the upload failed ({detail}); it will be sent again on retry.",
    ),
    "sftp_connection_lost": (
        "การเชื่อมต่อกับ {host} ขาดระหว่างทำงาน ({detail}) ไม่มีสิ่งใดถูกเผยแพร่ครึ่ง ๆ กลาง ๆ "
        "ลองใหม่ได้",
        "The connection to {host} dropped ({detail}). Nothing was half-published; you can "
        "retry.",
    ),
    "sftp_cancelled": (
        "ยกเลิกการเผยแพร่แล้ว เซิร์ฟเวอร์ยังคงเหมือนเดิม",
        "Publishing was cancelled; the server was left as it was.",
    ),
    "sftp_server_error": (
        "เซิร์ฟเวอร์ปฏิเสธคำสั่งกับ {path}: {detail}",
        "The server refused an operation on {path}: {detail}",
    ),
    "sftp_archive_failed": (
        "ย้าย {path} ไปที่เก็บถาวร {archive} ไม่สำเร็จ ({detail}) ไม่มีไฟล์ใดถูกลบ "
        "กรุณาตรวจสอบพื้นที่ว่างของที่เก็บถาวรแล้วลองใหม่",
        "Could not move {path} to the archive {archive} ({detail}). Nothing was deleted; "
        "check the free space of the archive and retry.",
    ),
    "sftp_profile_invalid": (
        "การตั้งค่าเซิร์ฟเวอร์ไม่ถูกต้อง: {fields}",
        "The server settings are not valid: {fields}",
    ),
})
