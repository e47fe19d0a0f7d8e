"""deleted_conversation_name: the names (hashed twice) of deleted conversations, so that a save
still waiting in the action server's outbox cannot make an erased conversation anew (issue #11)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_conversation_name",
        sa.Column("name_hash", sa.String(length=64), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name_hash", name=op.f("pk_deleted_conversation_name")),
    )
    op.create_index(
        op.f("ix_deleted_conversation_name_deleted_at"), "deleted_conversation_name", ["deleted_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_deleted_conversation_name_deleted_at"), table_name="deleted_conversation_name")
    op.drop_table("deleted_conversation_name")
