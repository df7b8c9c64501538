"""The audit chain head left on the web server by each publish: a witness outside the
database, beside the archive (outside the web root).

The file names the database, the head (row id and hash) at the end of the publish, and the
latest signed checkpoint (an approver's or admin's Ed25519 signature over a head), so a
chain rewritten in the database later disagrees with a copy the database writer cannot
reach.  ``webdesk audit verify --server NAME`` reads it back.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode
from desktop.publish.connection import SftpConnection, connect
from desktop.publish.credentials import CredentialStore
from desktop.publish.pipeline import RequestPipe
from desktop.publish.profiles import ServerProfile
from desktop.publish.remote_ops import RemoteOps
from desktop.services.context import AppContext
from desktop.services.servers import host_key_store
from desktop.services.witness import Witness, database_identity
from desktop.store import audit, keys_repo

FILE_NAME = ".webdesk-audit-head.json"

class AuditServerMessage(MessageCode):
    NO_SERVER_WITNESS = (
        "no_server_witness",
        "ยังไม่มีหัวสายบันทึกการตรวจสอบบนเซิร์ฟเวอร์ {server} (จะมีหลังการเผยแพร่ครั้งถัดไป)",
        "The server {server} holds no audit chain head yet (it is written by the next publish).",
    )
    SERVER_WITNESS_OTHER_DATABASE = (
        "server_witness_other_database",
        "หัวสายบันทึกบนเซิร์ฟเวอร์ {server} เป็นของฐานข้อมูลอื่น ({database})",
        "The audit chain head on {server} belongs to another database ({database}).",
    )



def witness_path(profile: ServerProfile) -> str:
    return f"{profile.archive_dir.rstrip('/')}/{FILE_NAME}"


def payload(ctx: AppContext) -> dict[str, Any]:
    with ctx.db.read() as session:
        head = audit.head(session)
        latest = keys_repo.latest_checkpoint(session)
    checkpoint = None if latest is None else {
        "audit_id": latest.audit_id, "audit_hash": latest.audit_hash, "kind": latest.kind,
        "record": latest.record, "signature": latest.signature,
        "user_key_id": latest.user_key_id, "certificate_id": latest.certificate_id}
    return {"v": 1, "database": database_identity(ctx.paths.database_url),
            "head": {"id": head[0], "hash": head[1]},
            "written_at": datetime.now().isoformat(timespec="seconds"),
            "workstation": ctx.workstation, "checkpoint": checkpoint}


def write_witness(ctx: AppContext, connection: SftpConnection, profile: ServerProfile) -> None:
    """After a publish or takedown: replace the server's copy (written aside as
    ``<file>.part``, mode 0600, renamed; its requests pipelined).  Raises a UserError."""
    data = json.dumps(payload(ctx), ensure_ascii=False, indent=1).encode("utf-8")
    RemoteOps(RequestPipe(connection.sftp), connection).replace_small_file(
        witness_path(profile), data, 0o600)


def read_witness(ctx: AppContext, profile: ServerProfile,
                 credentials: CredentialStore) -> Witness:
    with connect(profile, host_key_store(ctx), credentials) as connection:
        try:
            with connection.sftp.open(witness_path(profile), "rb") as handle:
                data = json.loads(handle.read(1024 * 1024).decode("utf-8"))
        except OSError as exc:
            raise UserError(AuditServerMessage.NO_SERVER_WITNESS, server=profile.name) from exc
        except ValueError as exc:
            raise UserError(AuditServerMessage.NO_SERVER_WITNESS, server=profile.name) from exc
    head = data.get("head") if isinstance(data, dict) else None
    if not isinstance(head, dict) or not isinstance(head.get("id", 0), int):
        # a damaged or altered copy: no head to compare with (never a traceback)
        raise UserError(AuditServerMessage.NO_SERVER_WITNESS, server=profile.name)
    if data.get("database") != database_identity(ctx.paths.database_url):
        raise UserError(AuditServerMessage.SERVER_WITNESS_OTHER_DATABASE, server=profile.name,
                        database=str(data.get("database")))
    return Witness(f"server {profile.name}", int(head.get("id", 0)), str(head.get("hash", "")),
                   str(data.get("written_at", "")))
