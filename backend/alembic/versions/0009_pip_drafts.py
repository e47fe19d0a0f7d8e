"""PIP drafts: every save of a case manager's PIP draft is a new version (backend/pip/)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pip_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("decided_route", sa.String(length=20), nullable=True),
        sa.Column("pip_date", sa.Date(), nullable=True),
        sa.Column("indications", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_user.id"], name=op.f("fk_pip_version_author_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intake.id"], name=op.f("fk_pip_version_intake_id_intake"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pip_version")),
        sa.UniqueConstraint("intake_id", "version", name=op.f("uq_pip_version_intake_id")),
    )
    with op.batch_alter_table("pip_version", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pip_version_intake_id"), ["intake_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pip_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pip_version_intake_id"))
    op.drop_table("pip_version")
