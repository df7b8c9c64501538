"""PostgreSQL's own tools for backups: ``pg_dump --format=custom`` and ``pg_restore``.

The password goes to the tools through the environment (never on a command line that ``ps``
shows).  A missing tool, or one older than the server, is not an error: the caller falls
back to the logical export.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from desktop.domain.errors import UserError
from desktop.domain.messages import MessageCode


class BackupPgMessage(MessageCode):
    PG_RESTORE_FAILED = (
        "pg_restore_failed",
        "pg_restore นำข้อมูลกลับไม่สำเร็จ: {detail}",
        "pg_restore could not restore the database: {detail}",
    )
    PG_RESTORE_MISSING = (
        "pg_restore_missing",
        "ไฟล์สำรองนี้ทำด้วย pg_dump ต้องใช้โปรแกรม pg_restore (Debian: postgresql-client) "
        "ซึ่งไม่พบในเครื่องนี้",
        "This backup was made with pg_dump; restoring it needs pg_restore (Debian: "
        "postgresql-client), which this PC lacks.",
    )



def find_tool(name: str) -> str | None:
    """The newest ``name`` of Debian's /usr/lib/postgresql/N/bin, else the one on PATH."""
    override = os.environ.get("WEBDESK_PG_BINDIR")
    folders = [override] if override else []
    folders += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def _version(folder: str) -> tuple[int, ...]:
    return tuple(int(p) for p in Path(folder).parent.name.split(".") if p.isdigit())


def libpq_environment(url: str) -> dict[str, str]:
    """PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (and sslmode) from a SQLAlchemy URL."""
    parsed = make_url(url)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    pairs: dict[str, object] = {
        "PGHOST": parsed.host, "PGPORT": parsed.port, "PGUSER": parsed.username,
        "PGPASSWORD": parsed.password, "PGDATABASE": parsed.database}
    query = dict(parsed.query)
    for option, variable in (("host", "PGHOST"), ("sslmode", "PGSSLMODE")):
        value = query.get(option)
        if value and not pairs.get(variable):
            pairs[variable] = value if isinstance(value, str) else value[0]
    env.update({key: str(value) for key, value in pairs.items() if value not in (None, "")})
    return env


def dump(url: str, out: Path, snapshot: str | None) -> bool:
    """``pg_dump`` into ``out``; False when the tool is missing or cannot dump this server."""
    tool = find_tool("pg_dump")
    if tool is None:
        return False
    command = [tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={out}"]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    result = subprocess.run(command, env=libpq_environment(url), capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        out.unlink(missing_ok=True)
        return False
    os.chmod(out, 0o600)
    return True


def restore(url: str, dump_file: Path) -> None:
    """``pg_restore`` into the (emptied) database of ``url``, in one transaction."""
    tool = find_tool("pg_restore")
    if tool is None:
        raise UserError(BackupPgMessage.PG_RESTORE_MISSING)
    command = [tool, "--clean", "--if-exists", "--no-owner", "--no-privileges",
               "--single-transaction",
               "--exit-on-error", f"--dbname={make_url(url).database}", str(dump_file)]
    result = subprocess.run(command, env=libpq_environment(url), capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        detail = " ".join((result.stderr or "").split())[:300]
        raise UserError(BackupPgMessage.PG_RESTORE_FAILED, detail=detail)
