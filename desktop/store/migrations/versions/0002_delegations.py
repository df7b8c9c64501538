"""delegations (acting for an approver over a date range)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("delegator_id", sa.Integer(), nullable=False),
        sa.Column("delegate_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"],
                                name=op.f("fk_delegations_created_by_users")),
        sa.ForeignKeyConstraint(["delegate_id"], ["users.id"],
                                name=op.f("fk_delegations_delegate_id_users")),
        sa.ForeignKeyConstraint(["delegator_id"], ["users.id"],
                                name=op.f("fk_delegations_delegator_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegations")),
    )
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delegations_delegate_id"), ["delegate_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_delegations_delegator_id"), ["delegator_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("delegations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_delegations_delegator_id"))
        batch_op.drop_index(batch_op.f("ix_delegations_delegate_id"))
    op.drop_table("delegations")
