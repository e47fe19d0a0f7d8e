"""volunteers' one-time codes to start helping on a person's phone (only their keyed hash)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assistance_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_user.id"],
            name=op.f("fk_assistance_code_staff_user_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistance_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_assistance_code_code_hash")),
    )
    with op.batch_alter_table("assistance_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assistance_code_staff_user_id"), ["staff_user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assistance_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistance_code_staff_user_id"))
    op.drop_table("assistance_code")
