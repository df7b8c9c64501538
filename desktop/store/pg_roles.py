"""PostgreSQL with two roles: the owner, who runs ``webdesk db upgrade`` (and owns the tables,
the append-only trigger and the purge function), and the application's role, which every PC
connects as.  The application's role may read and write everything, but on the audit tables
only read and insert: no UPDATE, DELETE or TRUNCATE, so a PC's database credentials cannot
rewrite the record.  The audited purge goes through ``webdesk_audit_purge`` (SECURITY
DEFINER), the only door.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

APPEND_ONLY_TABLES = ("audit_log", "audit_checkpoints", "audit_purges")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def valid_role_name(name: str) -> bool:
    return bool(_IDENTIFIER.match(name))


def grant_app_role(engine: Engine, role: str) -> list[str]:
    """Give ``role`` the application's rights on every table now in the schema (run again
    after each upgrade: ``webdesk db upgrade --grant-app-role ROLE``).  Returns the
    statements run."""
    if not valid_role_name(role):
        raise ValueError(role)
    quoted = f'"{role}"'
    audit = ", ".join(APPEND_ONLY_TABLES)
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit} FROM {quoted}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        "REVOKE ALL ON FUNCTION webdesk_audit_purge(timestamp) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION webdesk_audit_purge(timestamp) TO {quoted}",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    return statements


def role_rights(engine: Engine, role: str) -> dict[str, set[str]]:
    """What ``role`` may do on each table (for ``webdesk db check``)."""
    query = text("SELECT table_name, privilege_type FROM information_schema.role_table_grants "
                 "WHERE grantee = :role AND table_schema = 'public'")
    rights: dict[str, set[str]] = {}
    with engine.connect() as connection:
        for table, privilege in connection.execute(query, {"role": role}):
            rights.setdefault(str(table), set()).add(str(privilege))
    return rights
