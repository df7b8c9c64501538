"""publishing as a recorded transaction: publication status and site, resume inside a file,
generated site pages

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(20), nullable=False,
                                      server_default="published"))
        batch_op.add_column(sa.Column("site", sa.String(300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("folder", sa.String(1000), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("files", sa.Text(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("actor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("actor_name", sa.String(100), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_publications_site"), ["site"], unique=False)
    with op.batch_alter_table("upload_journal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("complete", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
        batch_op.add_column(sa.Column("verified_bytes", sa.BigInteger(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("prefix_sha256", sa.String(64), nullable=False,
                                      server_default=""))
    op.create_table(
        "site_pages",
        sa.Column("site", sa.String(300), nullable=False),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mtime", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("site", "path", name=op.f("pk_site_pages")),
    )
    _fill_existing_publications()


def _fill_existing_publications() -> None:
    """Publications made before: their status from taken_down_at, their site and folder from
    the server profile they went through (host + web root, as ServerProfile.site_id)."""
    bind = op.get_bind()
    profiles: dict[str, tuple[str, str]] = {}
    for name, data in bind.execute(sa.text("SELECT name, data FROM server_profiles")):
        try:
            values = json.loads(data)
        except ValueError:
            continue
        root = str(values.get("web_root", "")).rstrip("/") or "/"
        site = str(values.get("site") or "").strip() or \
            f"{str(values.get('host', '')).strip().lower()}:{root}"
        profiles[name] = (site, root)
    rows = bind.execute(sa.text(
        "SELECT id, server, remote_path, taken_down_at FROM publications")).all()
    for row_id, server, remote_path, taken_down_at in rows:
        site, root = profiles.get(server, ("", "/"))
        folder = remote_path[len(root):].strip("/") if remote_path.startswith(root) else ""
        bind.execute(sa.text("UPDATE publications SET status = :status, site = :site, "
                             "folder = :folder WHERE id = :id"),
                     {"status": "taken_down" if taken_down_at else "published", "site": site,
                      "folder": folder, "id": row_id})


def downgrade() -> None:
    op.drop_table("site_pages")
    with op.batch_alter_table("upload_journal", schema=None) as batch_op:
        batch_op.drop_column("prefix_sha256")
        batch_op.drop_column("verified_bytes")
        batch_op.drop_column("complete")
    with op.batch_alter_table("publications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_publications_site"))
        for column in ("note", "updated_at", "actor_name", "actor_id", "files", "folder",
                       "site", "status"):
            batch_op.drop_column(column)
