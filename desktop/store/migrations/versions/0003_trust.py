"""trust: signing keys, signed sign-offs, audit anchors, request versions and counters

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

On PostgreSQL it also makes the audit log append-only: a trigger refuses UPDATE, DELETE and
TRUNCATE of ``audit_log`` and ``audit_checkpoints`` except inside ``webdesk_audit_purge``, a
SECURITY DEFINER function owned by whoever runs ``webdesk db upgrade`` (the owner role).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target],
                                   name=op.f(f"fk_{table}_{column}_{ref_table}"))


def upgrade() -> None:
    op.create_table(
        "request_editors",
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk("request_editors", "request_id", "requests.id"),
        _fk("request_editors", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("request_id", "user_id", name=op.f("pk_request_editors")),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "agency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        _fk("agency_keys", "created_by", "users.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_keys")),
    )
    op.create_table(
        "agency_key_copies",
        sa.Column("agency_key_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("agency_key_copies", "agency_key_id", "agency_keys.id"),
        _fk("agency_key_copies", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("agency_key_id", "user_id", name=op.f("pk_agency_key_copies")),
    )
    op.create_table(
        "user_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        _fk("user_keys", "user_id", "users.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_keys")),
    )
    with op.batch_alter_table("user_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_keys_user_id"), ["user_id"], unique=False)
    op.create_table(
        "key_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_key_id", sa.Integer(), nullable=False),
        sa.Column("agency_key_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=True),
        _fk("key_certificates", "agency_key_id", "agency_keys.id"),
        _fk("key_certificates", "user_key_id", "user_keys.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_certificates")),
    )
    with op.batch_alter_table("key_certificates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_certificates_user_key_id"), ["user_key_id"],
                              unique=False)
    for table in ("audit_checkpoints", "audit_purges"):
        columns: list[Any] = [
            sa.Column("id", sa.Integer(), nullable=False),
            *([sa.Column("audit_id", sa.Integer(), nullable=False),
               sa.Column("audit_hash", sa.String(length=64), nullable=False),
               sa.Column("kind", sa.String(length=40), nullable=False)]
              if table == "audit_checkpoints" else
              [sa.Column("purged_at", sa.DateTime(), nullable=False),
               sa.Column("rows", sa.Integer(), nullable=False),
               sa.Column("first_kept_id", sa.Integer(), nullable=False),
               sa.Column("first_kept_prev_hash", sa.String(length=64), nullable=False)]),
            sa.Column("record", sa.Text(), nullable=False),
            sa.Column("signature", sa.String(length=128), nullable=False),
            sa.Column("user_key_id", sa.Integer(), nullable=False),
            sa.Column("certificate_id", sa.Integer(), nullable=False),
            *([sa.Column("signed_at", sa.DateTime(), nullable=False)]
              if table == "audit_checkpoints" else []),
        ]
        op.create_table(
            table, *columns,
            _fk(table, "certificate_id", "key_certificates.id"),
            _fk(table, "user_key_id", "user_keys.id"),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )
    with op.batch_alter_table("audit_checkpoints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_checkpoints_audit_id"), ["audit_id"],
                              unique=False)
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                      server_default="1"))
        batch_op.add_column(sa.Column("updated_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_requests_updated_by_users"), "users",
                                    ["updated_by"], ["id"])
    with op.batch_alter_table("signoffs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("signature", sa.String(length=128), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("user_key_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("certificate_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_signoffs_user_key_id_user_keys"),
                                    "user_keys", ["user_key_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_signoffs_certificate_id_key_certificates"),
                                    "key_certificates", ["certificate_id"], ["id"])
    _start_counters()
    _record_editors()
    if op.get_bind().dialect.name == "postgresql":
        for statement in APPEND_ONLY_SQL:
            op.execute(statement)


def _start_counters() -> None:
    """Request numbers go on from the highest reference of each Buddhist-Era year."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT reference FROM requests")).scalars().all()
    highest: dict[str, int] = {}
    for reference in rows:
        prefix, _, number = str(reference).rpartition("-")
        if prefix and number.isdigit():
            highest[prefix] = max(highest.get(prefix, 0), int(number))
    for prefix, value in highest.items():
        bind.execute(sa.text("INSERT INTO counters (name, value) VALUES (:n, :v)"),
                     {"n": f"reference:{prefix}", "v": value})


def _record_editors() -> None:
    """Whoever added a file so far counts as an editor (separation of duties)."""
    op.execute("INSERT INTO request_editors (request_id, user_id) "
               "SELECT DISTINCT request_id, added_by FROM attachments WHERE added_by IS NOT NULL")


APPEND_ONLY_SQL = (
    """
    CREATE OR REPLACE FUNCTION webdesk_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('webdesk.audit_purge', true) = 'on' AND TG_TABLE_NAME = 'audit_log'
           AND TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'WebDesk: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION webdesk_audit_guard()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION webdesk_audit_guard()",
    "CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints "
    "FOR EACH ROW EXECUTE FUNCTION webdesk_audit_guard()",
    "CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints "
    "FOR EACH STATEMENT EXECUTE FUNCTION webdesk_audit_guard()",
    # The only door for deleting audit rows: rows older than the cutoff, which the caller
    # (desktop/services/audit_log.purge) checks against the 90-day retention and anchors.
    """
    CREATE OR REPLACE FUNCTION webdesk_audit_purge(cutoff timestamp) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER AS $$
    DECLARE removed integer;
    BEGIN
        IF cutoff > localtimestamp - interval '90 days' THEN
            RAISE EXCEPTION 'WebDesk: audit rows younger than 90 days are kept'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('webdesk.audit_purge', 'on', true);
        DELETE FROM audit_log WHERE at < cutoff;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('webdesk.audit_purge', 'off', true);
        RETURN removed;
    END $$
    """,
)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS webdesk_audit_purge(timestamp)")
        for trigger, table in (("audit_log_append_only", "audit_log"),
                               ("audit_log_no_truncate", "audit_log"),
                               ("audit_checkpoints_append_only", "audit_checkpoints"),
                               ("audit_checkpoints_no_truncate", "audit_checkpoints")):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS webdesk_audit_guard()")
    with op.batch_alter_table("signoffs", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_signoffs_certificate_id_key_certificates"),
                                 type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_signoffs_user_key_id_user_keys"),
                                 type_="foreignkey")
        for column in ("certificate_id", "user_key_id", "signature", "record"):
            batch_op.drop_column(column)
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_requests_updated_by_users"), type_="foreignkey")
        batch_op.drop_column("updated_by")
        batch_op.drop_column("version")
    for table in ("audit_purges", "audit_checkpoints", "key_certificates", "user_keys",
                  "agency_key_copies", "agency_keys", "counters", "request_editors"):
        op.drop_table(table)
