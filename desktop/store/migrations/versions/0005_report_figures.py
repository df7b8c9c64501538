"""website statistics from access logs (log sources, days, paths) and satisfaction surveys

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "log_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("head_length", sa.Integer(), nullable=False),
        sa.Column("head_sha256", sa.String(64), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("lines", sa.BigInteger(), nullable=False),
        sa.Column("malformed", sa.BigInteger(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_import", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_sources")),
    )
    with op.batch_alter_table("log_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_log_sources_site"), ["site"], unique=False)
    op.create_table(
        "log_days",
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("requests", sa.BigInteger(), nullable=False),
        sa.Column("page_views", sa.BigInteger(), nullable=False),
        sa.Column("downloads", sa.BigInteger(), nullable=False),
        sa.Column("bot_requests", sa.BigInteger(), nullable=False),
        sa.Column("bytes_sent", sa.BigInteger(), nullable=False),
        sa.Column("unique_visitors", sa.Integer(), nullable=False),
        sa.Column("statuses", sa.Text(), nullable=False),
        sa.Column("visitor_keys", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("site", "day", name=op.f("pk_log_days")),
    )
    op.create_table(
        "log_paths",
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("path_sha1", sa.String(40), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("hits", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("site", "month", "kind", "path_sha1", name=op.f("pk_log_paths")),
    )
    op.create_table(
        "survey_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("source_name", sa.String(500), nullable=False),
        sa.Column("source_sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.Integer(), nullable=True),
        sa.Column("responses", sa.Integer(), nullable=False),
        sa.Column("skipped_rows", sa.Integer(), nullable=False),
        sa.Column("missing_answers", sa.Integer(), nullable=False),
        sa.Column("out_of_range", sa.Integer(), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["imported_by"], ["users.id"],
                                name=op.f("fk_survey_imports_imported_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_imports")),
    )
    with op.batch_alter_table("survey_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_imports_source_sha256"), ["source_sha256"],
                              unique=False)
    op.create_table(
        "survey_results",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("question", sa.String(40), nullable=False),
        sa.Column("n1", sa.Integer(), nullable=False),
        sa.Column("n2", sa.Integer(), nullable=False),
        sa.Column("n3", sa.Integer(), nullable=False),
        sa.Column("n4", sa.Integer(), nullable=False),
        sa.Column("n5", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("out_of_range", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["survey_imports.id"],
                                name=op.f("fk_survey_results_import_id_survey_imports")),
        sa.PrimaryKeyConstraint("import_id", "month", "question", name=op.f("pk_survey_results")),
    )
    op.create_table(
        "survey_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("column", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["survey_imports.id"],
                                name=op.f("fk_survey_comments_import_id_survey_imports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_comments")),
    )
    with op.batch_alter_table("survey_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_comments_import_id"), ["import_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("survey_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_comments_import_id"))
    op.drop_table("survey_comments")
    op.drop_table("survey_results")
    with op.batch_alter_table("survey_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_imports_source_sha256"))
    op.drop_table("survey_imports")
    op.drop_table("log_paths")
    op.drop_table("log_days")
    with op.batch_alter_table("log_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_sources_site"))
    op.drop_table("log_sources")
